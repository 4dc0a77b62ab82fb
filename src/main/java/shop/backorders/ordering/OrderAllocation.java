package shop.backorders.ordering;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import shop.backorders.backorder.BackorderEtas;
import shop.backorders.backorder.BackorderEtas.Newcomer;
import shop.backorders.changes.Changes;
import shop.backorders.inventory.AllocationPolicy;
import shop.backorders.inventory.ExpectedSupply;
import shop.backorders.inventory.InboundShipmentRepository;
import shop.backorders.inventory.LockedStock;
import shop.backorders.inventory.PreorderRelease;
import shop.backorders.inventory.Reservation;
import shop.backorders.inventory.StockLedger;
import shop.backorders.inventory.StockLedger.JoinedQueue;
import shop.backorders.inventory.StockLedger.LineReservation;
import shop.backorders.inventory.StockLocks;
import shop.backorders.shared.ShopClock;
import shop.backorders.shared.ShopException;

/**
 * Allocates new orders of one set of products under those products' stock locks, in arrival order: each
 * line is decided by the allocation rule ({@link AllocationPolicy#decide}) against the stock as the orders
 * before it left it, every line of an order before any is reserved (an order is placed whole or not at
 * all); then the lines of all the orders are recorded at once and their new backorders estimated. An order
 * placed with a quote is first answered as the quote was ({@link AvailabilityService#assess}, on the same
 * stock) and refused QUOTE_CHANGED, with that answer as its fresh quote, if it would get less than promised.
 */
@ApplicationScoped
public class OrderAllocation {

    private final OrderRepository orders;
    private final StockLocks locks;
    private final PreorderRelease preorders;
    private final StockLedger ledger;
    private final InboundShipmentRepository inbound;
    private final BackorderEtas etas;
    private final AvailabilityService availability;
    private final QuoteTokens quotes;
    private final ShopClock clock;

    public OrderAllocation(OrderRepository orders, StockLocks locks, PreorderRelease preorders,
            StockLedger ledger, InboundShipmentRepository inbound, BackorderEtas etas, AvailabilityService availability,
            QuoteTokens quotes, ShopClock clock) {
        this.orders = orders;
        this.locks = locks;
        this.preorders = preorders;
        this.ledger = ledger;
        this.inbound = inbound;
        this.etas = etas;
        this.availability = availability;
        this.quotes = quotes;
        this.clock = clock;
    }

    /**
     * An order recorded in this transaction, to allocate.
     *
     * @param promise what its quote promised; null if it was placed without one
     */
    record NewOrder(long orderId, PlaceOrder order, QuoteTokens.Promise promise) {
    }

    /**
     * Allocates the orders, all of the same products, in their order. A refused order's row is removed
     * again.
     *
     * @return the refusals, by order id
     */
    Uni<Map<Long, ShopException>> allocate(List<NewOrder> newOrders, Changes changes) {
        return locks.lockSkus(newOrders.get(0).order().skus())
                .chain(locked -> preorders.releaseDue(locked, changes))
                .chain(locked -> supplyForQuotes(newOrders, locked.keySet())
                        .chain(supply -> reserve(newOrders, locked, supply, changes)));
    }

    /** The supply expected for the products, read only if an order is to be held to a quote: that needs it. */
    private Uni<Map<Long, ExpectedSupply>> supplyForQuotes(List<NewOrder> newOrders, Set<Long> productIds) {
        return newOrders.stream().anyMatch(newOrder -> newOrder.promise() != null) ? inbound.openFor(productIds)
                : Uni.createFrom().item(Map.of());
    }

    private Uni<Map<Long, ShopException>> reserve(List<NewOrder> newOrders, Map<Long, LockedStock> locked,
            Map<Long, ExpectedSupply> supply, Changes changes) {
        Map<String, LockedStock> bySku = locked.values().stream()
                .collect(Collectors.toMap(LockedStock::sku, Function.identity()));
        Map<Long, ShopException> refused = new HashMap<>();
        List<PlannedLine> planned = new ArrayList<>();
        for (NewOrder newOrder : newOrders) {
            List<PlaceOrder.Line> ordered = newOrder.order().lines();
            if (newOrder.promise() != null) {
                List<Availability> now = ordered.stream().map(line -> {
                    LockedStock stock = bySku.get(line.sku());
                    return availability.assess(stock, line.quantity(), supply.get(stock.productId()));
                }).toList();
                if (!newOrder.promise().keptBy(now)) {
                    refused.put(newOrder.orderId(), new QuoteChanged(quotes.issue(now)));
                    continue;
                }
            }
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
