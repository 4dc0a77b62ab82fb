package shop.backorders.inventory;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import jakarta.enterprise.context.ApplicationScoped;

import org.hibernate.reactive.mutiny.Mutiny;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import shop.backorders.catalog.BackorderPolicy;
import shop.backorders.catalog.ProductRepository;
import shop.backorders.shared.ErrorCode;
import shop.backorders.shared.Sequence;
import shop.backorders.shared.ShopClock;
import shop.backorders.shared.ShopException;

/**
 * The allocation rule, and the only code that moves units between on hand, allocated, waiting,
 * shipped and cancelled. Every method runs inside the caller's transaction, on stock rows the caller
 * locked with {@link #lock}; each change writes its ledger rows in the same statement.
 * <p>
 * The rule: an order takes what is available, unless earlier backorders wait (then it queues behind
 * them); the rest waits if the policy and the cap allow it. Every increase of available units first
 * fills the queue in FIFO-key order.
 */
@ApplicationScoped
public class AllocationRule {

    /** Most units one receipt, adjustment or order line may move; far beyond any real shipment. */
    public static final int MAX_UNITS = 1_000_000;
    /** Most units on hand, well inside the integer columns. */
    static final int MAX_ON_HAND = 1_000_000_000;

    private final ShopClock clock;
    private final ProductRepository products;

    public AllocationRule(ShopClock clock, ProductRepository products) {
        this.clock = clock;
        this.products = products;
    }

    /** Gives a new product its stock row, empty. */
    public Uni<Void> open(long productId) {
        return update("INSERT INTO stock (product_id, on_hand, allocated, backordered) VALUES (:product, 0, 0, 0)",
                Map.of("product", productId)).replaceWithVoid();
    }

    /** Locks one product's stock row, found by SKU. */
    public Uni<LockedStock> lock(String sku) {
        return products.idBySku(sku)
                .onItem().ifNull().failWith(() -> unknownProduct(sku))
                .chain(productId -> lock(List.of(productId)))
                .map(locked -> locked.values().iterator().next());
    }

    public static ShopException unknownProduct(String sku) {
        return new ShopException(ErrorCode.UNKNOWN_PRODUCT, "No product with SKU " + sku);
    }

    /**
     * Locks the stock rows of these products in product id order (the one global lock order every
     * path uses, so concurrent paths cannot deadlock), and releases pre-orders whose day has come.
     */
    public Uni<Map<Long, LockedStock>> lock(Collection<Long> productIds) {
        Long[] ids = new TreeSet<>(productIds).toArray(Long[]::new);
        return session().chain(session -> session.createNativeQuery("""
                SELECT product_id FROM stock WHERE product_id = ANY(:ids) ORDER BY product_id FOR UPDATE""",
                Long.class)
                .setParameter("ids", ids)
                .getResultList()
                // A second statement, so it sees what committed while this one waited for the locks: the
                // locking statement itself would show the product row as it was before the wait.
                .chain(() -> session.createNativeQuery("""
                        SELECT s.product_id, p.sku, s.on_hand, s.allocated, s.backordered,
                               p.backorder_policy, p.backorder_limit, p.release_date, p.released
                        FROM stock s JOIN product p ON p.id = s.product_id
                        WHERE s.product_id = ANY(:ids)
                        ORDER BY s.product_id""", Object[].class)
                        .setParameter("ids", ids)
                        .getResultList()))
                .chain(this::releaseDuePreorders);
    }

    private Uni<Map<Long, LockedStock>> releaseDuePreorders(List<Object[]> rows) {
        LocalDate today = clock.today();
        Map<Long, LockedStock> locked = new LinkedHashMap<>();
        List<Long> due = new ArrayList<>();
        for (Object[] row : rows) {
            LockedStock stock = new LockedStock(((Number) row[0]).longValue(), (String) row[1],
                    ((Number) row[2]).intValue(), ((Number) row[3]).intValue(), ((Number) row[4]).intValue(),
                    BackorderPolicy.valueOf((String) row[5]), row[6] == null ? null : ((Number) row[6]).intValue(),
                    toLocalDate(row[7]), (Boolean) row[8]);
            locked.put(stock.productId(), stock);
            if (stock.dueForRelease(today)) {
                due.add(stock.productId());
            }
        }
        if (due.isEmpty()) {
            return Uni.createFrom().item(locked);
        }
        return Sequence.forEach(due, productId -> update("UPDATE product SET released = true WHERE id = :product",
                Map.of("product", productId))
                .chain(() -> fill(productId)))
                .chain(() -> lock(locked.keySet()));
    }

    /**
     * Decides how much of a line is allocated now and how much waits, or refuses it. Pure: it
     * changes nothing; {@link #reserve} applies the decision.
     */
    public Reservation decide(LockedStock stock, int quantity) {
        if (quantity <= 0) {
            throw new ShopException(ErrorCode.INVALID_QUANTITY, "Quantity must be at least 1, got " + quantity);
        }
        boolean preorder = stock.preorderOn(clock.today());
        // First come, first served: while anyone waits, new orders queue behind them.
        int allocated = preorder || stock.backordered() > 0 ? 0 : Math.min(quantity, Math.max(stock.available(), 0));
        int backordered = quantity - allocated;
        if (backordered == 0) {
            return new Reservation(allocated, 0, false);
        }
        if (stock.policy() == BackorderPolicy.DENY) {
            throw new ShopException(ErrorCode.OUT_OF_STOCK, "Only " + allocated + " of " + stock.sku()
                    + " available and it cannot be backordered; asked for " + quantity);
        }
        if (stock.policy() == BackorderPolicy.ALLOW_LIMITED
                && stock.backordered() + backordered > stock.backorderLimit()) {
            throw new ShopException(ErrorCode.BACKORDER_LIMIT_EXCEEDED, stock.sku() + " can take "
                    + Math.max(stock.backorderLimit() - stock.backordered(), 0) + " more units on backorder; "
                    + backordered + " would have to wait");
        }
        return new Reservation(allocated, backordered, preorder);
    }

    /** Applies a decision to a new order line: reserves its units and queues the rest as a backorder. */
    public Uni<Void> reserve(long orderId, long lineId, long productId, Reservation reservation) {
        return update("""
                WITH stock_row AS (
                    UPDATE stock SET allocated = allocated + :allocated, backordered = backordered + :backordered
                    WHERE product_id = :product
                ), ledger AS (
                    INSERT INTO stock_movement (product_id, kind, on_hand_delta, allocated_delta, order_line_id,
                                                created_at)
                    SELECT :product, 'ALLOCATION', 0, :allocated, :line, :now WHERE :allocated > 0
                )
                INSERT INTO backorder (order_line_id, order_id, product_id, fifo_key, quantity, allocated, shipped,
                                       status, preorder, created_at, updated_at)
                SELECT :line, :order, :product, nextval('backorder_fifo_key_seq'), :backordered, 0, 0,
                       'WAITING', :preorder, :now, :now
                WHERE :backordered > 0""",
                Map.of("order", orderId, "line", lineId, "product", productId, "allocated", reservation.allocated(),
                        "backordered", reservation.backordered(), "preorder", reservation.preorder(),
                        "now", clock.now()))
                .replaceWithVoid();
    }

    /**
     * Fills the product's waiting backorders from its available units, strictly in FIFO-key order,
     * the last one partly if stock runs out. One statement, however long the queue.
     *
     * @return the units allocated
     */
    public Uni<Integer> fill(long productId) {
        return session().chain(session -> session.createNativeQuery("""
                WITH free AS (
                    SELECT on_hand - allocated AS units FROM stock WHERE product_id = :product
                ), queue AS (
                    SELECT id, order_line_id, quantity - allocated AS waiting,
                           sum(quantity - allocated) OVER (ORDER BY fifo_key) AS through
                    FROM backorder
                    WHERE product_id = :product AND status = 'WAITING'
                ), fill AS (
                    SELECT q.id, q.order_line_id, least(q.waiting, f.units - (q.through - q.waiting)) AS units
                    FROM queue q, free f
                    WHERE q.through - q.waiting < f.units
                ), backorders AS (
                    UPDATE backorder b
                    SET allocated = b.allocated + f.units,
                        status = CASE WHEN b.allocated + f.units = b.quantity THEN 'ALLOCATED' ELSE 'WAITING' END,
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
                    UPDATE stock s SET allocated = s.allocated + t.units, backordered = s.backordered - t.units
                    FROM total t WHERE s.product_id = :product AND t.units > 0
                )
                SELECT units FROM total""", Integer.class)
                .setParameter("product", productId)
                .setParameter("now", clock.now())
                .getSingleResult());
    }

    /** Fills the queue unless the product is holding its stock for a coming release date. */
    public Uni<Integer> fillUnlessHeld(LockedStock stock) {
        return stock.preorderOn(clock.today()) ? Uni.createFrom().item(0) : fill(stock.productId());
    }

    /** Units arrived: on hand goes up, then the queue is filled from them. */
    public Uni<Integer> receive(LockedStock stock, int quantity, String reason) {
        if (quantity <= 0 || quantity > MAX_UNITS) {
            throw new ShopException(ErrorCode.INVALID_QUANTITY, "A receipt takes 1 to " + MAX_UNITS + " units, got "
                    + quantity);
        }
        checkRoomFor(stock, quantity);
        return changeOnHand(stock, MovementKind.RECEIPT, quantity, reason).chain(() -> fillUnlessHeld(stock));
    }

    /**
     * A stock count corrects on hand. Units allocated to customers are promises: a correction may take
     * away only available units, so one that would undercut allocations is refused, naming them.
     */
    public Uni<Integer> adjust(LockedStock stock, int change, String reason) {
        if (change == 0 || Math.abs((long) change) > MAX_UNITS) {
            throw new ShopException(ErrorCode.INVALID_QUANTITY, "An adjustment changes on hand by 1 to " + MAX_UNITS
                    + " units either way, got " + change);
        }
        checkRoomFor(stock, change);
        if (-change > stock.available()) {
            throw ShopException.invalidState("Cannot remove " + -change + " units of " + stock.sku() + ": only "
                    + stock.available() + " of " + stock.onHand() + " on hand are not allocated to orders;"
                    + " cancel or ship those orders first");
        }
        Uni<Void> changed = changeOnHand(stock, MovementKind.ADJUSTMENT, change, reason);
        return change > 0 ? changed.chain(() -> fillUnlessHeld(stock)) : changed.replaceWith(0);
    }

    private static void checkRoomFor(LockedStock stock, int change) {
        if ((long) stock.onHand() + change > MAX_ON_HAND) {
            throw new ShopException(ErrorCode.INVALID_QUANTITY, stock.sku() + " can hold at most " + MAX_ON_HAND
                    + " units on hand");
        }
    }

    private Uni<Void> changeOnHand(LockedStock stock, MovementKind kind, int change, String reason) {
        return update("""
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
    public Uni<Void> cancel(LockedStock stock, long lineId, int reserved, int waiting) {
        return update("""
                WITH line AS (
                    UPDATE order_line
                    SET allocated = allocated - :reserved, backordered = backordered - :waiting,
                        cancelled = cancelled + :reserved + :waiting
                    WHERE id = :line
                ), backorders AS (
                    UPDATE backorder SET status = 'CANCELLED', allocated = shipped, updated_at = :now
                    WHERE order_line_id = :line AND status IN ('WAITING', 'ALLOCATED')
                ), ledger AS (
                    INSERT INTO stock_movement (product_id, kind, on_hand_delta, allocated_delta, order_line_id,
                                                created_at)
                    SELECT :product, 'RELEASE', 0, -CAST(:reserved AS integer), :line, :now WHERE :reserved > 0
                )
                UPDATE stock SET allocated = allocated - :reserved, backordered = backordered - :waiting
                WHERE product_id = :product""",
                Map.of("product", stock.productId(), "line", lineId, "reserved", reserved, "waiting", waiting,
                        "now", clock.now()))
                .chain(() -> reserved > 0 ? fillUnlessHeld(stock) : Uni.createFrom().item(0))
                .replaceWithVoid();
    }

    /**
     * Ships every allocated unit of an order: they leave on hand and allocated; backorders whose
     * every unit has now shipped are fulfilled.
     */
    public Uni<Integer> ship(long orderId) {
        return update("""
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
                    FROM shipping s WHERE b.order_line_id = s.id AND b.status IN ('WAITING', 'ALLOCATED')
                ), ledger AS (
                    INSERT INTO stock_movement (product_id, kind, on_hand_delta, allocated_delta, order_line_id,
                                                created_at)
                    SELECT product_id, 'SHIPMENT', -units, -units, id, :now FROM shipping
                )
                UPDATE stock st SET on_hand = st.on_hand - s.units, allocated = st.allocated - s.units
                FROM shipping s WHERE st.product_id = s.product_id""",
                Map.of("order", orderId, "now", clock.now()));
    }

    private Uni<Integer> update(String sql, Map<String, Object> parameters) {
        return session().chain(session -> {
            Mutiny.MutationQuery query = session.createNativeQuery(sql);
            parameters.forEach(query::setParameter);
            return query.executeUpdate();
        });
    }

    private static Uni<Mutiny.Session> session() {
        return Panache.getSession();
    }

    private static LocalDate toLocalDate(Object value) {
        if (value == null) {
            return null;
        }
        return value instanceof java.sql.Date date ? date.toLocalDate() : (LocalDate) value;
    }
}
