package shop.backorders.backorder;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import shop.backorders.shared.Columns;
import shop.backorders.shared.Sql;

@ApplicationScoped
@WithSession
public class BackorderRepository implements PanacheRepositoryBase<Backorder, Long> {

    public Uni<Backorder> findWithProduct(long id) {
        return find("from Backorder b join fetch b.product where b.id = ?1", id).firstResult();
    }

    /** The product id alone, read before its stock lock is taken (see OrderRepository#productIdsOf). */
    public Uni<Long> productIdOf(long backorderId) {
        return getSession().chain(session -> session.createSelectionQuery(
                "select b.product.id from Backorder b where b.id = :id", Long.class)
                .setParameter("id", backorderId)
                .getSingleResultOrNull());
    }

    /** The address of the customer a backorder is for, or null if there is no such backorder. */
    public Uni<String> customerOf(long backorderId) {
        return getSession().chain(session -> session.createSelectionQuery(
                "select o.customerEmail from CustomerOrder o, Backorder b where o.id = b.orderId and b.id = :id",
                String.class)
                .setParameter("id", backorderId)
                .getSingleResultOrNull());
    }

    /** These backorders as readers see them, in queue order. */
    public Uni<List<BackorderState>> states(List<Long> ids) {
        return states("SELECT unnest(CAST(:ids AS bigint[]))", Map.of("ids", ids.toArray(Long[]::new)));
    }

    /** An order's backorders as readers see them, in queue order. */
    public Uni<List<BackorderState>> statesOfOrder(long orderId) {
        return states("SELECT id FROM backorder WHERE order_id = :order", Map.of("order", orderId));
    }

    /** Backorders matching the filter in queue order, after the given FIFO key. */
    public Uni<List<BackorderState>> search(BackorderFilter filter, long afterFifoKey, int limit) {
        Map<String, Object> parameters = new HashMap<>(Map.of("after", afterFifoKey, "limit", limit));
        return states(matching(filter, parameters) + " ORDER BY b.fifo_key LIMIT :limit", parameters);
    }

    /**
     * The WAITING backorders matching the filter, and these others whatever their state, each with its
     * product's stock version, all read in one statement: a consistent starting point for a live watch.
     */
    public Uni<List<VersionedBackorder>> waiting(BackorderFilter filter, List<Long> others) {
        BackorderFilter waiting = new BackorderFilter(filter.sku(), BackorderStatus.WAITING, filter.customerEmail(),
                filter.orderId());
        Map<String, Object> parameters = new HashMap<>(Map.of("after", 0L, "others", others.toArray(Long[]::new)));
        return versioned(matching(waiting, parameters) + " UNION SELECT unnest(CAST(:others AS bigint[]))",
                parameters);
    }

    private Uni<List<VersionedBackorder>> versioned(String ids, Map<String, Object> parameters) {
        return snapshots(ids, parameters).map(rows -> rows.stream()
                .map(row -> new VersionedBackorder(BackorderState.fromJson(row), row.getLong("product_version")))
                .toList());
    }

    /** Selects the ids of backorders matching the filter past FIFO key {@code :after}. */
    private static String matching(BackorderFilter filter, Map<String, Object> parameters) {
        StringBuilder ids = new StringBuilder("SELECT b.id FROM backorder b WHERE b.fifo_key > :after");
        if (filter.sku() != null) {
            ids.append(" AND b.product_id = (SELECT id FROM product WHERE sku = :sku)");
            parameters.put("sku", filter.sku());
        }
        if (filter.status() != null) {
            ids.append(" AND b.status = :status");
            parameters.put("status", filter.status().name());
        }
        if (filter.orderId() != null) {
            ids.append(" AND b.order_id = :order");
            parameters.put("order", filter.orderId());
        }
        if (filter.customerEmail() != null) {
            ids.append(" AND b.order_id IN (SELECT id FROM customer_order WHERE customer_email = :email)");
            parameters.put("email", filter.customerEmail());
        }
        return ids.toString();
    }

    private Uni<List<BackorderState>> states(String ids, Map<String, Object> parameters) {
        return snapshots(ids, parameters).map(rows -> rows.stream().map(BackorderState::fromJson).toList());
    }

    /**
     * The read model's rows (with their product's stock version) of the backorders the given SQL selects,
     * in queue order.
     */
    private Uni<List<JsonObject>> snapshots(String ids, Map<String, Object> parameters) {
        String sql = """
                SELECT CAST(to_jsonb(b) || jsonb_build_object('product_version', s.version) AS text)
                FROM backorder_states b JOIN stock s ON s.product_id = b.product_id
                WHERE b.id IN (%s)
                ORDER BY b.fifo_key""".formatted(ids);
        return Sql.rows(sql, parameters)
                .map(rows -> rows.stream().map(row -> new JsonObject((String) row[0])).toList());
    }

    /**
     * A product's WAITING backorders in queue order with their current estimates, and the product's
     * terms that estimates depend on; empty if nobody waits.
     */
    public Uni<List<Queued>> queueForEstimates(long productId) {
        return Sql.rows("""
                SELECT b.id, b.order_id, b.quantity - b.allocated, b.created_at, b.preorder,
                       b.eta, b.eta_source, b.inbound_shipment_id, b.promised_eta, b.consent_deadline,
                       b.consent_requested_at, b.consent_eta,
                       p.lead_time_days, CASE WHEN p.backorder_policy = 'PREORDER' THEN p.release_date END,
                       p.released, s.on_hand - s.allocated, b.eta_latest
                FROM backorder b JOIN product p ON p.id = b.product_id JOIN stock s ON s.product_id = b.product_id
                WHERE b.product_id = :product AND b.status = 'WAITING'
                ORDER BY b.fifo_key""", Map.of("product", productId))
                .map(rows -> rows.stream().map(row -> new Queued(((Number) row[0]).longValue(),
                        ((Number) row[1]).longValue(), ((Number) row[2]).intValue(), Columns.instant(row[3]),
                        (Boolean) row[4], BackorderEta.fromColumns(row[5], row[6], row[7], row[8], row[9], row[16]),
                        Columns.instant(row[10]), Columns.localDate(row[11]), ((Number) row[12]).intValue(),
                        Columns.localDate(row[13]), (Boolean) row[14], ((Number) row[15]).intValue())).toList());
    }

    /** A waiting backorder as estimates see it, with its product's terms. */
    public record Queued(long id, long orderId, int waiting, Instant createdAt, boolean preorder, BackorderEta eta,
            Instant consentRequestedAt, LocalDate consentEta, int leadTimeDays, LocalDate releaseDate,
            boolean released, int available) {
    }

    /** A waiting backorder's estimate as {@link BackorderEtas} revised it, with where its consent stands. */
    public record Revision(long backorderId, LocalDate eta, EtaSource source, Long inboundShipmentId,
            LocalDate promised, Instant consentRequestedAt, LocalDate consentEta, Instant consentDeadline,
            LocalDate latest) {
    }

    /**
     * Stores revised estimates in one statement, bound as one array per column however many there are; sent
     * without waiting ({@link Sql#send}): the mail and the change log that read them follow on the connection.
     */
    public Uni<Void> saveEstimates(List<Revision> revised) {
        return Sql.send("""
                UPDATE backorder b
                SET eta = u.eta, eta_source = u.source, inbound_shipment_id = u.inbound, promised_eta = u.promised,
                    consent_requested_at = u.requested, consent_eta = u.asked, consent_deadline = u.deadline,
                    eta_latest = u.latest
                FROM unnest(CAST(:ids AS bigint[]), CAST(:etas AS date[]), CAST(:sources AS text[]),
                            CAST(:inbound AS bigint[]), CAST(:promised AS date[]), CAST(:requested AS timestamptz[]),
                            CAST(:asked AS date[]), CAST(:deadlines AS timestamptz[]), CAST(:latest AS date[]))
                     AS u(id, eta, source, inbound, promised, requested, asked, deadline, latest)
                WHERE b.id = u.id""", Map.of(
                "ids", revised.stream().map(Revision::backorderId).toArray(Long[]::new),
                "etas", revised.stream().map(Revision::eta).toArray(LocalDate[]::new),
                "sources", revised.stream().map(revision -> revision.source().name()).toArray(String[]::new),
                "inbound", revised.stream().map(Revision::inboundShipmentId).toArray(Long[]::new),
                "promised", revised.stream().map(Revision::promised).toArray(LocalDate[]::new),
                "requested", revised.stream().map(Revision::consentRequestedAt).toArray(Instant[]::new),
                "asked", revised.stream().map(Revision::consentEta).toArray(LocalDate[]::new),
                "deadlines", revised.stream().map(Revision::consentDeadline).toArray(Instant[]::new),
                "latest", revised.stream().map(Revision::latest).toArray(LocalDate[]::new)));
    }

    /** Products whose estimates may have gone stale: a date passed unfilled, or a consent deadline. */
    public Uni<List<Long>> productsToRevisit(LocalDate today, Instant now) {
        return Sql.rows("""
                SELECT DISTINCT product_id FROM backorder
                WHERE status = 'WAITING' AND (eta < :today OR consent_deadline <= :now)
                ORDER BY product_id""", Map.of("today", today, "now", now))
                .map(rows -> rows.stream().map(row -> (Long) row[0]).toList());
    }

    /** The customer (or the deadline's default) took a slipped date: it is the new promise. */
    public Uni<Integer> acceptEstimate(long backorderId, LocalDate date) {
        return Sql.update("""
                UPDATE backorder
                SET promised_eta = :date, consent_requested_at = NULL, consent_eta = NULL, consent_deadline = NULL
                WHERE id = :id""", Map.of("id", backorderId, "date", date));
    }

    /**
     * Records that a link from a mail answered the question with this deadline; false if one had already
     * (the table's key makes it once, whichever of the question's links came first).
     */
    public Uni<Boolean> redeemLink(long backorderId, Instant consentDeadline, String action, Instant now) {
        return Sql.update("""
                INSERT INTO redeemed_link (backorder_id, consent_deadline, action, redeemed_at)
                VALUES (:id, :deadline, :action, :now) ON CONFLICT DO NOTHING""",
                Map.of("id", backorderId, "deadline", consentDeadline, "action", action, "now", now))
                .map(inserted -> inserted == 1);
    }

    /** Whether a link from a mail answered the question with this deadline. */
    public Uni<Boolean> linkRedeemed(long backorderId, Instant consentDeadline) {
        return Sql.rows("SELECT 1 FROM redeemed_link WHERE backorder_id = :id AND consent_deadline = :deadline",
                Map.of("id", backorderId, "deadline", consentDeadline)).map(rows -> !rows.isEmpty());
    }

    /** A product's waiting backorders whose request for consent went unanswered past its deadline. */
    public Uni<List<Long>> consentsDue(long productId, Instant now) {
        return getSession().chain(session -> session.createSelectionQuery("""
                select b.id from Backorder b
                where b.product.id = :product and b.status = :waiting and b.consentDeadline <= :now
                order by b.fifoKey""", Long.class)
                .setParameter("product", productId)
                .setParameter("waiting", BackorderStatus.WAITING)
                .setParameter("now", now)
                .getResultList());
    }
}
