package shop.backorders.ordering;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import shop.backorders.backorder.BackorderEtas;
import shop.backorders.backorder.BackorderEtas.Newcomer;
import shop.backorders.backorder.BackorderService;
import shop.backorders.changes.Changes;
import shop.backorders.changes.Transactions;
import shop.backorders.inventory.AllocationPolicy;
import shop.backorders.inventory.LockedStock;
import shop.backorders.inventory.Reservation;
import shop.backorders.inventory.StockLedger;
import shop.backorders.shared.Caller;
import shop.backorders.shared.DatabaseErrors;
import shop.backorders.shared.EmailAddress;
import shop.backorders.shared.ErrorCode;
import shop.backorders.shared.Sequence;
import shop.backorders.shared.ShopClock;
import shop.backorders.shared.ShopException;

@ApplicationScoped
public class OrderService {

    private static final int MAX_LINES = 100;
    private static final int MAX_QUANTITY = AllocationPolicy.MAX_UNITS;
    private static final int MAX_KEY_LENGTH = 100;

    private final OrderRepository orders;
    private final BackorderService backorders;
    private final BackorderEtas etas;
    private final StockLedger ledger;
    private final Transactions transactions;
    private final ShopClock clock;

    public OrderService(OrderRepository orders, BackorderService backorders, BackorderEtas etas, StockLedger ledger,
            Transactions transactions, ShopClock clock) {
        this.orders = orders;
        this.backorders = backorders;
        this.etas = etas;
        this.ledger = ledger;
        this.transactions = transactions;
        this.clock = clock;
    }

    /**
     * Places an order whole or not at all: each line takes what is available and backorders the rest
     * within its product's policy. With an idempotency key, a retry returns the first order.
     */
    public Uni<OrderState> placeOrder(PlaceOrder request, Caller caller) {
        PlaceOrder order = normalise(request.forCustomer(caller.customerFor("customerEmail", request.customerEmail())));
        String fingerprint = fingerprint(order);
        String key = order.idempotencyKey();
        return answered(transactions.inTransaction(changes -> replayOrPlace(order, fingerprint, changes)
                .map(orderId -> Changed.answering(orderId, changes))))
                // A racing retry lost on the unique key; its session is spoiled, so read the winner in a new one.
                .onFailure(failure -> "customer_order_idempotency_key_unique"
                        .equals(DatabaseErrors.constraint(failure)))
                .recoverWithUni(() -> transactions.inTransaction(changes -> replay(key, fingerprint))
                        .chain(orderId -> findOrder(orderId, Caller.STAFF)));
    }

    /** An order a transaction changed, and what it changed. */
    private record Changed(long orderId, Changes changes) {

        /** Asks the change log for the order's snapshot, to answer with. */
        static Changed answering(long orderId, Changes changes) {
            changes.answerWith(orderId);
            return new Changed(orderId, changes);
        }
    }

    /**
     * The order as its transaction left it: the snapshot its change-log entry carries (one connection per
     * request, so a busy pool cannot fail an answer about a change already committed), or, if it changed
     * nothing (a replayed order), read now.
     */
    private Uni<OrderState> answered(Uni<Changed> committed) {
        return committed.chain(changed -> {
            JsonObject published = changed.changes().publishedOrder(changed.orderId());
            return published != null ? Uni.createFrom().item(OrderState.fromJson(published))
                    : findOrder(changed.orderId(), Caller.STAFF);
        });
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
            return ledger.lock(productIds);
        });
    }

    private Uni<Long> replayOrPlace(PlaceOrder order, String fingerprint, Changes changes) {
        Uni<Long> earlier = order.idempotencyKey() == null ? Uni.createFrom().nullItem()
                : replay(order.idempotencyKey(), fingerprint);
        return earlier.chain(found -> found != null ? Uni.createFrom().item(found)
                : placeNew(order, fingerprint, changes));
    }

    private Uni<Long> replay(String key, String fingerprint) {
        return orders.findByIdempotencyKey(key).map(earlier -> {
            if (earlier == null) {
                return null;
            }
            if (!earlier.requestHash.equals(fingerprint)) {
                throw new ShopException(ErrorCode.IDEMPOTENCY_KEY_REUSED, "Idempotency key " + key
                        + " was used for a different order");
            }
            return earlier.id;
        });
    }

    private Uni<Long> placeNew(PlaceOrder request, String fingerprint, Changes changes) {
        // The order row goes first: a racing retry with the same key waits here, holding no stock lock.
        return orders.add(request, fingerprint, clock.now()).call(orderId -> ledger
                .lockSkus(request.lines().stream().map(PlaceOrder.Line::sku).toList())
                .chain(locked -> ledger.releaseDuePreorders(locked, changes))
                .chain(locked -> {
                    Map<String, LockedStock> bySku = locked.values().stream()
                            .collect(Collectors.toMap(LockedStock::sku, Function.identity()));
                    List<PlaceOrder.Line> lines = request.lines();
                    List<Newcomer> newcomers = new ArrayList<>();
                    return Sequence.forEach(IntStream.range(0, lines.size()).boxed().toList(), index -> {
                        LockedStock stock = bySku.get(lines.get(index).sku());
                        Reservation reservation = AllocationPolicy.decide(stock, lines.get(index).quantity(),
                                clock.today());
                        return ledger.reserve(orderId, index + 1, stock.productId(), reservation, changes)
                                .invoke(joined -> {
                                    if (joined != null) {
                                        newcomers.add(new Newcomer(orderId, stock, reservation, joined));
                                    }
                                });
                    }).chain(() -> etas.estimateNewcomers(newcomers, changes));
                }));
    }

    /** Checks the request and merges lines of the same SKU, so each product is locked and allocated once. */
    static PlaceOrder normalise(PlaceOrder request) {
        String email = EmailAddress.checked("customerEmail", request.customerEmail());
        if (request.lines() == null || request.lines().isEmpty() || request.lines().size() > MAX_LINES) {
            throw ShopException.invalidInput("An order needs 1 to " + MAX_LINES + " lines");
        }
        Map<String, Integer> quantities = new LinkedHashMap<>();
        for (PlaceOrder.Line line : request.lines()) {
            if (line.sku() == null || line.sku().isBlank()) {
                throw ShopException.invalidInput("Every line needs a SKU");
            }
            if (line.quantity() < 1 || line.quantity() > MAX_QUANTITY) {
                throw new ShopException(ErrorCode.INVALID_QUANTITY, "Quantity of " + line.sku()
                        + " must be between 1 and " + MAX_QUANTITY + ", got " + line.quantity());
            }
            quantities.merge(line.sku(), line.quantity(), Integer::sum);
        }
        List<PlaceOrder.Line> merged = new ArrayList<>();
        quantities.forEach((sku, quantity) -> {
            if (quantity > MAX_QUANTITY) {
                throw new ShopException(ErrorCode.INVALID_QUANTITY, "Quantity of " + sku + " must be at most "
                        + MAX_QUANTITY + ", got " + quantity + " over its lines");
            }
            merged.add(new PlaceOrder.Line(sku, quantity));
        });
        String key = request.idempotencyKey();
        if (key != null && (key.isBlank() || key.length() > MAX_KEY_LENGTH)) {
            throw ShopException.invalidInput("idempotencyKey must be 1 to " + MAX_KEY_LENGTH + " characters");
        }
        Shipping shipping = request.shipping() == null ? Shipping.SHIP_AVAILABLE : request.shipping();
        return new PlaceOrder(email, merged, shipping, key);
    }

    /** Identifies what was asked for, so a retry can be told from a different order under the same key. */
    static String fingerprint(PlaceOrder order) {
        String canonical = order.customerEmail().toLowerCase(Locale.ROOT) + "|" + order.shipping() + "|"
                + order.lines().stream()
                        .sorted(Comparator.comparing(PlaceOrder.Line::sku))
                        .map(line -> line.sku() + "=" + line.quantity())
                        .collect(Collectors.joining(","));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
