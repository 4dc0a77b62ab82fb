package shop.backorders.changes;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

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

    public void stock(long productId) {
        products.add(productId);
    }

    public void order(long orderId, long productId) {
        orders.add(orderId);
        products.add(productId);
    }

    public void backorder(long backorderId, long orderId, long productId, BackorderChange change) {
        backorders.put(backorderId, change);
        order(orderId, productId);
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

    boolean isEmpty() {
        return products.isEmpty();
    }

    /** Backorders that left a product's queue, as one range: the unit in which queue moves travel. */
    public record QueueExit(long productId, long throughKey, int count) {
    }
}
