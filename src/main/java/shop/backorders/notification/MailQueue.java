package shop.backorders.notification;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import shop.backorders.shared.Sql;

/**
 * Puts the mails a transaction calls for in the outbox (about backorders, and purchase orders to their
 * suppliers), and takes out those its changes made moot; it also says which date mail a newer one replaced
 * ({@link #SUPERSEDED}). Native SQL: each mail's payload is a snapshot, built in place.
 */
@ApplicationScoped
@WithSession
public class MailQueue {

    /**
     * Outbox row {@code n} is a date mail that a newer date mail for the same backorder replaced: neither
     * sent, retried nor put back (see {@link MailClaims} and {@link StaffOutbox}).
     */
    static final String SUPERSEDED = """
            n.kind = 'ETA_CHANGED' AND EXISTS (
                SELECT 1 FROM notification newer
                WHERE newer.backorder_id = n.backorder_id AND newer.kind = 'ETA_CHANGED' AND newer.id > n.id)""";

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

    /**
     * Queues a mail of this kind about each of these purchase orders to its supplier, with a snapshot of the
     * order's lines, each with the day first asked for.
     */
    public Uni<Void> queuePurchaseOrderMails(NotificationKind kind, Collection<Long> purchaseOrderIds, Instant now) {
        if (purchaseOrderIds.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Sql.send("""
                INSERT INTO notification (kind, recipient, payload, state, due_at, created_at)
                SELECT :kind, s.email, jsonb_build_object('purchase_order', jsonb_build_object(
                           'id', po.id, 'supplier_id', s.id, 'supplier_name', s.name,
                           'lines', (SELECT jsonb_agg(jsonb_build_object('position', l.position, 'sku', p.sku,
                                                                         'product_name', p.name,
                                                                         'quantity', l.quantity,
                                                                         'expected_at', i.requested_at)
                                                      ORDER BY l.position)
                                     FROM purchase_order_line l
                                     JOIN product p ON p.id = l.product_id
                                     -- The day asked for, on the line's first delivery.
                                     JOIN LATERAL (SELECT d.requested_at FROM inbound_shipment d
                                                   WHERE d.purchase_order_line_id = l.id
                                                   ORDER BY d.id LIMIT 1) i ON true
                                     WHERE l.purchase_order_id = po.id))),
                       'PENDING', :now, :now
                FROM purchase_order po JOIN supplier s ON s.id = po.supplier_id
                WHERE po.id = ANY(:ids)""",
                Map.of("kind", kind.name(), "ids", purchaseOrderIds.toArray(Long[]::new), "now", now));
    }
}
