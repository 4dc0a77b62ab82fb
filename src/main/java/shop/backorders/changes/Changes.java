package shop.backorders.changes;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * What one transaction changed, noted as it goes by the allocation rule and published by
 * {@link ChangeLog} just before the transaction ends. Only ids and ranges are kept here: the
 * snapshots are read in one statement at the end, as of the transaction.
 */
public final class Changes {

    final Set<Long> products = new TreeSet<>();
    final Set<Long> orders = new TreeSet<>();
    final Map<Long, BackorderChange> backorders = new LinkedHashMap<>();
    final List<QueueExit> queueExits = new ArrayList<>();
    /** Products whose waiting backorders, supply or terms changed otherwise than by joins at the back. */
    private final Set<Long> changedQueueOrSupply = new TreeSet<>();
    private final Map<Long, LocalDate> previousEtas = new HashMap<>();
    /** Orders the caller answers with, as the change log publishes them. */
    final Set<Long> answered = new TreeSet<>();
    private final Map<Long, JsonObject> publishedOrders = new HashMap<>();
    private final Set<Long> consentAsked = new TreeSet<>();
    private final Set<Long> purchaseOrdersSent = new TreeSet<>();
    private final Set<Long> purchaseOrdersCancelled = new TreeSet<>();

    public void stock(long productId) {
        products.add(productId);
        changedQueueOrSupply.add(productId);
    }

    public void order(long orderId, long productId) {
        placed(orderId, productId);
        changedQueueOrSupply.add(productId);
    }

    /**
     * An order took units of the product or queued for them behind everyone else. Neither moves anyone
     * already waiting: a newcomer takes units only while nobody waits (and a pre-order none).
     */
    public void placed(long orderId, long productId) {
        orders.add(orderId);
        products.add(productId);
    }

    public void backorder(long backorderId, long orderId, long productId, BackorderChange change) {
        backorders.put(backorderId, change);
        if (change == BackorderChange.CREATED) {
            placed(orderId, productId);
        } else {
            order(orderId, productId);
        }
    }

    /**
     * {@code count} WAITING backorders of the product, all with FIFO keys at most {@code throughKey},
     * left its queue: everyone behind them moves up by {@code count} places.
     */
    public void leftQueue(long productId, long throughKey, int count) {
        if (count > 0) {
            queueExits.add(new QueueExit(productId, throughKey, count));
        }
    }

    /** A backorder's estimate moved from this date (the first one, if it moves twice). */
    public void etaMovedFrom(long backorderId, LocalDate previous) {
        previousEtas.putIfAbsent(backorderId, previous);
    }

    /** The date a backorder's estimate had before this transaction moved it, or null if it did not. */
    public LocalDate previousEta(long backorderId) {
        return previousEtas.get(backorderId);
    }

    /** The customer is now asked to accept a date past the promise (whatever else happened here). */
    public void consentAsked(long backorderId) {
        consentAsked.add(backorderId);
    }

    public boolean isConsentAsked(long backorderId) {
        return consentAsked.contains(backorderId);
    }

    /** A purchase order was made: the supplier is mailed it (see notification.Outbox). */
    public void purchaseOrderSent(long purchaseOrderId) {
        purchaseOrdersSent.add(purchaseOrderId);
    }

    public Set<Long> purchaseOrdersSent() {
        return Collections.unmodifiableSet(purchaseOrdersSent);
    }

    /** Staff called a purchase order off: the supplier is told. */
    public void purchaseOrderCancelled(long purchaseOrderId) {
        purchaseOrdersCancelled.add(purchaseOrderId);
    }

    public Set<Long> purchaseOrdersCancelled() {
        return Collections.unmodifiableSet(purchaseOrdersCancelled);
    }

    /** Whether a change to this backorder is already noted (a later note would replace it). */
    public boolean noted(long backorderId) {
        return backorders.containsKey(backorderId);
    }

    /** The products whose stock, queue, supply or terms changed. */
    public Set<Long> products() {
        return Collections.unmodifiableSet(products);
    }

    /**
     * Whether the product's queue, supply or terms changed otherwise than by backorders joining at the
     * back: then everyone waiting may expect their units on another day.
     */
    public boolean queueOrSupplyChanged(long productId) {
        return changedQueueOrSupply.contains(productId);
    }

    /** What happened to each backorder changed, in the order first noted. */
    public Map<Long, BackorderChange> backorders() {
        return Collections.unmodifiableMap(backorders);
    }

    /** The caller answers with this order as the transaction leaves it: see {@link #publishedOrder}. */
    public void answerWith(long orderId) {
        answered.add(orderId);
    }

    /** The change log published these order snapshots, of those asked for, for this transaction. */
    void published(JsonArray orders) {
        orders.forEach(order -> publishedOrders.put(((JsonObject) order).getLong("id"), (JsonObject) order));
    }

    /**
     * The order as this transaction left it, as its change-log entry carries it (what live watchers get);
     * null if the transaction did not change it, or nobody asked with {@link #answerWith}.
     */
    public JsonObject publishedOrder(long orderId) {
        return publishedOrders.get(orderId);
    }

    boolean isEmpty() {
        return products.isEmpty();
    }

    /** Backorders that left a product's queue, as one range: the unit in which queue moves travel. */
    public record QueueExit(long productId, long throughKey, int count) {
    }
}
