package shop.backorders.ordering;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import shop.backorders.backorder.BackorderEtas;
import shop.backorders.backorder.BackorderEtas.Newcomer;
import shop.backorders.changes.Changes;
import shop.backorders.inventory.AllocationPolicy;
import shop.backorders.inventory.LockedStock;
import shop.backorders.inventory.Reservation;
import shop.backorders.inventory.StockLedger;
import shop.backorders.inventory.StockLedger.JoinedQueue;
import shop.backorders.inventory.StockLedger.LineReservation;
import shop.backorders.shared.ShopClock;
import shop.backorders.shared.ShopException;

/**
 * Allocates new orders of one set of products under those products' stock locks, in arrival order: each
 * line is decided by the allocation rule ({@link AllocationPolicy#decide}) against the stock as the orders
 * before it left it, every line of an order before any is reserved (an order is placed whole or not at
 * all); then the lines of all the orders are recorded at once and their new backorders estimated.
 */
@ApplicationScoped
public class OrderAllocation {

    private final OrderRepository orders;
    private final StockLedger ledger;
    private final BackorderEtas etas;
    private final ShopClock clock;

    public OrderAllocation(OrderRepository orders, StockLedger ledger, BackorderEtas etas, ShopClock clock) {
        this.orders = orders;
        this.ledger = ledger;
        this.etas = etas;
        this.clock = clock;
    }

    /** An order recorded in this transaction, to allocate. */
    record NewOrder(long orderId, PlaceOrder order) {
    }

    /**
     * Allocates the orders, all of the same products, in their order. A refused order's row is removed
     * again.
     *
     * @return the refusals, by order id
     */
    Uni<Map<Long, ShopException>> allocate(List<NewOrder> newOrders, Changes changes) {
        return ledger.lockSkus(newOrders.get(0).order().skus())
                .chain(locked -> ledger.releaseDuePreorders(locked, changes))
                .chain(locked -> reserve(newOrders, locked, changes));
    }

    private Uni<Map<Long, ShopException>> reserve(List<NewOrder> newOrders, Map<Long, LockedStock> locked,
            Changes changes) {
        Map<String, LockedStock> bySku = locked.values().stream()
                .collect(Collectors.toMap(LockedStock::sku, Function.identity()));
        Map<Long, ShopException> refused = new HashMap<>();
        List<PlannedLine> planned = new ArrayList<>();
        for (NewOrder newOrder : newOrders) {
            List<PlaceOrder.Line> ordered = newOrder.order().lines();
            List<Reservation> decisions;
            try {
                decisions = ordered.stream().map(line -> AllocationPolicy.decide(bySku.get(line.sku()),
                        line.quantity(), clock.today())).toList();
            } catch (ShopException refusal) {
                refused.put(newOrder.orderId(), refusal);
                continue;
            }
            changes.answerWith(newOrder.orderId());
            for (int position = 0; position < ordered.size(); position++) {
                LockedStock stock = bySku.get(ordered.get(position).sku());
                Reservation reservation = decisions.get(position);
                bySku.put(stock.sku(), stock.after(reservation));
                planned.add(new PlannedLine(new LineReservation(newOrder.orderId(), position + 1, stock.productId(),
                        reservation), stock));
            }
        }
        return ledger.reserve(planned.stream().map(PlannedLine::line).toList(), changes)
                .map(joined -> IntStream.range(0, planned.size()).filter(i -> joined.get(i) != null)
                        .mapToObj(i -> planned.get(i).newcomer(joined.get(i)))
                        .toList())
                .call(() -> refused.isEmpty() ? Uni.createFrom().voidItem()
                        : orders.remove(List.copyOf(refused.keySet())))
                .chain(newcomers -> etas.estimateNewcomers(newcomers, changes))
                .replaceWith(refused);
    }

    /** A line to record, with its product's stock as the orders before it left it. */
    private record PlannedLine(LineReservation line, LockedStock stock) {

        Newcomer newcomer(JoinedQueue joined) {
            return new Newcomer(line.orderId(), stock, line.reservation(), joined);
        }
    }
}
