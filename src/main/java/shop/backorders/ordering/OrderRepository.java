package shop.backorders.ordering;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import shop.backorders.shared.Sql;

@ApplicationScoped
@WithSession
public class OrderRepository implements PanacheRepositoryBase<Order, Long> {

    /** The order with its lines and their products, ready to show. */
    public Uni<Order> findWithLines(long id) {
        return find("select distinct o from CustomerOrder o left join fetch o.lines l left join fetch l.product"
                + " where o.id = ?1", id).list().map(found -> found.isEmpty() ? null : found.get(0));
    }

    /** The address of the customer an order is for, or null if there is no such order. */
    public Uni<String> customerOf(long orderId) {
        return getSession().chain(session -> session.createSelectionQuery(
                "select o.customerEmail from CustomerOrder o where o.id = :order", String.class)
                .setParameter("order", orderId)
                .getSingleResultOrNull());
    }

    /** The customer's order under this idempotency key (keys are per customer), or null. */
    public Uni<Order> findByIdempotencyKey(String customerEmail, String key) {
        return find("customerEmail = ?1 and idempotencyKey = ?2", customerEmail, key).firstResult();
    }

    /**
     * The products an order's lines hold, as plain ids: read before the stock locks are taken, they
     * must not leave managed entities in the session that would go stale.
     */
    public Uni<List<Long>> productIdsOf(long orderId) {
        return getSession().chain(session -> session.createSelectionQuery(
                "select l.product.id from OrderLine l where l.order.id = :order", Long.class)
                .setParameter("order", orderId)
                .getResultList());
    }

    /** Removes orders recorded in this transaction that were then refused: they have no lines yet. */
    public Uni<Integer> remove(List<Long> ids) {
        return Sql.update("DELETE FROM customer_order WHERE id = ANY(:ids)", Map.of("ids", ids.toArray(Long[]::new)));
    }

    /** Records a new order, without its lines (see StockLedger#reserve); its id. */
    public Uni<Long> add(PlaceOrder order, String requestHash, Instant now) {
        return Sql.rows("""
                INSERT INTO customer_order (customer_email, shipping, idempotency_key, request_hash, created_at)
                VALUES (:email, :shipping, :key, :hash, :now)
                RETURNING id""",
                Sql.parameters("email", order.customerEmail(), "shipping", order.shipping(),
                        "key", order.idempotencyKey(), "hash", requestHash, "now", now))
                .map(rows -> (Long) rows.get(0)[0]);
    }
}
