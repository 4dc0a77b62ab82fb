package shop.backorders.support;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

import javax.sql.DataSource;

/** Long queues made straight in the database, as that many placed orders would have left them. */
public final class Queues {

    private Queues() {
    }

    public static void queueBackorders(DataSource dataSource, String sku, int count, int quantity)
            throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement("""
                        WITH p AS (
                            SELECT s.product_id AS id, s.queue_tickets
                            FROM stock s JOIN product pr ON pr.id = s.product_id WHERE pr.sku = ?
                        ), orders AS (
                            INSERT INTO customer_order (customer_email, shipping, created_at)
                            SELECT 'queue' || n || '@example.com', 'SHIP_AVAILABLE', now() FROM generate_series(1, ?) n
                            RETURNING id
                        ), lines AS (
                            INSERT INTO order_line (order_id, product_id, position, quantity, allocated, backordered,
                                                    shipped, cancelled)
                            SELECT o.id, p.id, 1, ?, 0, ?, 0, 0 FROM orders o, p
                            RETURNING id, order_id, product_id
                        ), backorders AS (
                            INSERT INTO backorder (order_line_id, order_id, product_id, fifo_key, queue_ticket,
                                                   quantity, allocated, shipped, status, preorder, created_at,
                                                   updated_at)
                            SELECT l.id, l.order_id, l.product_id, nextval('backorder_fifo_key_seq'),
                                   p.queue_tickets + row_number() OVER (ORDER BY l.order_id), ?, 0, 0, 'WAITING',
                                   false, now(), now()
                            FROM (SELECT * FROM lines ORDER BY order_id) l, p
                        )
                        UPDATE stock SET backordered = backordered + ? * ?, queue_tickets = stock.queue_tickets + ?
                        FROM p WHERE stock.product_id = p.id
                        """)) {
            insert.setString(1, sku);
            insert.setInt(2, count);
            insert.setInt(3, quantity);
            insert.setInt(4, quantity);
            insert.setInt(5, quantity);
            insert.setInt(6, count);
            insert.setInt(7, quantity);
            insert.setInt(8, count);
            insert.executeUpdate();
        }
    }
}
