package shop.backorders.inventory;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import shop.backorders.changes.BackorderChange;
import shop.backorders.changes.Changes;
import shop.backorders.shared.ShopClock;
import shop.backorders.shared.Sql;

/**
 * Fills a product's queue: hands its available units to the waiting backorders, strictly in FIFO-key
 * order. Every increase of available units ends here, under the stock lock its caller took with
 * {@link StockLocks}, so the queue is filled by one rule in one place.
 */
@ApplicationScoped
@Startup // its meters show, at 0, from the start: Prometheus misses a series' first increment
public class QueueFill {

    private final ShopClock clock;
    private final Timer fills;

    public QueueFill(ShopClock clock, MeterRegistry registry) {
        this.clock = clock;
        this.fills = Timer.builder("shop.queue.fill")
                .description("How long filling a product's queue took (restocks, cancellations, releases), the one"
                        + " statement as its transaction waited for it; an attempt run again after a deadlock counts"
                        + " again")
                .serviceLevelObjectives(Duration.ofMillis(10), Duration.ofMillis(100), Duration.ofSeconds(1),
                        Duration.ofSeconds(10))
                .register(registry);
    }

    /**
     * Fills the product's waiting backorders from its available units, strictly in FIFO-key order,
     * the last one partly if stock runs out. One statement, however long the queue.
     */
    public Uni<Void> fill(long productId, Changes changes) {
        // Every caller asks for the fill as its turn comes (in a chain), so the statement goes out from here.
        Timer.Sample started = Timer.start();
        return Sql.rows("""
                WITH free AS (
                    SELECT on_hand - allocated AS units FROM stock WHERE product_id = :product
                ), head AS (
                    -- Each backorder filled takes at least a unit: no more than that many can be reached.
                    SELECT id, order_line_id, order_id, fifo_key, queue_ticket, quantity - allocated AS waiting
                    FROM backorder
                    WHERE product_id = :product AND status = 'WAITING'
                    ORDER BY fifo_key
                    LIMIT (SELECT greatest(units, 0) FROM free)
                ), queue AS (
                    SELECT *, sum(waiting) OVER (ORDER BY fifo_key) AS through FROM head
                ), fill AS (
                    SELECT q.id, q.order_line_id, q.order_id, q.fifo_key, q.queue_ticket,
                           least(q.waiting, f.units - (q.through - q.waiting)) AS units, q.waiting
                    FROM queue q, free f
                    WHERE q.through - q.waiting < f.units
                ), backorders AS (
                    UPDATE backorder b
                    SET allocated = b.allocated + f.units,
                        status = CASE WHEN b.allocated + f.units = b.quantity THEN 'ALLOCATED' ELSE 'WAITING' END,
                        allocated_at = CASE WHEN b.allocated + f.units = b.quantity THEN CAST(:now AS timestamptz) END,
                        updated_at = :now
                    FROM fill f WHERE b.id = f.id
                ), lines AS (
                    UPDATE order_line l
                    SET allocated = l.allocated + f.units, backordered = l.backordered - f.units
                    FROM fill f WHERE l.id = f.order_line_id
                ), ledger AS (
                    INSERT INTO stock_movement (product_id, kind, on_hand_delta, allocated_delta, order_line_id,
                                                created_at)
                    SELECT :product, 'ALLOCATION', 0, f.units, f.order_line_id, :now FROM fill f
                ), total AS (
                    SELECT CAST(coalesce(sum(units), 0) AS integer) AS units FROM fill
                ), stock_row AS (
                    UPDATE stock s SET allocated = s.allocated + t.units, backordered = s.backordered - t.units,
                        queue_head = greatest(s.queue_head, coalesce(
                            (SELECT max(queue_ticket) FROM fill WHERE units = waiting), 0))
                    FROM total t WHERE s.product_id = :product AND t.units > 0
                )
                SELECT id, order_id, fifo_key, units = waiting FROM fill ORDER BY fifo_key""",
                Map.of("product", productId, "now", clock.now()))
                .invoke(() -> started.stop(fills))
                .invoke(filled -> noteFill(productId, filled, changes))
                .replaceWithVoid();
    }

    /** Every filled backorder changed; the complete ones left the queue, one range for all of them. */
    private static void noteFill(long productId, List<Object[]> filled, Changes changes) {
        changes.stock(productId);
        long throughKey = 0;
        int complete = 0;
        for (Object[] row : filled) {
            boolean allocated = (Boolean) row[3];
            changes.backorder(((Number) row[0]).longValue(), ((Number) row[1]).longValue(), productId,
                    allocated ? BackorderChange.ALLOCATED : BackorderChange.PARTIALLY_ALLOCATED);
            if (allocated) {
                throughKey = ((Number) row[2]).longValue();
                complete++;
            }
        }
        changes.leftQueue(productId, throughKey, complete);
    }

    /** Fills the queue unless the product is holding its stock for a coming release date. */
    public Uni<Void> fillUnlessHeld(LockedStock stock, Changes changes) {
        return stock.preorderOn(clock.today()) ? Uni.createFrom().voidItem() : fill(stock.productId(), changes);
    }
}
