package shop.backorders.notification;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import shop.backorders.shared.Columns;
import shop.backorders.shared.Sql;

/**
 * The outbox as staff see it: mails listed and found as {@link Notification}s, and a FAILED one put back
 * in line.
 */
@ApplicationScoped
@WithSession
public class StaffOutbox {

    /** Reads rows as {@link #notification(Object[])} maps them. */
    private static final String SELECT = """
            SELECT id, kind, recipient, backorder_id, state, attempts, due_at, last_error, created_at, sent_at,
                   CAST(payload AS text)
            FROM notification
            """;

    /** Puts a FAILED mail back in line with fresh attempts; false if it is not FAILED, or a newer date replaced it. */
    public Uni<Boolean> retry(long id, Instant now) {
        return Sql.update("""
                UPDATE notification n SET state = 'PENDING', attempts = 0, due_at = :now
                WHERE id = :id AND state = 'FAILED' AND NOT (%s)""".formatted(MailQueue.SUPERSEDED),
                Map.of("id", id, "now", now))
                .map(updated -> updated > 0);
    }

    /** Mails in one state (or all), newest first, before the given id. */
    public Uni<List<Notification>> list(NotificationStatus status, long beforeId, int limit) {
        return Sql.rows(SELECT + """
                WHERE (CAST(:state AS text) IS NULL OR state = :state) AND id < :before
                ORDER BY id DESC
                LIMIT :limit""",
                Sql.parameters("state", status == null ? null : status.name(), "before", beforeId, "limit", limit))
                .map(rows -> rows.stream().map(StaffOutbox::notification).toList());
    }

    public Uni<Notification> find(long id) {
        return Sql.rows(SELECT + " WHERE id = :id", Map.of("id", id))
                .map(rows -> rows.isEmpty() ? null : notification(rows.get(0)));
    }

    private static Notification notification(Object[] row) {
        return new Notification(((Number) row[0]).longValue(), NotificationKind.valueOf((String) row[1]),
                (String) row[2], Columns.longOrNull(row[3]), NotificationStatus.valueOf((String) row[4]),
                ((Number) row[5]).intValue(), Columns.instant(row[6]), (String) row[7], Columns.instant(row[8]),
                Columns.instant(row[9]), Notice.parse(new JsonObject((String) row[10])));
    }
}
