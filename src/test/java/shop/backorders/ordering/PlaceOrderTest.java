package shop.backorders.ordering;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static shop.backorders.support.Fixtures.backorder;
import static shop.backorders.support.Fixtures.createProduct;
import static shop.backorders.support.Fixtures.line;
import static shop.backorders.support.Fixtures.order;
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
class PlaceOrderTest extends EngineTest {

    @Test
    void takesWhatIsOnHandAndBackordersTheRest() {
        String sku = createProduct("ALLOW", null, 3);

        JsonPath order = placeOrder("ada@example.com", sku, 5);

        assertEquals("AWAITING_STOCK", order.getString("status"));
        assertEquals(Map.of("sku", sku, "quantity", 5, "allocated", 3, "backordered", 2, "shipped", 0, "cancelled", 0),
                order.getMap("lines[0]"));
        assertEquals("WAITING", order.getString("backorders[0].status"));
        assertEquals(2, order.getInt("backorders[0].quantity"));
        assertEquals(1, order.getInt("backorders[0].queuePosition"));
        assertEquals(false, order.getBoolean("backorders[0].preorder"));
        JsonPath product = product(sku);
        assertEquals(Map.of("onHand", 3, "allocated", 3, "available", 0), product.getMap("stock"));
        assertEquals(2, product.getInt("waitingBackorders"));
    }

    @Test
    void anOrderThatFitsIsAllocatedWhole() {
        String sku = createProduct("DENY", null, 4);

        JsonPath order = placeOrder("ada@example.com", sku, 4);

        assertEquals("READY_TO_SHIP", order.getString("status"));
        assertEquals(4, order.getInt("lines[0].allocated"));
        assertEquals(List.of(), order.getList("backorders"));
    }

    @Test
    void denyRefusesWhatIsNotOnHandAndChangesNothing() {
        String sku = createProduct("DENY", null, 2);

        error("OUT_OF_STOCK", "PlaceOrder", order("ada@example.com", sku, 3));

        assertEquals(2, product(sku).getInt("stock.available"));
        assertEquals(2, placeOrder("ada@example.com", sku, 2).getInt("lines[0].allocated"));
        error("OUT_OF_STOCK", "PlaceOrder", order("bob@example.com", sku, 1));
    }

    @Test
    void allowLimitedKeepsTheUnitsWaitingWithinTheCap() {
        String sku = createProduct("ALLOW_LIMITED", 5, 1);

        assertEquals(3, placeOrder("ada@example.com", sku, 4).getInt("lines[0].backordered"));
        String message = error("BACKORDER_LIMIT_EXCEEDED", "PlaceOrder", order("bob@example.com", sku, 3));
        assertEquals(sku + " can take 2 more units on backorder; 3 would have to wait", message);
        placeOrder("bob@example.com", sku, 2);

        assertEquals(5, product(sku).getInt("waitingBackorders"));
        error("BACKORDER_LIMIT_EXCEEDED", "PlaceOrder", order("cy@example.com", sku, 1));
    }

    @Test
    void anOrderWithOneRefusedLineIsRefusedWhole() {
        String plenty = createProduct("ALLOW", null, 10);
        String scarce = createProduct("DENY", null, 1);

        error("OUT_OF_STOCK", "PlaceOrder", orderOf("ada@example.com",
                List.of(line(plenty, 4), line(scarce, 2)), "SHIP_AVAILABLE", null));

        assertEquals(10, product(plenty).getInt("stock.available"));
        assertEquals(1, product(scarce).getInt("stock.available"));
    }

    @Test
    void refusesUnknownProductsAndBadInput() {
        String sku = createProduct("ALLOW", null, 1);

        error("UNKNOWN_PRODUCT", "PlaceOrder", orderOf("ada@example.com",
                List.of(line(sku, 1), line("NO-SUCH-SKU", 1)), null, null));
        error("INVALID_QUANTITY", "PlaceOrder", order("ada@example.com", sku, 0));
        error("INVALID_QUANTITY", "PlaceOrder", order("ada@example.com", sku, -2));
        error("INVALID_INPUT", "PlaceOrder", order("not-an-email", sku, 1));
        error("INVALID_INPUT", "PlaceOrder", orderOf("ada@example.com", List.of(), null, null));
        error("INVALID_INPUT", "PlaceOrder", orderOf("ada@example.com", List.of(line(sku, 1)), "SHIP_SOMETIME", null));

        assertEquals(1, product(sku).getInt("stock.available"));
    }

    @Test
    void linesOfOneSkuAreMerged() {
        String sku = createProduct("ALLOW", null, 2);

        JsonPath order = data("PlaceOrder", orderOf("ada@example.com", List.of(line(sku, 1), line(sku, 2)),
                "SHIP_AVAILABLE", null)).setRootPath("data.placeOrder");

        assertEquals(1, order.getList("lines").size());
        assertEquals(3, order.getInt("lines[0].quantity"));
        assertEquals(2, order.getInt("lines[0].allocated"));
        assertEquals(1, order.getInt("lines[0].backordered"));
    }

    @Test
    void newOrdersQueueBehindVersionedBackorders() {
        String sku = createProduct("ALLOW", null, 0);
        String first = placeOrder("ada@example.com", sku, 2).getString("backorders[0].id");

        JsonPath restocked = data("ReceiveStock", Map.of("sku", sku, "quantity", 1)).setRootPath("data.receiveStock");
        assertEquals(0, restocked.getInt("stock.available"));

        // One unit is on hand and allocated to the head of the line, which still waits for its second.
        JsonPath head = backorder(first);
        assertEquals("WAITING", head.getString("status"));
        assertEquals(1, head.getInt("allocated"));
        assertEquals(1, head.getInt("queuePosition"));

        JsonPath later = placeOrder("bob@example.com", sku, 1);
        assertEquals(0, later.getInt("lines[0].allocated"));
        assertEquals(2, later.getInt("backorders[0].queuePosition"));
    }

    @Test
    void customerEmailsCompareCaseInsensitively() {
        String sku = createProduct("ALLOW", null, 0);
        placeOrder("Grace.Hopper@Example.com", sku, 1);

        JsonPath found = data("Backorders", Map.of("sku", sku, "customerEmail", "grace.hopper@EXAMPLE.COM"))
                .setRootPath("data.backorders");

        assertEquals(1, found.getList("edges").size());
    }
}
