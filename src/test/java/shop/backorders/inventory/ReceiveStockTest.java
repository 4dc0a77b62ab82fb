package shop.backorders.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static shop.backorders.support.Fixtures.createProduct;
import static shop.backorders.support.Fixtures.placeOrder;
import static shop.backorders.support.Fixtures.product;
import static shop.backorders.support.GraphQLClient.data;
import static shop.backorders.support.GraphQLClient.error;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import shop.backorders.support.EngineTest;

@QuarkusTest
class ReceiveStockTest extends EngineTest {

    @Test
    void fillsVersionedBackordersInTheOrderTheyWerePlaced() {
        String sku = createProduct("ALLOW", null, 0);
        List<String> orders = List.of(
                placeOrder("a@example.com", sku, 2).getString("id"),
                placeOrder("b@example.com", sku, 2).getString("id"),
                placeOrder("c@example.com", sku, 2).getString("id"));

        JsonPath restocked = data("ReceiveStock", Map.of("sku", sku, "quantity", 5)).setRootPath("data.receiveStock");

        assertEquals(Map.of("onHand", 5, "allocated", 5, "available", 0), restocked.getMap("stock"));
        assertEquals(1, restocked.getInt("waitingBackorders"));
        assertEquals("READY_TO_SHIP", order(orders.get(0)).getString("status"));
        assertEquals("READY_TO_SHIP", order(orders.get(1)).getString("status"));
        JsonPath last = order(orders.get(2));
        assertEquals("WAITING", last.getString("backorders[0].status"));
        assertEquals(1, last.getInt("backorders[0].allocated"));
        assertEquals(1, last.getInt("backorders[0].queuePosition"));
    }

    @Test
    void refusesBadReceipts() {
        String sku = createProduct("ALLOW", null, 0);

        error("INVALID_QUANTITY", "ReceiveStock", Map.of("sku", sku, "quantity", 0));
        error("UNKNOWN_PRODUCT", "ReceiveStock", Map.of("sku", "NO-SUCH-SKU", "quantity", 1));
    }

    @Test
    void adjustmentsTakeOnlyUnallocatedUnitsAndFillTheQueueWhenPositive() {
        String sku = createProduct("ALLOW", null, 5);
        placeOrder("a@example.com", sku, 3);

        error("INVALID_STATE", "AdjustStock", Map.of("sku", sku, "change", -3, "reason", "count"));
        JsonPath shrunk = data("AdjustStock", Map.of("sku", sku, "change", -2, "reason", "broken in transit"))
                .setRootPath("data.adjustStock");
        assertEquals(Map.of("onHand", 3, "allocated", 3, "available", 0), shrunk.getMap("stock"));

        placeOrder("b@example.com", sku, 2);
        JsonPath found = data("AdjustStock", Map.of("sku", sku, "change", 4, "reason", "found on shelf"))
                .setRootPath("data.adjustStock");
        assertEquals(Map.of("onHand", 7, "allocated", 5, "available", 2), found.getMap("stock"));
        assertEquals(0, found.getInt("waitingBackorders"));
        error("INVALID_QUANTITY", "AdjustStock", Map.of("sku", sku, "change", 0));
    }

    @Test
    void schedulesInboundSupply() {
        String sku = createProduct("ALLOW", null, 0);
        String tomorrow = LocalDate.now(ZoneOffset.UTC).plusDays(1).toString();

        JsonPath inbound = data("ScheduleInbound", Map.of("sku", sku, "quantity", 40, "expectedAt", tomorrow))
                .setRootPath("data.scheduleInbound");

        assertEquals(Map.of("sku", sku, "quantity", 40, "expectedAt", tomorrow),
                Map.of("sku", inbound.getString("sku"), "quantity", inbound.getInt("quantity"),
                        "expectedAt", inbound.getString("expectedAt")));
        assertEquals(0, product(sku).getInt("stock.onHand"));
        error("INVALID_QUANTITY", "ScheduleInbound", Map.of("sku", sku, "quantity", 0, "expectedAt", tomorrow));
        error("INVALID_INPUT", "ScheduleInbound", Map.of("sku", sku, "quantity", 1, "expectedAt", "2001-01-01"));
        error("INVALID_INPUT", "ScheduleInbound", Map.of("sku", sku, "quantity", 1, "expectedAt", "tomorrow"));
        error("UNKNOWN_PRODUCT", "ScheduleInbound", Map.of("sku", "NO-SUCH", "quantity", 1, "expectedAt", tomorrow));
    }

    private static JsonPath order(String id) {
        return data("Order", Map.of("id", id)).setRootPath("data.order");
    }
}
