package shop.backorders.ordering;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import shop.backorders.changes.Changes;
import shop.backorders.changes.Transactions;
import shop.backorders.ordering.OrderAllocation.NewOrder;
import shop.backorders.shared.Caller;
import shop.backorders.shared.DatabaseErrors;
import shop.backorders.shared.ErrorCode;
import shop.backorders.shared.KeyedBatches;
import shop.backorders.shared.Sequence;
import shop.backorders.shared.ShopClock;
import shop.backorders.shared.ShopException;

/**
 * Places orders: in batches and with idempotency keys. Orders for the same products wait for one stock lock
 * anyway, so those arriving while one of theirs is being placed are placed together, in one transaction and
 * in arrival order ({@link KeyedBatches}). Each order's row is recorded first, or the order placed before
 * under its key found (a retry); then {@link OrderAllocation} allocates the new ones; each caller is answered
 * once the transaction has committed.
 */
@ApplicationScoped
public class OrderPlacement {

    /** Orders placed in one transaction at most: it holds its products' stock locks for all of them. */
    private static final int MAX_BATCH = 50;
    /** As long as an order may wait for a database connection: beyond, its caller is told to try again. */
    private static final Duration MAX_WAIT = Duration.ofSeconds(30);

    private final OrderRepository orders;
    private final OrderAllocation allocation;
    private final OrderService answers;
    private final QuoteTokens quotes;
    private final Transactions transactions;
    private final ShopClock clock;
    private final OrderMetrics metrics;
    private final KeyedBatches<List<String>, Placement, OrderState> placements;

    public OrderPlacement(OrderRepository orders, OrderAllocation allocation, OrderService answers,
            QuoteTokens quotes, Transactions transactions, ShopClock clock, OrderMetrics metrics) {
        this.orders = orders;
        this.allocation = allocation;
        this.answers = answers;
        this.quotes = quotes;
        this.transactions = transactions;
        this.clock = clock;
        this.metrics = metrics;
        this.placements = new KeyedBatches<>(MAX_BATCH, MAX_WAIT, () -> new ShopException(ErrorCode.UNAVAILABLE,
                "Too busy to take this order now; nothing was placed. Try again in a moment."), this::placeBatch);
    }

    /**
     * Places an order whole or not at all: each line takes what is available and backorders the rest
     * within its product's policy; with a quote's token, only if that gives at least what was quoted. With an
     * idempotency key, a retry returns the first order.
     */
    public Uni<OrderState> place(PlaceOrder request, Caller caller) {
        boolean quoted = request.quoteToken() != null;
        // Whatever refused it, checks, its batch or its transaction, refused it whole: counted here, once.
        return Uni.createFrom().deferred(() -> submit(request, caller))
                .onFailure(ShopException.class)
                .invoke(refusal -> metrics.refused(((ShopException) refusal).code(), quoted));
    }

    private Uni<OrderState> submit(PlaceOrder request, Caller caller) {
        PlaceOrder order = request.forCustomer(caller.customerFor("customerEmail", request.customerEmail()))
                .normalised();
        Quoted quoted = Quoted.NONE;
        if (order.quoteToken() != null) {
            try {
                quoted = new Quoted(quotes.open(order.quoteToken(), order.lines()), null);
            } catch (ShopException refusal) {
                quoted = new Quoted(null, refusal);
            }
        }
        return placements.submit(order.skus(), new Placement(order, order.fingerprint(), quoted));
    }

    /** An order to place, checked, and what identifies it for idempotency. */
    private record Placement(PlaceOrder order, String fingerprint, Quoted quoted) {
    }

    /**
     * What the order's quote promised, or why its token is refused: a refused token refuses a new order, while a
     * retry of one placed before still gets that order back.
     */
    private record Quoted(QuoteTokens.Promise promise, ShopException refusal) {

        static final Quoted NONE = new Quoted(null, null);
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
                .onFailure(OrderPlacement::lostKeyRace)
                .recoverWithItem(() -> List.of(transactions.inTransaction(changes -> replay(batch.get(0)))
                        .chain(orderId -> answers.findOrder(orderId, Caller.STAFF))))
                .chain(OrderPlacement::settle);
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
            case PLACED -> Uni.createFrom().deferred(() -> answers.asLeftBy(outcome.orderId(), changes))
                    .invoke(order -> metrics.placed(order, placement.order().quoteToken() != null));
            case REPLAYED -> answers.findOrder(outcome.orderId(), Caller.STAFF);
            case REFUSED -> Uni.createFrom().failure(outcome.refusal());
            case ALONE -> placeAlone(placement);
        };
    }

    /**
     * Records each order of the batch, or finds it placed before; then allocates the new ones. An order refused
     * there is refused to its retries later in the batch too: the order they would replay is not placed.
     */
    private Uni<List<Outcome>> placeAll(List<Placement> batch, Changes changes) {
        List<Outcome> outcomes = new ArrayList<>();
        // The order rows go first: a racing retry with the same key waits there, holding no stock lock.
        return Sequence.forEach(IntStream.range(0, batch.size()).boxed().toList(),
                index -> recordOrReplay(batch, index).invoke(outcomes::add))
                .chain(() -> {
                    List<NewOrder> placed = IntStream.range(0, batch.size())
                            .filter(index -> outcomes.get(index).kind() == Outcome.Kind.PLACED)
                            .mapToObj(index -> new NewOrder(outcomes.get(index).orderId(), batch.get(index).order(),
                                    batch.get(index).quoted().promise()))
                            .toList();
                    return placed.isEmpty() ? Uni.createFrom().item(Map.<Long, ShopException>of())
                            : allocation.allocate(placed, changes);
                })
                .map(refused -> {
                    outcomes.replaceAll(outcome -> refused.containsKey(outcome.orderId())
                            ? Outcome.refused(outcome.orderId(), refused.get(outcome.orderId())) : outcome);
                    return outcomes;
                });
    }

    private Uni<Outcome> recordOrReplay(List<Placement> batch, int index) {
        Placement placement = batch.get(index);
        PlaceOrder order = placement.order();
        if (batch.subList(0, index).stream().anyMatch(earlier -> order.sameKeyAs(earlier.order())
                && !earlier.fingerprint().equals(placement.fingerprint()))) {
            return Uni.createFrom().item(new Outcome(Outcome.Kind.ALONE, 0, null));
        }
        Uni<Long> earlier = order.idempotencyKey() == null ? Uni.createFrom().nullItem() : replay(placement);
        return earlier.chain(found -> {
            if (found != null) {
                return Uni.createFrom().item(new Outcome(Outcome.Kind.REPLAYED, found, null));
            }
            if (placement.quoted().refusal() != null) {
                return Uni.createFrom().item(Outcome.refused(0, placement.quoted().refusal()));
            }
            return orders.add(order, placement.fingerprint(), clock.now())
                    .map(orderId -> new Outcome(Outcome.Kind.PLACED, orderId, null));
        })
                .onFailure(ShopException.class)
                .recoverWithItem(refusal -> Outcome.refused(0, (ShopException) refusal));
    }

    /** The order placed before under this one's key, if any; IDEMPOTENCY_KEY_REUSED if it was another order. */
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
}
