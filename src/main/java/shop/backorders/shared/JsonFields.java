package shop.backorders.shared;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * Fields of the JSON snapshots PostgreSQL writes (read model rows, change-log and outbox payloads), in the
 * shop's types; an absent or null field is null.
 */
public final class JsonFields {

    private JsonFields() {
    }

    /** A timestamptz as {@code to_jsonb} writes it: ISO-8601 with an offset. */
    public static Instant instant(JsonObject json, String field) {
        String value = json.getString(field);
        return value == null ? null : OffsetDateTime.parse(value).toInstant();
    }

    public static LocalDate date(JsonObject json, String field) {
        String value = json.getString(field);
        return value == null ? null : LocalDate.parse(value);
    }

    /** An array of objects; none if the field was null. */
    public static List<JsonObject> objects(JsonArray array) {
        return array == null ? List.of() : array.stream().map(JsonObject.class::cast).toList();
    }
}
