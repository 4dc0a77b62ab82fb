package shop.backorders.backorder;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import shop.backorders.shared.Columns;

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

    public Uni<List<Backorder>> findByOrder(long orderId) {
        return list("from Backorder b join fetch b.product where b.orderId = ?1 order by b.fifoKey", orderId);
    }

    /** Backorders matching the filter in queue (FIFO-key) order, after the given key. */
    public Uni<List<Backorder>> search(BackorderFilter filter, long afterFifoKey, int limit) {
        StringBuilder query = new StringBuilder("from Backorder b join fetch b.product p where b.fifoKey > :after");
        Map<String, Object> parameters = new HashMap<>(Map.of("after", afterFifoKey));
        if (filter.sku() != null) {
            query.append(" and p.sku = :sku");
            parameters.put("sku", filter.sku());
        }
        if (filter.status() != null) {
            query.append(" and b.status = :status");
            parameters.put("status", filter.status());
        }
        if (filter.customerEmail() != null) {
            query.append(" and b.orderId in (select o.id from CustomerOrder o where lower(o.customerEmail) = :email)");
            parameters.put("email", filter.customerEmail().trim().toLowerCase(Locale.ROOT));
        }
        query.append(" order by b.fifoKey");
        return find(query.toString(), parameters).range(0, limit - 1).list();
    }

    /**
     * The WAITING backorders matching the filter with their places in line, each with its product's
     * stock version, all read in one statement: a consistent starting point for a live watch.
     */
    public Uni<List<WaitingBackorder>> waiting(BackorderFilter filter) {
        StringBuilder matching = new StringBuilder("""
                SELECT b.id FROM backorder b JOIN product p ON p.id = b.product_id
                JOIN customer_order o ON o.id = b.order_id
                WHERE b.status = 'WAITING'""");
        Map<String, Object> parameters = new HashMap<>();
        if (filter.sku() != null) {
            matching.append(" AND p.sku = :sku");
            parameters.put("sku", filter.sku());
        }
        if (filter.orderId() != null) {
            matching.append(" AND b.order_id = :order");
            parameters.put("order", filter.orderId());
        }
        if (filter.customerEmail() != null) {
            matching.append(" AND lower(o.customer_email) = :email");
            parameters.put("email", filter.customerEmail().trim().toLowerCase(Locale.ROOT));
        }
        String sql = """
                WITH matching AS (%s), queued_products AS MATERIALIZED (
                    -- Found first: see ChangeLog, which counts places in line the same way.
                    SELECT DISTINCT product_id FROM backorder WHERE id IN (SELECT id FROM matching)
                ), queue AS (
                    SELECT b.*, row_number() OVER (PARTITION BY b.product_id ORDER BY b.fifo_key) AS position
                    FROM backorder b
                    WHERE b.status = 'WAITING' AND b.product_id IN (SELECT product_id FROM queued_products)
                )
                SELECT q.id, q.order_id, q.product_id, p.sku, q.fifo_key, q.quantity, q.allocated, q.shipped,
                       q.preorder, q.created_at, q.position, s.version,
                       q.eta, q.eta_source, q.inbound_shipment_id, q.promised_eta, q.consent_deadline
                FROM queue q JOIN product p ON p.id = q.product_id JOIN stock s ON s.product_id = q.product_id
                WHERE q.id IN (SELECT id FROM matching)""".formatted(matching);
        return getSession().chain(session -> {
            var query = session.createNativeQuery(sql, Object[].class);
            parameters.forEach(query::setParameter);
            return query.getResultList();
        }).map(rows -> rows.stream().map(row -> new WaitingBackorder(new BackorderState(
                ((Number) row[0]).longValue(), ((Number) row[1]).longValue(), ((Number) row[2]).longValue(),
                (String) row[3], ((Number) row[4]).longValue(), ((Number) row[5]).intValue(),
                ((Number) row[6]).intValue(), ((Number) row[7]).intValue(), BackorderStatus.WAITING, (Boolean) row[8],
                Columns.instant(row[9]), ((Number) row[10]).intValue(),
                BackorderEta.fromColumns(row[12], row[13], row[14], row[15], row[16])),
                ((Number) row[11]).longValue())).toList());
    }

    /**
     * 1-based places in line of these backorders among their products' WAITING ones, in FIFO order;
     * backorders not waiting have none.
     */
    public Uni<Map<Long, Integer>> queuePositions(List<Long> backorderIds) {
        return getSession().chain(session -> session.createNativeQuery("""
                SELECT b.id, (SELECT count(*) FROM backorder w
                              WHERE w.product_id = b.product_id AND w.status = 'WAITING' AND w.fifo_key <= b.fifo_key)
                FROM backorder b
                WHERE b.id = ANY(:ids) AND b.status = 'WAITING'""", Object[].class)
                .setParameter("ids", backorderIds.toArray(Long[]::new))
                .getResultList())
                .map(rows -> {
                    Map<Long, Integer> positions = new HashMap<>();
                    for (Object[] row : rows) {
                        positions.put(((Number) row[0]).longValue(), ((Number) row[1]).intValue());
                    }
                    return positions;
                });
    }

    /**
     * A product's WAITING backorders in queue order with their current estimates, and the product's
     * terms that estimates depend on; empty if nobody waits.
     */
    public Uni<List<Queued>> queueForEstimates(long productId) {
        return getSession().chain(session -> session.createNativeQuery("""
                SELECT b.id, b.order_id, b.quantity - b.allocated, b.created_at, b.preorder,
                       b.eta, b.eta_source, b.inbound_shipment_id, b.promised_eta, b.consent_deadline,
                       b.consent_requested_at, b.consent_eta,
                       p.lead_time_days, CASE WHEN p.backorder_policy = 'PREORDER' THEN p.release_date END,
                       p.released, s.on_hand - s.allocated
                FROM backorder b JOIN product p ON p.id = b.product_id JOIN stock s ON s.product_id = b.product_id
                WHERE b.product_id = :product AND b.status = 'WAITING'
                ORDER BY b.fifo_key""", Object[].class)
                .setParameter("product", productId)
                .getResultList())
                .map(rows -> rows.stream().map(row -> new Queued(((Number) row[0]).longValue(),
                        ((Number) row[1]).longValue(), ((Number) row[2]).intValue(), Columns.instant(row[3]),
                        (Boolean) row[4], BackorderEta.fromColumns(row[5], row[6], row[7], row[8], row[9]),
                        Columns.instant(row[10]), Columns.localDate(row[11]), ((Number) row[12]).intValue(),
                        Columns.localDate(row[13]), (Boolean) row[14], ((Number) row[15]).intValue())).toList());
    }

    /** A waiting backorder as estimates see it, with its product's terms. */
    public record Queued(long id, long orderId, int waiting, Instant createdAt, boolean preorder, BackorderEta eta,
            Instant consentRequestedAt, LocalDate consentEta, int leadTimeDays, LocalDate releaseDate,
            boolean released, int available) {
    }

    /** Stores revised estimates, each a JSON object as {@link BackorderEtas} writes them. */
    public Uni<Integer> saveEstimates(JsonArray revised) {
        return getSession().chain(session -> session.createNativeQuery("""
                UPDATE backorder b
                SET eta = u.eta, eta_source = u.source, inbound_shipment_id = u.inbound, promised_eta = u.promised,
                    consent_requested_at = u.requested, consent_eta = u.asked, consent_deadline = u.deadline
                FROM jsonb_to_recordset(CAST(CAST(:revised AS text) AS jsonb))
                     AS u(id bigint, eta date, source text, inbound bigint, promised date, requested timestamptz,
                          asked date, deadline timestamptz)
                WHERE b.id = u.id""")
                .setParameter("revised", revised.encode())
                .executeUpdate());
    }

    /** Products whose estimates may have gone stale: a date passed unfilled, or a consent deadline. */
    public Uni<List<Long>> productsToRevisit(LocalDate today, Instant now) {
        return getSession().chain(session -> session.createNativeQuery("""
                SELECT DISTINCT product_id FROM backorder
                WHERE status = 'WAITING' AND (eta < :today OR consent_deadline <= :now)
                ORDER BY product_id""", Long.class)
                .setParameter("today", today)
                .setParameter("now", now)
                .getResultList());
    }

    /** The customer (or the deadline's default) took a slipped date: it is the new promise. */
    public Uni<Integer> acceptEstimate(long backorderId, LocalDate date) {
        return getSession().chain(session -> session.createNativeQuery("""
                UPDATE backorder
                SET promised_eta = :date, consent_requested_at = NULL, consent_eta = NULL, consent_deadline = NULL
                WHERE id = :id""")
                .setParameter("id", backorderId)
                .setParameter("date", date)
                .executeUpdate());
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
