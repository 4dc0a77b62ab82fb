package shop.backorders.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static shop.backorders.support.Fixtures.createProduct;
import static shop.backorders.support.Fixtures.placeOrder;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import shop.backorders.support.GraphQLClient;

/** One query, many root and batched fields resolved at once: each must get its own database session. */
@QuarkusTest
class ParallelFieldsTest {

    @Test
    void rootFieldsResolvedInParallelEachSucceed() {
        String sku = createProduct("ALLOW", null, 1);
        String other = createProduct("DENY", null, 4);
        String orderId = placeOrder("ada@example.com", sku, 3).getString("id");
        placeOrder("bob@example.com", sku, 1);

        for (int i = 0; i < 20; i++) {
            JsonPath dashboard = GraphQLClient.data("Dashboard",
                    Map.of("sku", sku, "other", other, "orderId", orderId));

            assertEquals(3, dashboard.getInt("first.waitingBackorders"));
            assertEquals(4, dashboard.getInt("second.stock.available"));
            assertEquals(1, dashboard.getInt("order.backorders[0].queuePosition"));
            assertEquals(2, dashboard.getList("backorders.edges").size());
            assertEquals(2, dashboard.getInt("backorders.edges[1].node.queuePosition"));
        }
    }
}
