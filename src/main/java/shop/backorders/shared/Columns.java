package shop.backorders.shared;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;

/**
 * Values of native query result columns, as the reactive driver hands them over, in the shop's types;
 * null stays null.
 */
public final class Columns {

    private Columns() {
    }

    public static LocalDate localDate(Object value) {
        return value instanceof java.sql.Date date ? date.toLocalDate() : (LocalDate) value;
    }

    public static Instant instant(Object value) {
        if (value instanceof OffsetDateTime time) {
            return time.toInstant();
        }
        return value instanceof java.sql.Timestamp time ? time.toInstant() : (Instant) value;
    }

    public static Long longOrNull(Object value) {
        return value == null ? null : ((Number) value).longValue();
    }
}
