package shop.backorders.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

/**
 * The engine's invariants, checked straight in the database after a test has hammered it. Each query
 * lists violations; all must come back empty.
 */
public final class Invariants {

    private static final List<String> VIOLATIONS = List.of(
            // Stock equals the sum of its ledger.
            """
            SELECT 'ledger mismatch for product ' || s.product_id
            FROM stock s LEFT JOIN (SELECT product_id, sum(on_hand_delta) AS on_hand, sum(allocated_delta) AS allocated
                                    FROM stock_movement GROUP BY product_id) m ON m.product_id = s.product_id
            WHERE s.on_hand <> coalesce(m.on_hand, 0) OR s.allocated <> coalesce(m.allocated, 0)
            """,
            // Allocated stock is exactly what the order lines hold; waiting units are what the queue holds.
            """
            SELECT 'line totals differ from stock for product ' || s.product_id
            FROM stock s LEFT JOIN (SELECT product_id, sum(allocated) AS allocated, sum(backordered) AS backordered
                                    FROM order_line GROUP BY product_id) l ON l.product_id = s.product_id
            WHERE s.allocated <> coalesce(l.allocated, 0) OR s.backordered <> coalesce(l.backordered, 0)
            """,
            """
            SELECT 'queue differs from stock for product ' || s.product_id
            FROM stock s LEFT JOIN (SELECT product_id, sum(quantity - allocated) AS waiting
                                    FROM backorder WHERE status = 'WAITING' GROUP BY product_id) b
                         ON b.product_id = s.product_id
            WHERE s.backordered <> coalesce(b.waiting, 0)
            """,
            // A backorder's waiting units are its line's.
            """
            SELECT 'backorder ' || b.id || ' disagrees with its line'
            FROM backorder b JOIN order_line l ON l.id = b.order_line_id
            WHERE b.status = 'WAITING' AND l.backordered <> b.quantity - b.allocated
               OR b.status <> 'WAITING' AND l.backordered <> 0
            """,
            // First come, first served: nothing behind a waiting backorder got units. Measured from each
            // product's first waiting one, so that a long queue costs one pass, not a join with itself.
            """
            SELECT 'backorder ' || later.id || ' got units while earlier ' || w.id || ' waits'
            FROM (SELECT DISTINCT ON (product_id) id, product_id, fifo_key FROM backorder
                  WHERE status = 'WAITING' ORDER BY product_id, fifo_key) w
            JOIN backorder later ON later.product_id = w.product_id AND later.fifo_key > w.fifo_key
            WHERE later.status <> 'CANCELLED' AND later.allocated > 0
            """,
            // The place in line the read model tells (from queue tickets) is the place counted along the queue.
            """
            SELECT 'backorder ' || s.id || ' is told place ' || s.queue_position || ', counted ' || q.position
            FROM backorder_states s
            JOIN (SELECT id, row_number() OVER (PARTITION BY product_id ORDER BY fifo_key) AS position
                  FROM backorder WHERE status = 'WAITING') q ON q.id = s.id
            WHERE s.queue_position <> q.position
            """,
            // Nobody waits while units sit available, unless a pre-order holds them for its release date.
            """
            SELECT 'product ' || p.sku || ' has available units while backorders wait'
            FROM stock s JOIN product p ON p.id = s.product_id
            WHERE s.backordered > 0 AND s.on_hand > s.allocated
              AND NOT (p.backorder_policy = 'PREORDER' AND NOT p.released)
            """);

    private Invariants() {
    }

    public static void assertHold(DataSource dataSource) {
        List<String> violations = new ArrayList<>();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            for (String query : VIOLATIONS) {
                try (ResultSet rows = statement.executeQuery(query)) {
                    while (rows.next()) {
                        violations.add(rows.getString(1));
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        assertEquals(List.of(), violations);
    }
}
