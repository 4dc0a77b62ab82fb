package shop.backorders.inventory;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import shop.backorders.catalog.Product;
import shop.backorders.catalog.ProductRepository;
import shop.backorders.changes.Changes;
import shop.backorders.changes.Transactions;
import shop.backorders.shared.Sequence;
import shop.backorders.shared.ShopClock;
import shop.backorders.shared.SingleRunner;
import shop.backorders.shared.SingleRunner.Job;
import shop.backorders.shared.Sql;

/**
 * Releases pre-orders whose release day has come: the stock a product held for them goes to their queue,
 * and from then on it is sold like any other. A room of its own because two paths do it: placing an order,
 * under that order's stock locks, and a schedule, for products nobody orders.
 */
@ApplicationScoped
public class PreorderRelease {

    private static final Logger LOG = Logger.getLogger(PreorderRelease.class);

    private final StockLocks locks;
    private final QueueFill queue;
    private final ProductRepository products;
    private final Transactions transactions;
    private final ShopClock clock;
    private final SingleRunner runner;

    public PreorderRelease(StockLocks locks, QueueFill queue, ProductRepository products, Transactions transactions,
            ShopClock clock, SingleRunner runner) {
        this.locks = locks;
        this.queue = queue;
        this.products = products;
        this.transactions = transactions;
        this.clock = clock;
        this.runner = runner;
    }

    /**
     * Hands out the stock held for pre-orders whose release date has come, to their queues in FIFO order;
     * then it is sold like any other. Placing an order does this first, so a newcomer on release day
     * follows the pre-orders instead of waiting behind a queue not filled yet; the schedule does it for
     * products nobody orders. Returns the locked rows as they are afterwards.
     */
    public Uni<Map<Long, LockedStock>> releaseDue(Map<Long, LockedStock> locked, Changes changes) {
        LocalDate today = clock.today();
        List<Long> due = locked.values().stream().filter(stock -> stock.dueForRelease(today))
                .map(LockedStock::productId).toList();
        if (due.isEmpty()) {
            return Uni.createFrom().item(locked);
        }
        return Sequence.forEach(due, productId -> Sql.update("UPDATE product SET released = true WHERE id = :product",
                Map.of("product", productId))
                .chain(() -> queue.fill(productId, changes)))
                .chain(() -> locks.lock(locked.keySet()));
    }

    /**
     * Releases every product whose release date has come, each under its own stock lock. Placing an order
     * does this too, so the schedule only decides how soon a product nobody orders gets there. One replica at
     * a time.
     */
    @Scheduled(every = "${shop.preorder-release.every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public Uni<Void> releaseOnSchedule() {
        return runner.once(Job.PREORDER_RELEASE, () -> products.dueForRelease(clock.today())
                .chain(due -> Sequence.forEach(due, this::release))
                .onFailure().recoverWithItem(failure -> {
                    LOG.warn("Releasing due pre-orders failed; the next run tries again", failure);
                    return null;
                })).replaceWithVoid();
    }

    private Uni<Void> release(Product product) {
        LOG.infof("Releasing pre-orders of %s", product.sku);
        return transactions.inTransaction(changes -> locks.lock(List.of(product.id))
                .chain(locked -> releaseDue(locked, changes)))
                .replaceWithVoid();
    }
}
