package shop.backorders.notification;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import shop.backorders.shared.Columns;
import shop.backorders.shared.Sql;

/** The outbox and the stock alerts, in native SQL: claims need SKIP LOCKED, payloads are built in place. */
@ApplicationScoped
@WithSession
public class NotificationRepository {

    /** Outbox row {@code n} is a date mail that a newer date mail for the same backorder replaced. */
    private static final String SUPERSEDED = """
            n.kind = 'ETA_CHANGED' AND EXISTS (
                SELECT 1 FROM notification newer
                WHERE newer.backorder_id = n.backorder_id AND newer.kind = 'ETA_CHANGED' AND newer.id > n.id)""";

    /** Reads rows as {@link #notification(Object[])} maps them. */
    private static final String SELECT = """
            SELECT id, kind, recipient, backorder_id, state, attempts, due_at, last_error, created_at, sent_at,
                   CAST(payload AS text)
            FROM notification
            """;

    /** A mail about a backorder to queue: its kind and, for ETA_CHANGED, the date the customer knew. */
    public record BackorderMail(long backorderId, NotificationKind kind, LocalDate previousEta) {
    }

    /**
     * Queues mails about backorders, each with a snapshot of the backorder as of this transaction. An
     * ETA_CHANGED mail still waiting out its window takes the newer date instead of a second mail, and
     * keeps the date the customer was last told; none is queued while a consent question is open. The
     * mails go as three arrays, not as JSON: a restock filling a million backorders would otherwise hold
     * an event loop for seconds building and encoding the document. Sent without waiting ({@link Sql#send}).
     */
    public Uni<Void> queueBackorderMails(List<BackorderMail> mails, Instant now, Instant etaDue) {
        Long[] ids = new Long[mails.size()];
        String[] kinds = new String[mails.size()];
        LocalDate[] previous = new LocalDate[mails.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = mails.get(i).backorderId();
            kinds[i] = mails.get(i).kind().name();
            previous[i] = mails.get(i).previousEta();
        }
        return Sql.send("""
                WITH mail AS (
                    SELECT * FROM unnest(CAST(:ids AS bigint[]), CAST(:kinds AS text[]), CAST(:previous AS date[]))
                        AS m(id, kind, previous)
                )
                -- The read model's rows (migration V5): what queries and live events read too.
                INSERT INTO notification (kind, recipient, backorder_id, payload, state, due_at, created_at)
                SELECT m.kind, b.customer_email, b.id,
                       jsonb_strip_nulls(to_jsonb(b) || jsonb_build_object('previous_eta', m.previous)),
                       'PENDING', CASE WHEN m.kind = 'ETA_CHANGED' THEN CAST(:etaDue AS timestamptz)
                                       ELSE CAST(:now AS timestamptz) END, :now
                FROM mail m
                JOIN backorder_states b ON b.id = m.id
                -- The ids again, directly: the planner cannot see into unnest and would read every backorder.
                WHERE b.id = ANY(:ids)
                  -- While the customer is asked about a slipped date, further moves go unmailed: they have
                  -- just been asked, and their order page shows the current date.
                  AND (m.kind <> 'ETA_CHANGED' OR b.consent_deadline IS NULL)
                ON CONFLICT (backorder_id) WHERE kind = 'ETA_CHANGED' AND state = 'PENDING'
                DO UPDATE SET payload = EXCLUDED.payload - 'previous_eta'
                    || jsonb_strip_nulls(jsonb_build_object('previous_eta', notification.payload -> 'previous_eta'))""",
                Map.of("ids", ids, "kinds", kinds, "previous", previous, "now", now, "etaDue", etaDue));
    }

    /**
     * Drops queued mails the backorders' new state makes moot: a date that moved back to the one the
     * customer knows or that a later consent question overtook, a consent question no longer open, or a
     * date or consent question about a backorder no longer waiting. Sent without waiting ({@link Sql#send}).
     */
    public Uni<Void> dropMoot(Collection<Long> backorderIds) {
        return Sql.send("""
                DELETE FROM notification n USING backorder b
                WHERE n.backorder_id = b.id AND b.id = ANY(:ids) AND n.state = 'PENDING'
                  AND (n.kind IN ('ETA_CHANGED', 'ETA_CONSENT') AND b.status <> 'WAITING'
                       OR n.kind = 'ETA_CONSENT' AND b.consent_deadline IS NULL
                       OR n.kind = 'ETA_CHANGED' AND n.payload ->> 'eta' = n.payload ->> 'previous_eta'
                       OR n.kind = 'ETA_CHANGED' AND EXISTS (
                           SELECT 1 FROM notification c
                           WHERE c.backorder_id = n.backorder_id AND c.kind = 'ETA_CONSENT' AND c.id > n.id))""",
                Map.of("ids", backorderIds.toArray(Long[]::new)));
    }

    /** Of these products, those someone asked to be told about. */
    public Uni<List<Long>> withOpenAlerts(Collection<Long> productIds) {
        return Sql.rows("""
                SELECT DISTINCT product_id FROM stock_alert WHERE product_id = ANY(:ids) AND notified_at IS NULL""",
                Map.of("ids", productIds.toArray(Long[]::new)))
                .map(rows -> rows.stream().map(row -> (Long) row[0]).toList());
    }

    /** Closes the open alerts of these products, queueing one mail for each. */
    public Uni<Integer> queueStockAlerts(Collection<Long> productIds, Instant now) {
        return Sql.update("""
                WITH told AS (
                    UPDATE stock_alert SET notified_at = :now
                    WHERE product_id = ANY(:ids) AND notified_at IS NULL
                    RETURNING product_id, email
                )
                INSERT INTO notification (kind, recipient, payload, state, due_at, created_at)
                SELECT 'BACK_IN_STOCK', t.email, jsonb_build_object('sku', p.sku, 'product_name', p.name),
                       'PENDING', :now, :now
                FROM told t JOIN product p ON p.id = t.product_id""",
                Map.of("ids", productIds.toArray(Long[]::new), "now", now));
    }

    /** Records a request to be told; false if the same address already waits for this product. */
    public Uni<Boolean> addAlert(long productId, String email, Instant now) {
        return Sql.update("""
                INSERT INTO stock_alert (product_id, email, created_at) VALUES (:product, :email, :now)
                ON CONFLICT (product_id, email) WHERE notified_at IS NULL DO NOTHING""",
                Map.of("product", productId, "email", email, "now", now))
                .map(inserted -> inserted > 0);
    }

    public Uni<Boolean> removeAlert(long productId, String email) {
        return Sql.update("""
                DELETE FROM stock_alert
                WHERE product_id = :product AND email = :email AND notified_at IS NULL""",
                Map.of("product", productId, "email", email))
                .map(deleted -> deleted > 0);
    }

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
                  AND id NOT IN (SELECT id FROM superseded)""".formatted(SUPERSEDED),
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
                .formatted(SUPERSEDED),
                Map.of("ids", mails.stream().map(Claimed::id).toArray(Long[]::new), "due", dueAt));
    }

    /** Puts a FAILED mail back in line with fresh attempts; false if it is not FAILED, or a newer date replaced it. */
    public Uni<Boolean> retry(long id, Instant now) {
        return Sql.update("""
                UPDATE notification n SET state = 'PENDING', attempts = 0, due_at = :now
                WHERE id = :id AND state = 'FAILED' AND NOT (%s)""".formatted(SUPERSEDED),
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
                .map(rows -> rows.stream().map(NotificationRepository::notification).toList());
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
