package shop.backorders.inventory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import shop.backorders.changes.BackorderChange;
import shop.backorders.changes.Changes;
import shop.backorders.shared.ErrorCode;
import shop.backorders.shared.ShopClock;
import shop.backorders.shared.ShopException;
import shop.backorders.shared.Sql;

/**
 * The stock ledger: the only code that moves units between on hand, allocated, waiting, shipped and
 * cancelled, applying what {@link AllocationPolicy} decides (filling the queue aside: {@link QueueFill}).
 * Every method runs inside the caller's transaction, on stock rows the caller locked with
 * {@link StockLocks}; each change writes its ledger rows in the same statement. Every increase of
 * available units first fills the queue.
 */
@ApplicationScoped
public class StockLedger {

    /** Most units on hand, well inside the integer columns. */
    static final int MAX_ON_HAND = 1_000_000_000;

    /** One order line recorded with its decision, its stock row changed, and its backorder queued if any. */
    private static final String RESERVE = """
            WITH line AS (
                INSERT INTO order_line (order_id, product_id, position, quantity, allocated, backordered, shipped,
                                        cancelled)
                VALUES (:order, :product, :position, :quantity, :allocated, :backordered, 0, 0)
                RETURNING id
            ), stock_row AS (
                UPDATE stock SET allocated = allocated + :allocated, backordered = backordered + :backordered,
                                 queue_tickets = queue_tickets + CASE WHEN :backordered > 0 THEN 1 ELSE 0 END
                WHERE product_id = :product
                RETURNING queue_tickets
            ), ledger AS (
                INSERT INTO stock_movement (product_id, kind, on_hand_delta, allocated_delta, order_line_id,
                                            created_at)
                SELECT :product, 'ALLOCATION', 0, :allocated, line.id, :now FROM line WHERE :allocated > 0
            ), created AS (
                INSERT INTO backorder (order_line_id, order_id, product_id, fifo_key, queue_ticket, quantity,
                                       allocated, shipped, status, preorder, created_at, updated_at)
                SELECT line.id, :order, :product, nextval('backorder_fifo_key_seq'), queue_tickets, :backordered,
                       0, 0, 'WAITING', :preorder, :now, :now
                FROM stock_row, line
                WHERE :backordered > 0
                RETURNING id
            )
            SELECT id, %s FROM created""".formatted(ExpectedSupply.openFor(":product"));

    private final QueueFill queue;
    private final ShopClock clock;

    public StockLedger(QueueFill queue, ShopClock clock) {
        this.queue = queue;
        this.clock = clock;
    }

    /** Gives a new product its stock row, empty. */
    public Uni<Void> open(long productId, Changes changes) {
        changes.stock(productId);
        return Sql.update("INSERT INTO stock (product_id, on_hand, allocated, backordered) VALUES (:product, 0, 0, 0)",
                Map.of("product", productId)).replaceWithVoid();
    }

    /** A new order line with the decision on it, to record with {@link #reserve}. */
    public record LineReservation(long orderId, int position, long productId, Reservation reservation) {
    }

    /**
     * Records new order lines with the decisions on them: each reserves its units and queues the rest as a
     * backorder, in one statement, the lines in the given order (the order backorders join their queues in).
     * The statements go out together, one round trip under the stock locks for a whole batch of orders.
     * Returns, for each line, the backorder if one joined the queue, with the supply then expected for the
     * product (what its first estimate is made from), or null.
     */
    public Uni<List<JoinedQueue>> reserve(List<LineReservation> lines, Changes changes) {
        Instant now = clock.now();
        List<Sql.Query> queries = new ArrayList<>();
        for (LineReservation line : lines) {
            Reservation reservation = line.reservation();
            changes.placed(line.orderId(), line.productId());
            queries.add(new Sql.Query(RESERVE, Map.of("order", line.orderId(), "position", line.position(),
                    "product", line.productId(), "quantity", reservation.allocated() + reservation.backordered(),
                    "allocated", reservation.allocated(), "backordered", reservation.backordered(),
                    "preorder", reservation.preorder(), "now", now)));
        }
        return Sql.rowsOfEach(queries).map(results -> {
            List<JoinedQueue> joined = new ArrayList<>();
            for (int i = 0; i < lines.size(); i++) {
                joined.add(noteJoined(lines.get(i), results.get(i), now, changes));
            }
            return joined;
        });
    }

    /** The backorder the line queued, if any, noted as created. */
    private static JoinedQueue noteJoined(LineReservation line, List<Object[]> created, Instant now,
            Changes changes) {
        if (created.isEmpty()) {
            return null;
        }
        Object[] row = created.get(0);
        long backorderId = ((Number) row[0]).longValue();
        changes.backorder(backorderId, line.orderId(), line.productId(), BackorderChange.CREATED);
        return new JoinedQueue(backorderId, now, ExpectedSupply.fromJson((String) row[1]));
    }

    /** A backorder that joined the back of its product's queue when, and the supply expected for the product. */
    public record JoinedQueue(long backorderId, Instant createdAt, ExpectedSupply supply) {
    }
    /** Units arrived: on hand goes up, then the queue is filled from them. */
    public Uni<Void> receive(LockedStock stock, int quantity, String reason, Changes changes) {
        if (quantity <= 0 || quantity > AllocationPolicy.MAX_UNITS) {
            throw new ShopException(ErrorCode.INVALID_QUANTITY, "A receipt takes 1 to " + AllocationPolicy.MAX_UNITS
                    + " units, got " + quantity);
        }
        checkRoomFor(stock, quantity);
        return changeOnHand(stock, MovementKind.RECEIPT, quantity, reason, changes)
                .chain(() -> queue.fillUnlessHeld(stock, changes));
    }

    /**
     * A stock count corrects on hand. Units allocated to customers are promises: a correction may take
     * away only available units, so one that would undercut allocations is refused, naming them.
     */
    public Uni<Void> adjust(LockedStock stock, int change, String reason, Changes changes) {
        if (change == 0 || Math.abs((long) change) > AllocationPolicy.MAX_UNITS) {
            throw new ShopException(ErrorCode.INVALID_QUANTITY, "An adjustment changes on hand by 1 to "
                    + AllocationPolicy.MAX_UNITS + " units either way, got " + change);
        }
        checkRoomFor(stock, change);
        if (-change > stock.available()) {
            throw ShopException.invalidState("Cannot remove " + -change + " units of " + stock.sku() + ": only "
                    + stock.available() + " of " + stock.onHand() + " on hand are not allocated to orders;"
                    + " cancel or ship those orders first");
        }
        Uni<Void> changed = changeOnHand(stock, MovementKind.ADJUSTMENT, change, reason, changes);
        return change > 0 ? changed.chain(() -> queue.fillUnlessHeld(stock, changes)) : changed;
    }

    private static void checkRoomFor(LockedStock stock, int change) {
        if ((long) stock.onHand() + change > MAX_ON_HAND) {
            throw new ShopException(ErrorCode.INVALID_QUANTITY, stock.sku() + " can hold at most " + MAX_ON_HAND
                    + " units on hand");
        }
    }

    private Uni<Void> changeOnHand(LockedStock stock, MovementKind kind, int change, String reason,
            Changes changes) {
        changes.stock(stock.productId());
        return Sql.update("""
                WITH stock_row AS (
                    UPDATE stock SET on_hand = on_hand + :change WHERE product_id = :product
                )
                INSERT INTO stock_movement (product_id, kind, on_hand_delta, allocated_delta, reason, created_at)
                VALUES (:product, :kind, :change, 0, :reason, :now)""",
                Map.of("product", stock.productId(), "change", change, "kind", kind.name(),
                        "reason", reason == null ? "" : reason, "now", clock.now()))
                .replaceWithVoid();
    }

    /**
     * Cancels open units of one order line: its reserved units go back to stock, its waiting units
     * leave the queue, and its backorder, if still open, is cancelled. Then the freed units fill the
     * queue.
     */
    public Uni<Void> cancel(LockedStock stock, long lineId, int reserved, int waiting, Changes changes) {
        return Sql.rows("""
                WITH line AS (
                    UPDATE order_line
                    SET allocated = allocated - :reserved, backordered = backordered - :waiting,
                        cancelled = cancelled + :reserved + :waiting
                    WHERE id = :line
                    RETURNING order_id
                ), open_backorder AS (
                    SELECT id, fifo_key, status = 'WAITING' AS waiting FROM backorder
                    WHERE order_line_id = :line AND status IN ('WAITING', 'ALLOCATED')
                ), backorders AS (
                    UPDATE backorder SET status = 'CANCELLED', allocated = shipped, updated_at = :now
                    WHERE id IN (SELECT id FROM open_backorder)
                ), ledger AS (
                    INSERT INTO stock_movement (product_id, kind, on_hand_delta, allocated_delta, order_line_id,
                                                created_at)
                    SELECT :product, 'RELEASE', 0, -CAST(:reserved AS integer), :line, :now WHERE :reserved > 0
                ), stock_row AS (
                    UPDATE stock SET allocated = allocated - :reserved, backordered = backordered - :waiting
                    WHERE product_id = :product
                )
                SELECT l.order_id, b.id, b.fifo_key, b.waiting FROM line l LEFT JOIN open_backorder b ON true""",
                Map.of("product", stock.productId(), "line", lineId, "reserved", reserved, "waiting", waiting,
                        "now", clock.now()))
                .invoke(rows -> rows.forEach(row -> noteCancel(stock.productId(), row, changes)))
                .chain(() -> reserved > 0 ? queue.fillUnlessHeld(stock, changes) : Uni.createFrom().voidItem());
    }

    private static void noteCancel(long productId, Object[] row, Changes changes) {
        long orderId = ((Number) row[0]).longValue();
        changes.order(orderId, productId);
        if (row[1] != null) {
            changes.backorder(((Number) row[1]).longValue(), orderId, productId, BackorderChange.CANCELLED);
            if ((Boolean) row[3]) {
                long key = ((Number) row[2]).longValue();
                changes.leftQueue(productId, key, 1);
            }
        }
    }

    /**
     * Ships every allocated unit of an order: they leave on hand and allocated; backorders whose
     * every unit has now shipped are fulfilled.
     */
    public Uni<Void> ship(long orderId, Changes changes) {
        return Sql.rows("""
                WITH shipping AS (
                    SELECT id, product_id, allocated AS units FROM order_line WHERE order_id = :order AND allocated > 0
                ), lines AS (
                    UPDATE order_line l SET shipped = l.shipped + s.units, allocated = 0
                    FROM shipping s WHERE l.id = s.id
                ), backorders AS (
                    UPDATE backorder b
                    SET shipped = b.allocated,
                        status = CASE WHEN b.allocated = b.quantity THEN 'FULFILLED' ELSE b.status END,
                        updated_at = :now
                    FROM shipping s
                    WHERE b.order_line_id = s.id AND b.status IN ('WAITING', 'ALLOCATED') AND b.allocated > b.shipped
                    RETURNING b.order_line_id, b.id, b.status = 'FULFILLED' AS fulfilled
                ), ledger AS (
                    INSERT INTO stock_movement (product_id, kind, on_hand_delta, allocated_delta, order_line_id,
                                                created_at)
                    SELECT product_id, 'SHIPMENT', -units, -units, id, :now FROM shipping
                ), stock_row AS (
                    UPDATE stock st SET on_hand = st.on_hand - s.units, allocated = st.allocated - s.units
                    FROM shipping s WHERE st.product_id = s.product_id
                )
                SELECT s.product_id, b.id, b.fulfilled
                FROM shipping s LEFT JOIN backorders b ON b.order_line_id = s.id""",
                Map.of("order", orderId, "now", clock.now()))
                .invoke(rows -> rows.forEach(row -> {
                    long productId = ((Number) row[0]).longValue();
                    changes.order(orderId, productId);
                    if (row[1] != null) {
                        changes.backorder(((Number) row[1]).longValue(), orderId, productId,
                                (Boolean) row[2] ? BackorderChange.FULFILLED : BackorderChange.PARTIALLY_SHIPPED);
                    }
                }))
                .replaceWithVoid();
    }
}
