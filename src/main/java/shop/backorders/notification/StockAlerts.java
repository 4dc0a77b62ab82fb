package shop.backorders.notification;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import shop.backorders.shared.Sql;

/**
 * Stock alerts: customers' requests to be told when a product can be ordered again, kept until they are
 * told, which closes them and queues their mail in one statement.
 */
@ApplicationScoped
@WithSession
public class StockAlerts {

    /** Of these products, those someone asked to be told about. */
    public Uni<List<Long>> withOpenAlerts(Collection<Long> productIds) {
        return Sql.rows("""
                SELECT DISTINCT product_id FROM stock_alert WHERE product_id = ANY(:ids) AND notified_at IS NULL""",
                Map.of("ids", productIds.toArray(Long[]::new)))
                .map(rows -> rows.stream().map(row -> (Long) row[0]).toList());
    }

    /** Closes the open alerts of these products, queueing one mail for each. */
    public Uni<Integer> queueStockAlerts(Collection<Long> productIds, Instant now) {
        return Sql.update("""
                WITH told AS (
                    UPDATE stock_alert SET notified_at = :now
                    WHERE product_id = ANY(:ids) AND notified_at IS NULL
                    RETURNING product_id, email
                )
                INSERT INTO notification (kind, recipient, payload, state, due_at, created_at)
                SELECT 'BACK_IN_STOCK', t.email, jsonb_build_object('sku', p.sku, 'product_name', p.name),
                       'PENDING', :now, :now
                FROM told t JOIN product p ON p.id = t.product_id""",
                Map.of("ids", productIds.toArray(Long[]::new), "now", now));
    }

    /** Records a request to be told; false if the same address already waits for this product. */
    public Uni<Boolean> addAlert(long productId, String email, Instant now) {
        return Sql.update("""
                INSERT INTO stock_alert (product_id, email, created_at) VALUES (:product, :email, :now)
                ON CONFLICT (product_id, email) WHERE notified_at IS NULL DO NOTHING""",
                Map.of("product", productId, "email", email, "now", now))
                .map(inserted -> inserted > 0);
    }

    public Uni<Boolean> removeAlert(long productId, String email) {
        return Sql.update("""
                DELETE FROM stock_alert
                WHERE product_id = :product AND email = :email AND notified_at IS NULL""",
                Map.of("product", productId, "email", email))
                .map(deleted -> deleted > 0);
    }
}
