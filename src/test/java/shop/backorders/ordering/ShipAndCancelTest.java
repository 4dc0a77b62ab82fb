package shop.backorders.ordering;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static shop.backorders.support.Fixtures.createProduct;
import static shop.backorders.support.Fixtures.line;
import static shop.backorders.support.Fixtures.orderOf;
import static shop.backorders.support.Fixtures.placeOrder;
import static shop.backorders.support.Fixtures.product;
import static shop.backorders.support.GraphQLClient.data;
import static shop.backorders.support.GraphQLClient.error;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import shop.backorders.support.EngineTest;

@QuarkusTest
class ShipAndCancelTest extends EngineTest {

    @Test
    void shipAvailableShipsWhatIsAllocatedAndTheRestLater() {
        String sku = createProduct("ALLOW", null, 2);
        String id = placeOrder("ada@example.com", sku, 5).getString("id");

        JsonPath shipped = ship(id);
        assertEquals("PARTIALLY_SHIPPED", shipped.getString("status"));
        assertEquals(2, shipped.getInt("lines[0].shipped"));
        assertEquals(3, shipped.getInt("lines[0].backordered"));
        assertEquals(Map.of("onHand", 0, "allocated", 0, "available", 0), product(sku).getMap("stock"));

        receive(sku, 3);
        JsonPath rest = ship(id);
        assertEquals("SHIPPED", rest.getString("status"));
        assertEquals(5, rest.getInt("lines[0].shipped"));
        assertEquals("FULFILLED", rest.getString("backorders[0].status"));
        assertEquals(3, rest.getInt("backorders[0].shipped"));
    }

    @Test
    void aPartlyFilledBackorderShipsItsUnitsAndKeepsItsPlace() {
        String sku = createProduct("ALLOW", null, 0);
        String id = placeOrder("ada@example.com", sku, 3).getString("id");
        receive(sku, 1);

        JsonPath shipped = ship(id);

        assertEquals("WAITING", shipped.getString("backorders[0].status"));
        assertEquals(1, shipped.getInt("backorders[0].shipped"));
        assertEquals(1, shipped.getInt("backorders[0].queuePosition"));
        assertEquals(2, shipped.getInt("lines[0].backordered"));
    }

    @Test
    void shipCompleteWaitsUntilEveryLineIsAllocated() {
        String inStock = createProduct("ALLOW", null, 5);
        String waiting = createProduct("ALLOW", null, 0);
        String id = data("PlaceOrder", orderOf("ada@example.com", List.of(line(inStock, 2), line(waiting, 1)),
                "SHIP_COMPLETE", null)).getString("placeOrder.id");

        error("INVALID_STATE", "ShipOrder", Map.of("id", id));
        assertEquals(5, product(inStock).getInt("stock.onHand"));

        receive(waiting, 1);
        JsonPath order = data("Order", Map.of("id", id)).setRootPath("data.order");
        assertEquals("READY_TO_SHIP", order.getString("status"));
        assertEquals("ALLOCATED", order.getString("backorders[0].status"));

        JsonPath shipped = ship(id);
        assertEquals("SHIPPED", shipped.getString("status"));
        assertEquals(3, product(inStock).getInt("stock.onHand"));
        assertEquals(0, product(waiting).getInt("stock.onHand"));
    }

    @Test
    void shippingNothingIsRefused() {
        String sku = createProduct("ALLOW", null, 0);
        String id = placeOrder("ada@example.com", sku, 1).getString("id");

        error("INVALID_STATE", "ShipOrder", Map.of("id", id));
        error("NOT_FOUND", "ShipOrder", Map.of("id", "999999999"));
        error("NOT_FOUND", "ShipOrder", Map.of("id", "not-a-number"));
    }

    @Test
    void cancellingAnOrderGivesItsUnitsToTheNextInLine() {
        String sku = createProduct("ALLOW", null, 3);
        String first = placeOrder("ada@example.com", sku, 3).getString("id");
        JsonPath second = placeOrder("bob@example.com", sku, 2);
        JsonPath third = placeOrder("cy@example.com", sku, 2);
        assertEquals(2, third.getInt("backorders[0].queuePosition"));

        JsonPath cancelled = data("CancelOrder", Map.of("id", first)).setRootPath("data.cancelOrder");

        assertEquals("CANCELLED", cancelled.getString("status"));
        assertEquals(3, cancelled.getInt("lines[0].cancelled"));
        JsonPath refilled = order(second.getString("id"));
        assertEquals("READY_TO_SHIP", refilled.getString("status"));
        assertEquals("ALLOCATED", refilled.getString("backorders[0].status"));
        JsonPath partly = order(third.getString("id"));
        assertEquals(1, partly.getInt("lines[0].allocated"));
        assertEquals(1, partly.getInt("backorders[0].queuePosition"));
        assertEquals(Map.of("onHand", 3, "allocated", 3, "available", 0), product(sku).getMap("stock"));
    }

    @Test
    void cancellingAfterAPartialShipmentCancelsTheRest() {
        String sku = createProduct("ALLOW", null, 1);
        String id = placeOrder("ada@example.com", sku, 3).getString("id");
        ship(id);

        JsonPath cancelled = data("CancelOrder", Map.of("id", id)).setRootPath("data.cancelOrder");

        assertEquals("SHIPPED", cancelled.getString("status"));
        assertEquals(1, cancelled.getInt("lines[0].shipped"));
        assertEquals(2, cancelled.getInt("lines[0].cancelled"));
        assertEquals("CANCELLED", cancelled.getString("backorders[0].status"));
        error("INVALID_STATE", "CancelOrder", Map.of("id", id));
    }

    @Test
    void aShippedOrderCannotBeCancelled() {
        String sku = createProduct("DENY", null, 1);
        String id = placeOrder("ada@example.com", sku, 1).getString("id");
        ship(id);

        error("INVALID_STATE", "CancelOrder", Map.of("id", id));
        error("NOT_FOUND", "CancelOrder", Map.of("id", "999999999"));
    }

    @Test
    void cancellingABackorderKeepsTheUnitsAllocatedAtOnce() {
        String sku = createProduct("ALLOW", null, 2);
        JsonPath order = placeOrder("ada@example.com", sku, 4);
        JsonPath next = placeOrder("bob@example.com", sku, 1);
        receive(sku, 1);
        String backorder = order.getString("backorders[0].id");
        assertEquals(1, data("Backorder", Map.of("id", backorder)).getInt("backorder.allocated"));

        JsonPath cancelled = data("CancelBackorder", Map.of("id", backorder)).setRootPath("data.cancelBackorder");

        assertEquals("CANCELLED", cancelled.getString("status"));
        assertNull(cancelled.get("queuePosition"));
        assertEquals(Map.of("sku", sku, "quantity", 4, "allocated", 2, "backordered", 0, "shipped", 0,
                "cancelled", 2), data("Order", Map.of("id", order.getString("id"))).getMap("order.lines[0]"));
        assertEquals("READY_TO_SHIP", order(next.getString("id")).getString("status"));
        error("INVALID_STATE", "CancelBackorder", Map.of("id", backorder));
        error("NOT_FOUND", "CancelBackorder", Map.of("id", "999999999"));
    }

    private static JsonPath ship(String id) {
        return data("ShipOrder", Map.of("id", id)).setRootPath("data.shipOrder");
    }

    private static JsonPath order(String id) {
        return data("Order", Map.of("id", id)).setRootPath("data.order");
    }

    private static void receive(String sku, int quantity) {
        data("ReceiveStock", Map.of("sku", sku, "quantity", quantity));
    }
}
