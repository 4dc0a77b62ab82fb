package shop.backorders.ordering;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import shop.backorders.backorder.BackorderService;
import shop.backorders.changes.Changes;
import shop.backorders.changes.Transactions;
import shop.backorders.inventory.LockedStock;
import shop.backorders.inventory.StockLedger;
import shop.backorders.inventory.StockLocks;
import shop.backorders.shared.Caller;
import shop.backorders.shared.Sequence;
import shop.backorders.shared.ShopException;

/**
 * An order's life after it is placed (see {@link OrderPlacement}): reading it as a caller may see it,
 * shipping it, cancelling it, and the answers of those changes.
 */
@ApplicationScoped
public class OrderService {

    private final OrderRepository orders;
    private final BackorderService backorders;
    private final StockLocks locks;
    private final StockLedger ledger;
    private final Transactions transactions;

    public OrderService(OrderRepository orders, BackorderService backorders, StockLocks locks,
            StockLedger ledger, Transactions transactions) {
        this.orders = orders;
        this.backorders = backorders;
        this.locks = locks;
        this.ledger = ledger;
        this.transactions = transactions;
    }

    /** An order a transaction changed, and what it changed. */
    private record Changed(long orderId, Changes changes) {

        /** Asks the change log for the order's snapshot, to answer with. */
        static Changed answering(long orderId, Changes changes) {
            changes.answerWith(orderId);
            return new Changed(orderId, changes);
        }
    }

    private Uni<OrderState> answered(Uni<Changed> committed) {
        return committed.chain(changed -> asLeftBy(changed.orderId(), changed.changes()));
    }

    /**
     * The order as a committed transaction left it: the snapshot its change-log entry carries (one connection
     * per request, so a busy pool cannot fail an answer about a change already committed), or, if the
     * transaction did not change it, read now.
     */
    Uni<OrderState> asLeftBy(long orderId, Changes changes) {
        JsonObject published = changes.publishedOrder(orderId);
        return published != null ? Uni.createFrom().item(OrderState.fromJson(published))
                : findOrder(orderId, Caller.STAFF);
    }

    /**
     * Cancels every open unit of the order; what was allocated goes to the next in line. Another
     * customer's order is not found.
     */
    public Uni<OrderState> cancelOrder(long orderId, Caller caller) {
        return answered(transactions.inTransaction(changes -> checkVisible(orderId, caller)
                .chain(() -> lockOrder(orderId))
                .chain(locked -> orders.findWithLines(orderId)
                        .chain(order -> {
                            List<OrderLine> open = order.lines.stream()
                                    .filter(line -> line.allocated + line.backordered > 0)
                                    .sorted(Comparator.comparing(line -> line.product.id))
                                    .toList();
                            if (open.isEmpty()) {
                                throw ShopException.invalidState("Order " + orderId + " is " + statusOf(order)
                                        + ": nothing is left to cancel");
                            }
                            return Sequence.forEach(open, line -> ledger.cancel(locked.get(line.product.id),
                                    line.id, line.allocated, line.backordered, changes));
                        }))
                .replaceWith(Changed.answering(orderId, changes))));
    }

    /** Ships every allocated unit; a SHIP_COMPLETE order only once nothing waits. */
    public Uni<OrderState> shipOrder(long orderId) {
        return answered(transactions.inTransaction(changes -> lockOrder(orderId)
                .chain(() -> orders.findWithLines(orderId))
                .chain(order -> {
                    int allocated = order.lines.stream().mapToInt(line -> line.allocated).sum();
                    int waiting = order.lines.stream().mapToInt(line -> line.backordered).sum();
                    if (order.shipping == Shipping.SHIP_COMPLETE && waiting > 0) {
                        throw ShopException.invalidState("Order " + orderId + " ships complete and " + waiting
                                + " units still wait for stock");
                    }
                    if (allocated == 0) {
                        throw ShopException.invalidState("Order " + orderId + " is " + statusOf(order)
                                + ": nothing is allocated to ship");
                    }
                    return ledger.ship(orderId, changes);
                })
                .replaceWith(Changed.answering(orderId, changes))));
    }

    /** The order as this caller may see it: null if there is none, or it is another customer's. */
    public Uni<OrderState> findOrder(long orderId, Caller caller) {
        return orders.findWithLines(orderId).chain(order -> order == null || !caller.owns(order.customerEmail)
                ? Uni.createFrom().nullItem()
                : backorders.findByOrder(orderId).map(found -> OrderState.of(order, found)));
    }

    /** Passes if the order exists and is the caller's to see; NOT_FOUND, as for no order at all, if not. */
    private Uni<Void> checkVisible(long orderId, Caller caller) {
        return orders.customerOf(orderId).invoke(customer -> caller.checkOwns(customer, "Order", orderId))
                .replaceWithVoid();
    }

    private static OrderStatus statusOf(Order order) {
        return OrderState.of(order, List.of()).status();
    }

    private Uni<Map<Long, LockedStock>> lockOrder(long orderId) {
        return orders.productIdsOf(orderId).chain(productIds -> {
            if (productIds.isEmpty()) {
                throw ShopException.notFound("Order", orderId);
            }
            return locks.lock(productIds);
        });
    }
}
