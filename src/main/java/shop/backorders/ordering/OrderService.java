package shop.backorders.ordering;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
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
import shop.backorders.inventory.StockLedger.JoinedQueue;
import shop.backorders.inventory.StockLedger.LineReservation;
import shop.backorders.shared.Caller;
import shop.backorders.shared.DatabaseErrors;
import shop.backorders.shared.EmailAddress;
import shop.backorders.shared.ErrorCode;
import shop.backorders.shared.KeyedBatches;
import shop.backorders.shared.Sequence;
import shop.backorders.shared.ShopClock;
import shop.backorders.shared.ShopException;

@ApplicationScoped
public class OrderService {

    private static final int MAX_LINES = 100;
    private static final int MAX_QUANTITY = AllocationPolicy.MAX_UNITS;
    private static final int MAX_KEY_LENGTH = 100;
    /** Orders placed in one transaction at most: it holds its products' stock locks for all of them. */
    private static final int MAX_BATCH = 50;
    /** As long as an order may wait for a database connection: beyond, its caller is told to try again. */
    private static final Duration MAX_WAIT = Duration.ofSeconds(30);

    private final OrderRepository orders;
    private final BackorderService backorders;
    private final BackorderEtas etas;
    private final StockLedger ledger;
    private final Transactions transactions;
    private final ShopClock clock;
    private final KeyedBatches<List<String>, Placement, OrderState> placements;

    public OrderService(OrderRepository orders, BackorderService backorders, BackorderEtas etas, StockLedger ledger,
            Transactions transactions, ShopClock clock) {
        this.orders = orders;
        this.backorders = backorders;
        this.etas = etas;
        this.ledger = ledger;
        this.transactions = transactions;
        this.clock = clock;
        this.placements = new KeyedBatches<>(MAX_BATCH, MAX_WAIT, () -> new ShopException(ErrorCode.UNAVAILABLE,
                "Too busy to take this order now; nothing was placed. Try again in a moment."), this::placeBatch);
    }

    /**
     * Places an order whole or not at all: each line takes what is available and backorders the rest
     * within its product's policy. With an idempotency key, a retry returns the first order.
     */
    public Uni<OrderState> placeOrder(PlaceOrder request, Caller caller) {
        PlaceOrder order = normalise(request.forCustomer(caller.customerFor("customerEmail", request.customerEmail())));
        // Orders for the same products wait for one stock lock anyway: those arriving while one of theirs is
        // being placed are placed together, in one transaction and in arrival order.
        List<String> products = order.lines().stream().map(PlaceOrder.Line::sku).sorted().toList();
        return placements.submit(products, new Placement(order, fingerprint(order)));
    }

    /** An order to place, checked, and what identifies it for idempotency. */
    private record Placement(PlaceOrder order, String fingerprint) {
    }

    /** What became of one order of a batch in its transaction. */
    private record Outcome(Kind kind, long orderId, ShopException refusal) {

        enum Kind {
            /** Placed now. */
            PLACED,
            /** Placed before, under its idempotency key. */
            REPLAYED,
            REFUSED,
            /**
             * Its key is the key of a different order earlier in the batch: whether that one holds the key is
             * known only once it is placed or refused, so this one goes on its own after the batch.
             */
            ALONE
        }

        static Outcome refused(long orderId, ShopException refusal) {
            return new Outcome(Kind.REFUSED, orderId, refusal);
        }
    }

    /** The outcomes of a batch's transaction, with what it changed: answered from once it has committed. */
    private record Settled(List<Outcome> outcomes, Changes changes) {
    }

    /**
     * One answer per order of the batch, in its order, each already settled: what an answer still reads, it
     * reads here, through this batch's session.
     */
    private Uni<List<Uni<OrderState>>> placeBatch(List<Placement> batch) {
        return transactions.inTransaction(changes -> placeAll(batch, changes)
                .map(outcomes -> new Settled(outcomes, changes)))
                .map(settled -> IntStream.range(0, batch.size()).mapToObj(index -> answer(batch.get(index),
                        settled.outcomes().get(index), settled.changes())).toList())
                // A retry racing in another transaction won the key and spoiled this one: each order goes again
                // on its own (nothing of this batch committed), so only the retry is answered with the winner.
                .onFailure(failure -> batch.size() > 1 && lostKeyRace(failure))
                .recoverWithItem(() -> batch.stream().map(this::placeAlone).toList())
                // Its session is spoiled, so read the winner in a new one.
                .onFailure(OrderService::lostKeyRace)
                .recoverWithItem(() -> List.of(transactions.inTransaction(changes -> replay(batch.get(0)))
                        .chain(orderId -> findOrder(orderId, Caller.STAFF))))
                .chain(OrderService::settle);
    }

    private Uni<OrderState> placeAlone(Placement placement) {
        return placeBatch(List.of(placement)).chain(answers -> answers.get(0));
    }

    private static boolean lostKeyRace(Throwable failure) {
        return "customer_order_customer_key_unique".equals(DatabaseErrors.constraint(failure));
    }

    /** Runs the answers one after another, each failure kept as that answer. */
    private static Uni<List<Uni<OrderState>>> settle(List<Uni<OrderState>> answers) {
        List<Uni<OrderState>> settled = new ArrayList<>();
        return Sequence.forEach(answers, answer -> answer.map(Uni.createFrom()::item)
                .onFailure().recoverWithItem(failure -> Uni.createFrom().failure(failure))
                .invoke(settled::add))
                .replaceWith(settled);
    }

    /** The order as its transaction left it (the snapshot its change-log entry carries), once committed. */
    private Uni<OrderState> answer(Placement placement, Outcome outcome, Changes changes) {
        return switch (outcome.kind()) {
            case PLACED -> Uni.createFrom().deferred(() -> asLeftBy(outcome.orderId(), changes));
            case REPLAYED -> findOrder(outcome.orderId(), Caller.STAFF);
            case REFUSED -> Uni.createFrom().failure(outcome.refusal());
            case ALONE -> placeAlone(placement);
        };
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
    private Uni<OrderState> asLeftBy(long orderId, Changes changes) {
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
            return ledger.lock(productIds);
        });
    }

    /**
     * Records each order of the batch, or finds it placed before; then, under the stock locks of their
     * products, places the new ones in turn, each taking what the ones before it left.
     */
    private Uni<List<Outcome>> placeAll(List<Placement> batch, Changes changes) {
        List<Outcome> outcomes = new ArrayList<>();
        // The order rows go first: a racing retry with the same key waits there, holding no stock lock.
        return Sequence.forEach(IntStream.range(0, batch.size()).boxed().toList(),
                index -> recordOrReplay(batch, index).invoke(outcomes::add))
                .chain(() -> outcomes.stream().noneMatch(outcome -> outcome.kind() == Outcome.Kind.PLACED)
                        ? Uni.createFrom().voidItem()
                        : ledger.lockSkus(batch.get(0).order().lines().stream().map(PlaceOrder.Line::sku).toList())
                                .chain(locked -> ledger.releaseDuePreorders(locked, changes))
                                .chain(locked -> reserveAll(batch, outcomes, locked, changes)))
                .replaceWith(outcomes);
    }

    private Uni<Outcome> recordOrReplay(List<Placement> batch, int index) {
        Placement placement = batch.get(index);
        PlaceOrder order = placement.order();
        String key = order.idempotencyKey();
        if (key != null && batch.subList(0, index).stream().anyMatch(earlier -> sameKey(order, earlier.order())
                && !earlier.fingerprint().equals(placement.fingerprint()))) {
            return Uni.createFrom().item(new Outcome(Outcome.Kind.ALONE, 0, null));
        }
        Uni<Long> earlier = key == null ? Uni.createFrom().nullItem() : replay(placement);
        return earlier.chain(found -> found != null
                        ? Uni.createFrom().item(new Outcome(Outcome.Kind.REPLAYED, found, null))
                        : orders.add(order, placement.fingerprint(), clock.now())
                                .map(orderId -> new Outcome(Outcome.Kind.PLACED, orderId, null)))
                .onFailure(ShopException.class)
                .recoverWithItem(refusal -> Outcome.refused(0, (ShopException) refusal));
    }

    /**
     * Whether the other order is under the keyed one's key. Keys are the customer's own: another customer's
     * order under the same key is neither a retry nor refused.
     */
    private static boolean sameKey(PlaceOrder keyed, PlaceOrder other) {
        return keyed.idempotencyKey().equals(other.idempotencyKey())
                && keyed.customerEmail().equals(other.customerEmail());
    }

    private Uni<Long> replay(Placement placement) {
        String key = placement.order().idempotencyKey();
        return orders.findByIdempotencyKey(placement.order().customerEmail(), key).map(earlier -> {
            if (earlier == null) {
                return null;
            }
            if (!earlier.requestHash.equals(placement.fingerprint())) {
                throw new ShopException(ErrorCode.IDEMPOTENCY_KEY_REUSED, "Idempotency key " + key
                        + " was used for a different order");
            }
            return earlier.id;
        });
    }

    /**
     * Decides every line of an order before reserving any (an order is placed whole or not at all), against
     * the stock as the orders before it left it; then records the lines of all the batch's placed orders at
     * once, in order. A refused order's row is removed again.
     */
    private Uni<Void> reserveAll(List<Placement> batch, List<Outcome> outcomes, Map<Long, LockedStock> locked,
            Changes changes) {
        Map<String, LockedStock> bySku = locked.values().stream()
                .collect(Collectors.toMap(LockedStock::sku, Function.identity()));
        List<Long> refused = new ArrayList<>();
        List<PlannedLine> planned = new ArrayList<>();
        for (int index = 0; index < batch.size(); index++) {
            Outcome outcome = outcomes.get(index);
            if (outcome.kind() != Outcome.Kind.PLACED) {
                continue;
            }
            long orderId = outcome.orderId();
            List<PlaceOrder.Line> ordered = batch.get(index).order().lines();
            List<Reservation> decisions;
            try {
                decisions = ordered.stream().map(line -> AllocationPolicy.decide(bySku.get(line.sku()),
                        line.quantity(), clock.today())).toList();
            } catch (ShopException refusal) {
                // So is a retry of it later in the batch: the order it would replay is not placed.
                outcomes.replaceAll(other -> other.orderId() == orderId ? Outcome.refused(orderId, refusal) : other);
                refused.add(orderId);
                continue;
            }
            changes.answerWith(orderId);
            for (int position = 0; position < ordered.size(); position++) {
                LockedStock stock = bySku.get(ordered.get(position).sku());
                Reservation reservation = decisions.get(position);
                bySku.put(stock.sku(), stock.after(reservation));
                planned.add(new PlannedLine(new LineReservation(orderId, position + 1, stock.productId(),
                        reservation), stock));
            }
        }
        return ledger.reserve(planned.stream().map(PlannedLine::line).toList(), changes)
                .map(joined -> IntStream.range(0, planned.size()).filter(i -> joined.get(i) != null)
                        .mapToObj(i -> planned.get(i).newcomer(joined.get(i)))
                        .toList())
                .call(() -> refused.isEmpty() ? Uni.createFrom().voidItem() : orders.remove(refused))
                .chain(newcomers -> etas.estimateNewcomers(newcomers, changes));
    }

    /** A line to record, with its product's stock as the orders before it in the batch left it. */
    private record PlannedLine(LineReservation line, LockedStock stock) {

        Newcomer newcomer(JoinedQueue joined) {
            return new Newcomer(line.orderId(), stock, line.reservation(), joined);
        }
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
        String canonical = order.customerEmail() + "|" + order.shipping() + "|"
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
