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

    public ChangeLog(ShopConfig config) {
        this.channel = config.changes().channel();
        this.retention = config.changes().retention();
        this.snapshotLimit = config.changes().snapshotLimit();
    }

    /** Listeners read an entry within moments of its commit; older ones are only kept for a while. */
    @Scheduled(every = "${shop.changes.prune-every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> prune() {
        return Panache.withTransaction(() -> Sql.update(
                "DELETE FROM change_log WHERE created_at < now() - make_interval(secs => :seconds)",
                Map.of("seconds", (double) retention.toSeconds())))
                .onFailure().recoverWithItem(failure -> {
                    LOG.warn("Pruning the change log failed; the next run tries again", failure);
                    return 0;
                })
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
        return Sql.rows("""
                WITH bumped AS (
                    UPDATE stock SET version = version + 1 WHERE product_id = ANY(CAST(:products AS bigint[]))
                    RETURNING product_id, version, on_hand, allocated, backordered
                ), states AS (
                    -- The read model's rows, as queries and mails read them, through plans each connection
                    -- keeps (migration V7).
                    SELECT id, state FROM backorder_states_of(CAST(:backorders AS bigint[]), CAST(:orders AS bigint[]))
                ), order_backorders AS (
                    SELECT CAST(state ->> 'order_id' AS bigint) AS order_id,
                           jsonb_agg(state ORDER BY CAST(state ->> 'fifo_key' AS bigint)) AS list
                    FROM states GROUP BY 1
                ), orders AS (
                    SELECT o.state || jsonb_build_object('backorders', coalesce(ob.list, '[]')) AS state
                    FROM order_states_of(CAST(:orders AS bigint[])) o
                    LEFT JOIN order_backorders ob ON ob.order_id = o.id
                ), entry AS (
                    INSERT INTO change_log (payload)
                    SELECT jsonb_build_object(
                        'backorders', (SELECT coalesce(jsonb_agg(s.state || jsonb_build_object('change', t.change)
                                                                 ORDER BY CAST(s.state ->> 'fifo_key' AS bigint)),
                                                       '[]')
                                       FROM unnest(CAST(:backorders AS bigint[]), CAST(:changes AS text[]))
                                                AS t(id, change)
                                       JOIN states s ON s.id = t.id),
                        'orders', (SELECT coalesce(jsonb_agg(state), '[]') FROM orders),
                        'products', (SELECT coalesce(jsonb_agg(jsonb_build_object(
                                         'id', p.id, 'sku', p.sku, 'name', p.name, 'price', p.price,
                                         'backorderPolicy', p.backorder_policy, 'backorderLimit', p.backorder_limit,
                                         'releaseDate', p.release_date, 'leadTimeDays', p.lead_time_days,
                                         'onHand', s.on_hand, 'allocated', s.allocated, 'backordered', s.backordered,
                                         'version', s.version)), '[]')
                                     FROM product p JOIN bumped s ON s.product_id = p.id),
                        -- via text: the pg client would send a String bound straight to jsonb as a JSON string
                        'queueExits', CAST(CAST(:exits AS text) AS jsonb),
                        'bulk', CAST(:bulk AS boolean))
                    RETURNING id, payload -> 'orders' AS orders
                )
                -- Only the orders the caller answers with travel back: a restock may touch thousands.
                SELECT pg_notify(:channel, CAST(id AS text)), CAST((
                    SELECT coalesce(jsonb_agg(o), '[]') FROM jsonb_array_elements(orders) o
                    WHERE CAST(o ->> 'id' AS bigint) = ANY(CAST(:answered AS bigint[]))) AS text)
                FROM entry""", Map.of(
                "backorders", backorders.keySet().toArray(Long[]::new),
                "changes", backorders.values().stream().map(Enum::name).toArray(String[]::new),
                "orders", orders.toArray(Long[]::new),
                "products", changes.products.toArray(Long[]::new),
                "exits", exits.encode(),
                "channel", channel,
                "answered", changes.answered.toArray(Long[]::new),
                "bulk", bulk))
                .invoke(rows -> changes.published(new JsonArray((String) rows.get(0)[1])))
                .replaceWithVoid();
    }
}
