package shop.backorders.changes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static shop.backorders.support.Fixtures.createProduct;
import static shop.backorders.support.Fixtures.order;
import static shop.backorders.support.Fixtures.placeOrder;
import static shop.backorders.support.GraphQLClient.data;
import static shop.backorders.support.GraphQLClient.error;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import shop.backorders.support.EngineTest;

/** Every committed change leaves one change-log entry with snapshots as of its transaction; a refused one none. */
@QuarkusTest
class ChangeLogTest extends EngineTest {

    @Test
    void aRestockRecordsEveryFilledBackorderAndOneQueueMove() throws SQLException {
        String sku = createProduct("ALLOW", null, 0);
        placeOrder("a@example.com", sku, 2);
        placeOrder("b@example.com", sku, 2);
        placeOrder("c@example.com", sku, 2);

        data("ReceiveStock", Map.of("sku", sku, "quantity", 5));

        JsonObject entry = latest();
        assertEquals(List.of("ALLOCATED", "ALLOCATED", "PARTIALLY_ALLOCATED"),
                entry.getJsonArray("backorders").stream().map(b -> ((JsonObject) b).getString("change")).toList());
        assertEquals(1, entry.getJsonArray("backorders").getJsonObject(2).getInteger("queue_position"));
        assertEquals(2, entry.getJsonArray("queueExits").getJsonObject(0).getInteger("count"));
        assertEquals(3, entry.getJsonArray("orders").size());
        assertEquals(5, entry.getJsonArray("products").getJsonObject(0).getInteger("allocated"));
    }

    @Test
    void aRefusedOrderRecordsNothing() throws SQLException {
        String sku = createProduct("DENY", null, 1);
        long before = latestId();

        error("OUT_OF_STOCK", "PlaceOrder", order("a@example.com", sku, 2));

        assertEquals(before, latestId());
    }

    private long latestId() throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SELECT coalesce(max(id), 0) FROM change_log")) {
            row.next();
            return row.getLong(1);
        }
    }

    private JsonObject latest() throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("SELECT payload FROM change_log ORDER BY id DESC LIMIT 1")) {
            row.next();
            return new JsonObject(row.getString(1));
        }
    }
}
