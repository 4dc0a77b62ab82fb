package shop.backorders.ordering;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static shop.backorders.support.Fixtures.createPreorder;
import static shop.backorders.support.Fixtures.createProduct;
import static shop.backorders.support.Fixtures.order;
import static shop.backorders.support.Fixtures.placeOrder;
import static shop.backorders.support.GraphQLClient.data;
import static shop.backorders.support.GraphQLClient.error;

import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import shop.backorders.api.view.Cursors;
import shop.backorders.api.view.Ids;
import shop.backorders.support.EngineTest;
import shop.backorders.support.GraphQLClient;
import shop.backorders.support.MovableClock;

/**
 * What a shopper is told before ordering is what the order then gets: asked, then placed at once, the same
 * split and the same dates, under every policy; asking changes nothing.
 */
@QuarkusTest
class AvailabilityTest extends EngineTest {

    @Inject
    MovableClock clock;

    @Test
    void inStockShipsNow() {
        String sku = createProduct("ALLOW", null, 3);
        JsonPath asked = askThenPlace(sku, 2, "IN_STOCK", 2, 0);
        assertEquals(List.of(Map.of("quantity", 2, "date", today().toString(), "source", "STOCK")),
                asked.getList("deliveries"));
        assertNull(asked.getString("eta"));
    }

    @Test
    void theRestComesFromAnnouncedSupplyThenTheLeadTime() {
        String sku = createProduct("ALLOW", null, 3);
        schedule(sku, 5, 10);
        JsonPath asked = askThenPlace(sku, 12, "PARTLY_IN_STOCK", 3, 9);
        assertEquals(List.of(
                Map.of("quantity", 3, "date", today().toString(), "source", "STOCK"),
                Map.of("quantity", 5, "date", today().plusDays(10).toString(), "source", "INBOUND_SHIPMENT"),
                Map.of("quantity", 4, "date", today().plusDays(7).toString(), "source", "LEAD_TIME")),
                asked.getList("deliveries"));
    }

    @Test
    void customersAlreadyWaitingTakeTheSupplyFirst() {
        String sku = createProduct("ALLOW", null, 0);
        schedule(sku, 5, 4);
        schedule(sku, 10, 20);
        placeOrder("ahead@example.com", sku, 3);
        JsonPath asked = askThenPlace(sku, 6, "BACKORDER", 0, 6);
        assertEquals(List.of(
                Map.of("quantity", 2, "date", today().plusDays(4).toString(), "source", "INBOUND_SHIPMENT"),
                Map.of("quantity", 4, "date", today().plusDays(20).toString(), "source", "INBOUND_SHIPMENT")),
                asked.getList("deliveries"));
    }

    @Test
    void aDeniedProductOutOfStockIsUnavailableAndSaysWhy() {
        String sku = createProduct("DENY", null, 2);
        JsonPath asked = ask(sku, 3);
        assertEquals("UNAVAILABLE", asked.getString("status"));
        assertEquals(false, asked.getBoolean("orderable"));
        assertEquals("OUT_OF_STOCK", asked.getString("reason"));
        assertEquals(List.of(), asked.getList("deliveries"));
        error("OUT_OF_STOCK", "PlaceOrder", order("denied@example.com", sku, 3));
        askThenPlace(sku, 2, "IN_STOCK", 2, 0);
    }

    @Test
    void aCappedProductIsOrderableUpToItsCap() {
        String sku = createProduct("ALLOW_LIMITED", 5, 1);
        assertEquals("BACKORDER_LIMIT_EXCEEDED", ask(sku, 7).getString("reason"));
        error("BACKORDER_LIMIT_EXCEEDED", "PlaceOrder", order("capped@example.com", sku, 7));
        askThenPlace(sku, 6, "PARTLY_IN_STOCK", 1, 5);
        assertEquals("UNAVAILABLE", ask(sku, 1).getString("status"));
    }

    @Test
    void aPreorderWaitsForItsReleaseDate() {
        String sku = createPreorder(today().plusDays(30), 4);
        JsonPath asked = askThenPlace(sku, 6, "PREORDER", 0, 6);
        assertEquals(today().plusDays(30).toString(), asked.getString("eta"));
        assertEquals(4, ((Map<?, ?>) asked.getList("deliveries").get(0)).get("quantity"));
    }

    @Test
    void askingOrQuotingChangesNothingAndAnyoneMayQuote() throws SQLException {
        String sku = createProduct("ALLOW_LIMITED", 10, 2);
        schedule(sku, 3, 5);
        placeOrder("first@example.com", sku, 4);
        String before = footprint();
        for (int quantity : new int[] { 1, 2, 5, 12, 13 }) {
            ask(sku, quantity);
            Map<String, Object> cart = Map.of("lines", List.of(Map.of("sku", sku, "quantity", quantity)));
            data("Quote", cart);
            GraphQLClient.anonymous().data("Quote", cart);
        }
        assertEquals(before, footprint());
        error("INVALID_QUANTITY", "Availability", Map.of("sku", sku, "quantity", 0));
    }

    @Test
    void aPageOfProductsIsAnsweredProductByProductAndAliasByAlias() {
        String first = createProduct("ALLOW", null, 3);
        String second = createProduct("DENY", null, 3);
        String third = createProduct("ALLOW", null, 0);
        long firstId = Ids.parse("Product", data("Product", Map.of("sku", first)).getString("product.id"));
        String after = Cursors.encode(firstId);
        JsonPath page = data("AvailabilityPage", Map.of("first", 2, "after", after)).setRootPath("data.products");
        assertEquals(List.of(second, third), page.getList("edges.node.sku"));
        for (int i = 0; i < 2; i++) {
            String sku = page.getString("edges[" + i + "].node.sku");
            String node = "edges[" + i + "].node.";
            assertEquals(ask(sku, 1).getString("status"), page.getString(node + "one.status"), sku);
            assertEquals(ask(sku, 5).getString("status"), page.getString(node + "five.status"), sku);
            assertEquals(ask(sku, 5).getInt("backordered"), page.getInt(node + "five.backordered"), sku);
        }
        assertEquals("UNAVAILABLE", page.getString("edges[0].node.five.status"));
        assertEquals("IN_STOCK", page.getString("edges[0].node.one.status"));
        assertEquals("BACKORDER", page.getString("edges[1].node.one.status"));
    }

    /** Asks, places the same order at once, and checks it got what it was told; returns what it was told. */
    private JsonPath askThenPlace(String sku, int quantity, String status, int allocated, int backordered) {
        JsonPath asked = ask(sku, quantity);
        assertEquals(status, asked.getString("status"), asked::prettify);
        assertEquals(true, asked.getBoolean("orderable"));
        assertEquals(allocated, asked.getInt("allocated"));
        assertEquals(backordered, asked.getInt("backordered"));
        assertEquals(quantity, asked.getList("deliveries", Map.class).stream()
                .mapToInt(part -> (Integer) part.get("quantity")).sum());

        JsonPath placed = placeOrder("asked-" + sku + "@example.com", sku, quantity);
        assertEquals(allocated, placed.getInt("lines[0].allocated"));
        assertEquals(backordered, placed.getInt("lines[0].backordered"));
        assertEquals(asked.getString("eta"), backordered == 0 ? null : placed.getString("backorders[0].eta.date"));
        return asked;
    }

    private static JsonPath ask(String sku, int quantity) {
        return GraphQLClient.data("Availability", Map.of("sku", sku, "quantity", quantity))
                .setRootPath("data.product.availability");
    }

    private void schedule(String sku, int quantity, int inDays) {
        data("ScheduleInbound", Map.of("sku", sku, "quantity", quantity,
                "expectedAt", today().plusDays(inDays).toString()));
    }

    private LocalDate today() {
        return LocalDate.now(clock);
    }
}
