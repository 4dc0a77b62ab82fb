package shop.backorders.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static shop.backorders.support.Fixtures.createProduct;
import static shop.backorders.support.GraphQLClient.data;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import shop.backorders.support.EngineTest;
import shop.backorders.support.GraphQLClient;
import shop.backorders.support.Queues;

/**
 * One restock in front of 10,000 waiting backorders: checked for correctness here; how long it
 * takes is for a benchmark to measure, not for a test to assert.
 */
@QuarkusTest
class LargeQueueTest extends EngineTest {

    private static final Logger LOG = Logger.getLogger(LargeQueueTest.class);
    private static final int BACKORDERS = 10_000;

    @Test
    void aRestockFillsTenThousandBackordersInFifoOrder() throws SQLException {
        String sku = createProduct("ALLOW", null, 0);
        Queues.queueBackorders(dataSource, sku, BACKORDERS, 2);

        long started = System.nanoTime();
        JsonPath product = data("ReceiveStock", Map.of("sku", sku, "quantity", 15_001))
                .setRootPath("data.receiveStock");
        LOG.infof("Restock filling %d backorders took %d ms (JVM tests, not a benchmark)", BACKORDERS / 4 * 3 + 1,
                (System.nanoTime() - started) / 1_000_000);

        assertEquals(Map.of("onHand", 15_001, "allocated", 15_001, "available", 0), product.getMap("stock"));
        assertEquals(2 * BACKORDERS - 15_001, product.getInt("waitingBackorders"));
        Map<String, Integer> byStatus = statuses(sku);
        assertEquals(Map.of("ALLOCATED", 7_500, "WAITING", 2_500), byStatus);
        JsonPath waiting = GraphQLClient.data("Backorders", Map.of("sku", sku, "status", "WAITING", "first", 2))
                .setRootPath("data.backorders");
        assertEquals(1, waiting.getInt("edges[0].node.allocated"), "the head of the line got the last unit");
        assertEquals(1, waiting.getInt("edges[0].node.queuePosition"));
        assertEquals(2, waiting.getInt("edges[1].node.queuePosition"));
    }

    private Map<String, Integer> statuses(String sku) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement query = connection.prepareStatement("""
                        SELECT b.status, count(*) FROM backorder b JOIN product p ON p.id = b.product_id
                        WHERE p.sku = ? GROUP BY b.status""")) {
            query.setString(1, sku);
            Map<String, Integer> counts = new HashMap<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    counts.put(rows.getString(1), rows.getInt(2));
                }
            }
            return counts;
        }
    }
}
