package shop.backorders.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static shop.backorders.support.Fixtures.createProduct;
import static shop.backorders.support.Fixtures.placeOrder;
import static shop.backorders.support.GraphQLClient.data;

import java.lang.reflect.Proxy;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;
import shop.backorders.shared.ShopClock;
import shop.backorders.shared.ShopConfig;
import shop.backorders.support.Fixtures;
import shop.backorders.support.GraphQLClient;
import shop.backorders.support.GraphQLClient.Calls;
import shop.backorders.support.LiveTest;
import shop.backorders.support.MovableClock;
import shop.backorders.support.SubscriptionClient;
import shop.backorders.support.SubscriptionClient.Protocol;
import shop.backorders.support.Tokens;

/**
 * A shop that tells status and dates only (shop.catalogue.exact-counts=false): anonymous callers and customers
 * get no count of units on any path, staff get every count. The application shared by the tests runs the real
 * catalogue rules built with the setting off, rather than restarting with it (a start costs ~8 s of the build).
 */
@QuarkusTest
class StatusAndDatesOnlyTest extends LiveTest {

    @Inject
    MovableClock clock;

    @Inject
    ProductRepository products;

    @Inject
    ShopClock shopClock;

    @Inject
    ShopConfig config;

    @Inject
    SupplierRepository suppliers;

    /** For this test only, every API path asks a CatalogService built as with shop.catalogue.exact-counts=false. */
    @BeforeEach
    void statusAndDatesOnly() {
        ShopConfig.Catalogue countsOff = () -> false;
        ShopConfig statusAndDatesOnly = (ShopConfig) Proxy.newProxyInstance(ShopConfig.class.getClassLoader(),
                new Class<?>[] { ShopConfig.class }, (proxy, method, arguments) -> method.getName().equals("catalogue")
                        ? countsOff : method.invoke(config, arguments));
        QuarkusMock.installMockForType(new CatalogService(products, suppliers, shopClock, statusAndDatesOnly),
                CatalogService.class);
    }

    @Test
    void overHttpOnlyStaffGetCounts() {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        String sku = productWithSupply(today);
        for (Calls shopper : List.of(GraphQLClient.anonymous(), GraphQLClient.as(Tokens.customer("c@example.com")))) {
            JsonPath product = shopper.data("Product", Map.of("sku", sku)).setRootPath("data.product");
            assertEquals(sku, product.getString("sku"));
            assertNull(product.get("stock"));
            assertNull(product.get("waitingBackorders"));

            JsonPath availability = shopper.data("Availability", Map.of("sku", sku, "quantity", 4))
                    .setRootPath("data.product.availability");
            assertEquals("PARTLY_IN_STOCK", availability.getString("status"));
            assertEquals(4, availability.getInt("quantity"), "the quantity asked is the caller's own");
            assertNull(availability.get("allocated"));
            assertNull(availability.get("backordered"));
            assertEquals(today.plusDays(3).toString(), availability.getString("eta"));
            assertEquals(List.of(delivery(null, today, "STOCK"), delivery(null, today.plusDays(3), "INBOUND_SHIPMENT")),
                    availability.getList("deliveries"));

            List<Map<String, Object>> page = shopper.data("CatalogueCounts", Map.of())
                    .getList("products.edges.node");
            assertFalse(page.isEmpty());
            page.forEach(node -> assertEquals(List.of(), counts(node), () -> "counts on the page: " + node));
        }

        JsonPath product = data("Product", Map.of("sku", sku)).setRootPath("data.product");
        assertEquals(Map.of("onHand", 5, "allocated", 3, "available", 2), product.getMap("stock"));
        assertEquals(0, product.getInt("waitingBackorders"));
        JsonPath availability = data("Availability", Map.of("sku", sku, "quantity", 4))
                .setRootPath("data.product.availability");
        assertEquals(2, availability.getInt("allocated"));
        assertEquals(2, availability.getInt("backordered"));
        assertEquals(List.of(delivery(2, today, "STOCK"), delivery(2, today.plusDays(3), "INBOUND_SHIPMENT")),
                availability.getList("deliveries"));
        // Every count but a delivery's, which a refused order has none of.
        data("CatalogueCounts", Map.of()).<Map<String, Object>>getList("products.edges.node")
                .forEach(node -> assertTrue(counts(node).size() >= 4, () -> "staff see every count: " + node));
    }

    @Test
    void overTheLiveStreamEachAudienceGetsItsOwnAnswer() throws Exception {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        String sku = productWithSupply(today);
        try (SubscriptionClient anonymous = SubscriptionClient.connect(vertx, Protocol.TRANSPORT_WS, (String) null);
                SubscriptionClient customer = SubscriptionClient.connect(vertx, Protocol.LEGACY_WS,
                        Tokens.customer("watcher@example.com"));
                SubscriptionClient staff = SubscriptionClient.connect(vertx, Protocol.TRANSPORT_WS)) {
            // The same documents, anonymous first and staff last, then staff first: shared answers stay apart.
            String anonymousCounts = anonymous.subscribe("StockCounts", Map.of("sku", sku));
            String staffCounts = staff.subscribe("StockCounts", Map.of("sku", sku));
            String customerCounts = customer.subscribe("StockCounts", Map.of("sku", sku));
            String staffForTwo = staff.subscribe("AvailabilityChanged", Map.of("sku", sku, "quantity", 2));
            String anonymousForTwo = anonymous.subscribe("AvailabilityChanged", Map.of("sku", sku, "quantity", 2));
            awaitSubscriptions(5);

            placeOrder("taker@example.com", sku, 2);

            JsonObject told = new JsonObject("""
                    {"stock": null, "waitingBackorders": null, "availability": {"status": "BACKORDER",
                     "allocated": null, "backordered": null, "eta": "%s",
                     "deliveries": [{"quantity": null, "date": "%s", "source": "INBOUND_SHIPMENT"}]}}"""
                    .formatted(today.plusDays(3), today.plusDays(3)));
            assertEquals(told, stockChanged(anonymous.next(anonymousCounts)));
            assertEquals(told, stockChanged(customer.next(customerCounts)));
            JsonObject counted = stockChanged(staff.next(staffCounts));
            assertEquals(new JsonObject(Map.of("onHand", 5, "allocated", 5, "available", 0)),
                    counted.getJsonObject("stock"));
            assertEquals(0, counted.getInteger("waitingBackorders"));
            assertEquals(1, counted.getJsonObject("availability").getInteger("backordered"));
            assertEquals(1, counted.getJsonObject("availability").getJsonArray("deliveries").getJsonObject(0)
                    .getInteger("quantity"));

            assertEquals(new JsonObject("{\"status\": \"BACKORDER\", \"allocated\": 0}"),
                    stockChanged(staff.next(staffForTwo)).getJsonObject("availability"));
            assertEquals(new JsonObject("{\"status\": \"BACKORDER\", \"allocated\": null}"),
                    stockChanged(anonymous.next(anonymousForTwo)).getJsonObject("availability"));
        }
    }

    @Test
    void aQuoteAndTheFreshQuoteOfARefusalShowCustomersNoCounts() {
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        String sku = productWithSupply(today);
        Calls customer = GraphQLClient.as(Tokens.customer("quoted@example.com"));
        Map<String, Object> lines = Map.of("lines", List.of(Map.of("sku", sku, "quantity", 2)));
        JsonPath quote = customer.data("Quote", lines).setRootPath("data.quote");
        assertEquals("IN_STOCK", quote.getString("lines[0].status"));
        assertNull(quote.get("lines[0].allocated"));
        assertEquals(List.of(delivery(null, today, "STOCK")), quote.getList("lines[0].deliveries"));
        assertNotNull(data("Quote", lines).get("quote.lines[0].allocated"), "staff see counts");

        placeOrder("quicker@example.com", sku, 1);
        Map<String, Object> input = new HashMap<>(Map.of("lines", lines.get("lines"),
                "quoteToken", quote.getString("token")));
        JsonPath refused = customer.execute("PlaceOrder", Map.of("input", input));
        assertEquals("QUOTE_CHANGED", refused.getString("errors[0].extensions.code"), refused::prettify);
        assertEquals("PARTLY_IN_STOCK", refused.getString("errors[0].extensions.quote.lines[0].status"));
        assertTrue(refused.getMap("errors[0].extensions.quote.lines[0]").containsKey("allocated"));
        assertNull(refused.get("errors[0].extensions.quote.lines[0].allocated"), refused::prettify);
        assertNull(refused.get("errors[0].extensions.quote.lines[0].deliveries[0].quantity"), refused::prettify);
    }

    @Test
    void aRefusedOrderTellsCustomersNoCountsAndStaffTheCounts() {
        String denied = createProduct("DENY", null, 2);
        String capped = createProduct("ALLOW_LIMITED", 3, 0);
        Calls customer = GraphQLClient.as(Tokens.customer("refused@example.com"));
        for (String sku : List.of(denied, capped)) {
            String code = sku.equals(denied) ? "OUT_OF_STOCK" : "BACKORDER_LIMIT_EXCEEDED";
            String told = customer.error(code, "PlaceOrder", Map.of("input",
                    Map.of("lines", List.of(Map.of("sku", sku, "quantity", 5)))));
            assertTrue(told.contains(sku), told);
            assertFalse(told.replace(sku, "").chars().anyMatch(Character::isDigit), told);
            String staffTold = GraphQLClient.error(code, "PlaceOrder", Fixtures.order("staff@example.com", sku, 5));
            assertTrue(staffTold.replace(sku, "").chars().anyMatch(Character::isDigit), staffTold);
        }
    }

    /** 5 on hand, 3 of them sold, 5 more announced for in three days. */
    private static String productWithSupply(LocalDate today) {
        String sku = createProduct("ALLOW", null, 5);
        placeOrder("buyer@example.com", sku, 3);
        data("ScheduleInbound", Map.of("sku", sku, "quantity", 5, "expectedAt", today.plusDays(3).toString()));
        return sku;
    }

    private static Map<String, Object> delivery(Integer quantity, LocalDate date, String source) {
        Map<String, Object> delivery = new HashMap<>();
        delivery.put("quantity", quantity);
        delivery.put("date", date.toString());
        delivery.put("source", source);
        return delivery;
    }

    /** The counts a catalogue page's node shows: stock, waiting units, the split of one unit. */
    @SuppressWarnings("unchecked")
    private static List<Object> counts(Map<String, Object> node) {
        Map<String, Object> availability = (Map<String, Object>) node.get("availability");
        List<Map<String, Object>> deliveries = (List<Map<String, Object>>) availability.get("deliveries");
        return Stream.of(node.get("stock"), node.get("waitingBackorders"),
                availability.get("allocated"), availability.get("backordered"),
                deliveries.isEmpty() ? null : deliveries.get(0).get("quantity"))
                .filter(Objects::nonNull).toList();
    }

    private static JsonObject stockChanged(JsonObject message) {
        assertNull(message.getValue("errors"), message::encode);
        assertNotNull(message.getJsonObject("data"), message::encode);
        return message.getJsonObject("data").getJsonObject("stockChanged");
    }
}
