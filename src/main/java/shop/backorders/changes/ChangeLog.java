package shop.backorders.changes;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import shop.backorders.shared.Sql;
import shop.backorders.shared.ShopConfig;
import shop.backorders.shared.SingleRunner;
import shop.backorders.shared.SingleRunner.Job;

/**
 * Publishes what a transaction changed: one change_log row with snapshots read as of the transaction,
 * and a NOTIFY carrying its id. PostgreSQL delivers the NOTIFY only if the transaction commits, in
 * commit order, to every listening instance, this one included, so there is one path for every event.
 */
@ApplicationScoped
public class ChangeLog implements BeforeCommit {

    private static final Logger LOG = Logger.getLogger(ChangeLog.class);

    private final String channel;
    private final Duration retention;
    private final int snapshotLimit;
    private final SingleRunner runner;

    public ChangeLog(ShopConfig config, SingleRunner runner) {
        this.channel = config.changes().channel();
        this.retention = config.changes().retention();
        this.snapshotLimit = config.changes().snapshotLimit();
        this.runner = runner;
    }

    /**
     * Listeners read an entry within moments of its commit; older ones are only kept for a while. One replica at a
     * time.
     */
    @Scheduled(every = "${shop.changes.prune-every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public Uni<Void> prune() {
        return runner.once(Job.CHANGE_LOG_PRUNE, () -> Panache.withTransaction(() -> Sql.update(
                "DELETE FROM change_log WHERE created_at < now() - make_interval(secs => :seconds)",
                Map.of("seconds", (double) retention.toSeconds())))
                .onFailure().recoverWithItem(failure -> {
                    LOG.warn("Pruning the change log failed; the next run tries again", failure);
                    return 0;
                }))
                .replaceWithVoid();
    }

    public String channel() {
        return channel;
    }

    @Override
    public int order() {
        return CHANGE_LOG;
    }

    private static Map<Long, BackorderChange> created(Map<Long, BackorderChange> backorders) {
        Map<Long, BackorderChange> created = new LinkedHashMap<>();
        backorders.forEach((id, change) -> {
            if (change == BackorderChange.CREATED) {
                created.put(id, change);
            }
        });
        return created;
    }

    /** Runs inside the transaction whose changes these are, after the last of them. */
    @Override
    public Uni<Void> beforeCommit(Changes changes) {
        if (changes.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        // A bulk change carries no snapshots but those of new backorders (a placement's own, at most one a
        // line) and of the orders the caller answers with: its size would grow with the queue, and every
        // instance would parse it. Watchers read anew what else they show of its products.
        boolean bulk = changes.backorders.size() > snapshotLimit;
        Map<Long, BackorderChange> backorders = bulk ? created(changes.backorders) : changes.backorders;
        Set<Long> orders = bulk ? changes.answered : changes.orders;
        JsonArray exits = new JsonArray();
        changes.queueExits.forEach(exit -> exits.add(new JsonObject().put("productId", exit.productId())
                .put("throughKey", exit.throughKey()).put("count", exit.count())));
        // One function of migration V8 writes the entry with its snapshots, bumps the products' versions,
        // notifies, and returns the orders the caller answers with. The exits go via text: the pg client would
        // send a String bound straight to jsonb as a JSON string.
        return Sql.rows("""
                SELECT CAST(record_change(:products, :backorders, :changes, :orders,
                                          CAST(CAST(:exits AS text) AS jsonb), :bulk, :channel, :answered) AS text)""",
                Map.of("backorders", backorders.keySet().toArray(Long[]::new),
                        "changes", backorders.values().stream().map(Enum::name).toArray(String[]::new),
                        "orders", orders.toArray(Long[]::new),
                        "products", changes.products.toArray(Long[]::new),
                        "exits", exits.encode(),
                        "channel", channel,
                        "answered", changes.answered.toArray(Long[]::new),
                        "bulk", bulk))
                .invoke(rows -> changes.published(new JsonArray((String) rows.get(0)[0])))
                .replaceWithVoid();
    }
}
