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
 * The dispatcher's hold on outbox rows: claiming due mails (FOR UPDATE SKIP LOCKED, under a lease, so
 * several dispatchers never take one mail) and recording how each went, only while the claim holds.
 */
@ApplicationScoped
@WithSession
public class MailClaims {

    /**
     * Claims up to {@code limit} due mails for one dispatcher: rows another dispatcher holds locked are
     * skipped, and a claim lasts until {@code leaseEnds}, after which another may take it over.
     */
    public Uni<List<Claimed>> claim(Instant now, Instant leaseEnds, int limit) {
        return Sql.rows("""
                WITH claimed AS (
                    UPDATE notification SET state = 'SENDING', attempts = attempts + 1, due_at = :leaseEnds
                    WHERE id IN (
                        SELECT id FROM notification n
                        WHERE state IN ('PENDING', 'SENDING') AND due_at <= :now
                          -- One backorder's mails go out in the order they were queued: none overtakes an
                          -- earlier one being sent, retried or put back (those due together go in id
                          -- order); only a date mail waiting out its window lets later ones pass.
                          AND NOT EXISTS (
                              SELECT 1 FROM notification e
                              WHERE e.backorder_id = n.backorder_id AND e.id < n.id
                                AND e.state IN ('PENDING', 'SENDING')
                                AND (e.attempts > 0 OR e.due_at > :now AND e.kind <> 'ETA_CHANGED'))
                        ORDER BY due_at, id
                        LIMIT :limit
                        FOR UPDATE SKIP LOCKED)
                    RETURNING id, kind, recipient, backorder_id, CAST(payload AS text) AS payload, attempts
                )
                -- In the order they were queued, so mails about one backorder go out as it happened.
                SELECT * FROM claimed ORDER BY id""",
                Map.of("now", now, "leaseEnds", leaseEnds, "limit", limit))
                .map(rows -> rows.stream().map(row -> new Claimed(((Number) row[0]).longValue(),
                        NotificationKind.valueOf((String) row[1]), (String) row[2], Columns.longOrNull(row[3]),
                        Notice.parse(new JsonObject((String) row[4])), ((Number) row[5]).intValue())).toList());
    }

    /** Gathers the outbox table's statistics anew (see MailDispatcher's slow claims). */
    public Uni<Integer> analyse() {
        return Sql.update("ANALYZE notification", Map.of());
    }

    /** A mail claimed for sending. */
    public record Claimed(long id, NotificationKind kind, String recipient, Long backorderId, Notice notice,
            int attempts) {
    }

    /**
     * The mail server accepted it. Only the claim that sent it may say so: if its lease ran out and
     * another dispatcher claimed the row meanwhile, the attempt count no longer matches.
     */
    public Uni<Integer> markSent(Claimed mail, Instant now) {
        return Sql.update("""
                UPDATE notification SET state = 'SENT', sent_at = :now, last_error = NULL
                WHERE id = :id AND state = 'SENDING' AND attempts = :attempts""",
                Map.of("id", mail.id(), "attempts", mail.attempts(), "now", now));
    }

    /**
     * A failed attempt: tried again at {@code retryAt}, or, with no attempts left (null), FAILED. A date
     * mail a newer one has replaced meanwhile is dropped instead: the customer gets the newer date.
     */
    public Uni<Integer> markFailed(Claimed mail, Instant retryAt, String error) {
        return Sql.update("""
                WITH superseded AS (
                    DELETE FROM notification n
                    WHERE n.id = :id AND n.state = 'SENDING' AND n.attempts = :attempts AND %s
                    RETURNING n.id
                )
                UPDATE notification
                SET state = CASE WHEN CAST(:retryAt AS timestamptz) IS NULL THEN 'FAILED' ELSE 'PENDING' END,
                    due_at = coalesce(CAST(:retryAt AS timestamptz), due_at), last_error = :error
                WHERE id = :id AND state = 'SENDING' AND attempts = :attempts
                  AND id NOT IN (SELECT id FROM superseded)""".formatted(MailQueue.SUPERSEDED),
                Sql.parameters("id", mail.id(), "attempts", mail.attempts(), "retryAt", retryAt, "error", error));
    }

    /**
     * Gives back claimed mails that were not tried, uncounted, due again at {@code dueAt}; a date mail a
     * newer one replaced meanwhile is dropped.
     */
    public Uni<Integer> release(List<Claimed> mails, Instant dueAt) {
        return Sql.update("""
                WITH superseded AS (
                    DELETE FROM notification n
                    WHERE n.id = ANY(:ids) AND n.state = 'SENDING' AND %s
                    RETURNING n.id
                )
                UPDATE notification SET state = 'PENDING', attempts = attempts - 1, due_at = :due
                WHERE id = ANY(:ids) AND state = 'SENDING' AND id NOT IN (SELECT id FROM superseded)"""
                .formatted(MailQueue.SUPERSEDED),
                Map.of("ids", mails.stream().map(Claimed::id).toArray(Long[]::new), "due", dueAt));
    }
}
