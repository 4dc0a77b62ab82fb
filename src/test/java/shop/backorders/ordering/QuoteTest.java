package shop.backorders.ordering;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static shop.backorders.support.Fixtures.createPreorder;
import static shop.backorders.support.Fixtures.createProduct;
import static shop.backorders.support.Fixtures.line;
import static shop.backorders.support.Fixtures.orderOf;
import static shop.backorders.support.Fixtures.placeOrder;
import static shop.backorders.support.GraphQLClient.data;
import static shop.backorders.support.GraphQLClient.error;

import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.core.json.JsonObject;
import shop.backorders.support.EngineTest;
import shop.backorders.support.GraphQLClient;
import shop.backorders.support.MovableClock;

/**
 * A quote is what the order placed with its token gets, or better: quoted then placed at once, the same split
 * and dates under every policy; placed after the stock moved, refused QUOTE_CHANGED with the fresh quote and
 * nothing written, or placed if the deal got better. Quoting never holds up an order (that it changes nothing:
 * AvailabilityTest).
 */
@QuarkusTest
class QuoteTest extends EngineTest {

    @Inject
    MovableClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void aCartQuotedThenPlacedGetsWhatEachLineWasQuoted() {
        String inStock = createProduct("ALLOW", null, 5);
        String partly = createProduct("ALLOW", null, 3);
        schedule(partly, 5, 10);
        String leadTimeOnly = createProduct("ALLOW", null, 0);
        String queued = createProduct("ALLOW", null, 0);
        schedule(queued, 4, 6);
        placeOrder("ahead@example.com", queued, 3);
        String capped = createProduct("ALLOW_LIMITED", 4, 1);
        String preorder = createPreorder(today().plusDays(30), 2);

        JsonPath quote = quoteThenPlace("cart@example.com", line(inStock, 2), line(partly, 12), line(leadTimeOnly, 1),
                line(queued, 2), line(capped, 5), line(preorder, 3));
        assertLine(quote, 0, "IN_STOCK", 2, 0);
        assertLine(quote, 1, "PARTLY_IN_STOCK", 3, 9);
        assertEquals(List.of(
                delivery(3, today(), "STOCK"),
                delivery(5, today().plusDays(10), "INBOUND_SHIPMENT"),
                delivery(4, today().plusDays(7), "LEAD_TIME")), quote.getList("lines[1].deliveries"));
        assertLine(quote, 2, "BACKORDER", 0, 1);
        assertEquals(today().plusDays(7).toString(), quote.getString("lines[2].eta"));
        assertLine(quote, 3, "BACKORDER", 0, 2);
        assertEquals(List.of(delivery(1, today().plusDays(6), "INBOUND_SHIPMENT"),
                delivery(1, today().plusDays(7), "LEAD_TIME")), quote.getList("lines[3].deliveries"),
                "the customer ahead takes 3 of the 4 coming first");
        assertLine(quote, 4, "PARTLY_IN_STOCK", 1, 4);
        assertLine(quote, 5, "PREORDER", 0, 3);
        assertEquals(today().plusDays(30).toString(), quote.getString("lines[5].eta"));
    }

    @Test
    void refusedLinesAreQuotedWithTheirReasonAndPlacingRefusesThemAlike() {
        String denied = createProduct("DENY", null, 2);
        String capped = createProduct("ALLOW_LIMITED", 3, 0);
        JsonPath quote = quote(line(denied, 3), line(capped, 4));
        assertEquals("UNAVAILABLE", quote.getString("lines[0].status"));
        assertEquals("OUT_OF_STOCK", quote.getString("lines[0].reason"));
        assertEquals("BACKORDER_LIMIT_EXCEEDED", quote.getString("lines[1].reason"));
        error("OUT_OF_STOCK", "PlaceOrder", withToken(quote, "refused@example.com", line(denied, 3), line(capped, 4)));

        assertLine(quoteThenPlace("denied@example.com", line(denied, 2)), 0, "IN_STOCK", 2, 0);
        assertLine(quoteThenPlace("capped@example.com", line(capped, 3)), 0, "BACKORDER", 0, 3);
        assertEquals("UNAVAILABLE", quote(line(capped, 1)).getString("lines[0].status"), "the cap is reached");
    }

    @Test
    void aPreorderReleasedMeanwhileIsQuotedAsStock() {
        String preorder = createPreorder(today().plusDays(2), 4);
        assertLine(quote(line(preorder, 1)), 0, "PREORDER", 0, 1);
        clock.advance(Duration.ofDays(3));
        assertLine(quoteThenPlace("released@example.com", line(preorder, 3)), 0, "IN_STOCK", 3, 0);
    }

    @Test
    void anOrderPlacedAfterOthersTookTheStockIsRefusedWithTheFreshQuote() throws SQLException {
        String sku = createProduct("ALLOW", null, 3);
        JsonPath quote = quote(line(sku, 3));
        assertLine(quote, 0, "IN_STOCK", 3, 0);
        placeOrder("quicker@example.com", sku, 2);

        String before = footprint();
        JsonPath refused = GraphQLClient.execute("PlaceOrder", withToken(quote, "slower@example.com", line(sku, 3)));
        assertEquals("QUOTE_CHANGED", refused.getString("errors[0].extensions.code"), refused::prettify);
        assertNull(refused.get("data"), refused::prettify);
        assertEquals(before, footprint(), "nothing written");

        JsonPath fresh = refused.setRootPath("errors[0].extensions.quote");
        assertLine(fresh, 0, "PARTLY_IN_STOCK", 1, 2);
        assertEquals(List.of(unranged(delivery(1, today(), "STOCK")),
                unranged(delivery(2, today().plusDays(7), "LEAD_TIME"))), fresh.getList("lines[0].deliveries"));
        assertNotEquals(quote.getString("token"), fresh.getString("token"));
        JsonPath placed = data("PlaceOrder", withToken(fresh, "slower@example.com", line(sku, 3)))
                .setRootPath("data.placeOrder");
        assertEquals(1, placed.getInt("lines[0].allocated"), "the fresh quote is honoured in turn");
    }

    @Test
    void aLaterDateIsAWorseDealAndAnEarlierOneABetter() {
        String sku = createProduct("ALLOW", null, 0);
        String shipment = schedule(sku, 10, 5);
        JsonPath quote = quote(line(sku, 2));
        assertEquals(today().plusDays(5).toString(), quote.getString("lines[0].eta"));

        data("UpdateInbound", Map.of("id", shipment, "quantity", 10, "expectedAt", today().plusDays(6).toString()));
        error("QUOTE_CHANGED", "PlaceOrder", withToken(quote, "later@example.com", line(sku, 2)));

        data("UpdateInbound", Map.of("id", shipment, "quantity", 10, "expectedAt", today().plusDays(3).toString()));
        JsonPath placed = data("PlaceOrder", withToken(quote, "earlier@example.com", line(sku, 2)))
                .setRootPath("data.placeOrder");
        assertEquals(today().plusDays(3).toString(), placed.getString("backorders[0].eta.date"));
    }

    @Test
    void stockArrivedMeanwhileIsABetterDeal() {
        String sku = createProduct("ALLOW", null, 0);
        JsonPath quote = quote(line(sku, 4));
        assertLine(quote, 0, "BACKORDER", 0, 4);
        data("ReceiveStock", Map.of("sku", sku, "quantity", 10));
        JsonPath placed = data("PlaceOrder", withToken(quote, "lucky@example.com", line(sku, 4)))
                .setRootPath("data.placeOrder");
        assertEquals(4, placed.getInt("lines[0].allocated"));
    }

    @Test
    void aTokenHoldsOnlyForItsLinesUntilItExpires() {
        String first = createProduct("ALLOW", null, 5);
        String second = createProduct("ALLOW", null, 5);
        JsonPath quote = quote(line(first, 1), line(second, 2));
        error("INVALID_INPUT", "PlaceOrder", withToken(quote, "other@example.com", line(first, 1), line(second, 3)));
        error("INVALID_INPUT", "PlaceOrder", withToken(quote, "other@example.com", line(first, 1)));
        error("LINK_INVALID", "PlaceOrder", orderWithToken("forged@example.com", quote.getString("token") + "x",
                line(first, 1), line(second, 2)));
        error("LINK_INVALID", "PlaceOrder", orderWithToken("forged@example.com", "not.a-token",
                line(first, 1), line(second, 2)));
        data("PlaceOrder", withToken(quote, "merged@example.com", line(second, 1), line(first, 1), line(second, 1)));

        clock.advance(Duration.ofMinutes(15));
        error("QUOTE_EXPIRED", "PlaceOrder", withToken(quote, "late@example.com", line(first, 1), line(second, 2)));
    }

    @Test
    void aRetryOfAnOrderPlacedWithAQuoteReturnsItEvenOnceTheQuoteExpired() {
        String sku = createProduct("ALLOW", null, 5);
        JsonPath quote = quote(line(sku, 1));
        Map<String, Object> order = orderOf("retry@example.com", List.of(line(sku, 1)), "SHIP_AVAILABLE", "key-1");
        @SuppressWarnings("unchecked")
        Map<String, Object> input = (Map<String, Object>) order.get("input");
        input.put("quoteToken", quote.getString("token"));
        String placed = data("PlaceOrder", order).getString("placeOrder.id");
        clock.advance(Duration.ofMinutes(20));
        assertEquals(placed, data("PlaceOrder", order).getString("placeOrder.id"));
    }

    @Test
    void aCartIsRefusedAsPlacingItWouldBe() {
        String sku = createProduct("ALLOW", null, 2);
        error("UNKNOWN_PRODUCT", "Quote", Map.of("lines", List.of(line(sku, 1), line("NO-SUCH-SKU", 1))));
        error("INVALID_QUANTITY", "Quote", Map.of("lines", List.of(line(sku, 0))));
        error("INVALID_INPUT", "Quote", Map.of("lines", List.of()));
    }

    @Test
    void manyOrdersWithOneQuoteGetTheStockQuotedOnlyWhileItLasts() {
        String sku = createProduct("ALLOW", null, 5);
        JsonPath quote = quote(line(sku, 1));
        List<CompletableFuture<JsonObject>> orders = IntStream.range(0, 20)
                .mapToObj(i -> GraphQLClient.sendAsync("PlaceOrder", withToken(quote, "many-" + i + "@example.com",
                        line(sku, 1))))
                .toList();
        List<String> outcomes = orders.stream().map(CompletableFuture::join).map(QuoteTest::outcome).toList();
        assertEquals(5, outcomes.stream().filter("PLACED"::equals).count(), outcomes::toString);
        assertEquals(15, outcomes.stream().filter("QUOTE_CHANGED"::equals).count(), outcomes::toString);
        assertEquals(0, data("Product", Map.of("sku", sku)).getInt("product.stock.available"));
        assertEquals(0, data("Product", Map.of("sku", sku)).getInt("product.waitingBackorders"),
                "no order was turned into a backorder it was not quoted");
    }

    @Test
    void quotesDuringAStampedeNeverFailNorHoldUpOrders() {
        String sku = createProduct("ALLOW", null, 40);
        schedule(sku, 30, 4);
        List<CompletableFuture<JsonObject>> orders = new ArrayList<>();
        List<CompletableFuture<JsonObject>> quotes = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            orders.add(GraphQLClient.sendAsync("PlaceOrder", orderOf("stampede-" + i + "@example.com",
                    List.of(line(sku, 1)), "SHIP_AVAILABLE", null)));
            quotes.add(GraphQLClient.sendAsync("Quote", Map.of("lines", List.of(line(sku, 1 + i % 7)))));
        }
        orders.forEach(order -> assertEquals("PLACED", outcome(order.join()), order.join()::encodePrettily));
        for (CompletableFuture<JsonObject> asked : quotes) {
            JsonObject answer = asked.join();
            assertNull(answer.getValue("errors"), answer::encodePrettily);
            assertTrue(answer.getJsonObject("data").getJsonObject("quote").getString("token").length() > 20);
        }
        JsonPath product = data("Product", Map.of("sku", sku)).setRootPath("data.product");
        assertEquals(0, product.getInt("stock.available"));
        assertEquals(60, product.getInt("waitingBackorders"));
    }

    /** Quotes the lines, places them with the token at once, and checks each line got what it was quoted. */
    private JsonPath quoteThenPlace(String email, Map<String, Object>... lines) {
        JsonPath quote = quote(lines);
        JsonPath placed = data("PlaceOrder", withToken(quote, email, lines)).setRootPath("data.placeOrder");
        for (int i = 0; i < lines.length; i++) {
            String sku = quote.getString("lines[" + i + "].sku");
            Map<String, Object> line = placed.getMap("lines.find { it.sku == '" + sku + "' }");
            assertEquals(quote.getInt("lines[" + i + "].allocated"), line.get("allocated"), sku);
            assertEquals(quote.getInt("lines[" + i + "].backordered"), line.get("backordered"), sku);
            String eta = placed.getString("backorders.find { it.sku == '" + sku + "' }.eta.date");
            assertEquals(quote.getString("lines[" + i + "].eta"), eta, sku);
        }
        return quote;
    }

    @SafeVarargs
    private static JsonPath quote(Map<String, Object>... lines) {
        return data("Quote", Map.of("lines", List.of(lines))).setRootPath("data.quote");
    }

    @SafeVarargs
    private static Map<String, Object> withToken(JsonPath quote, String email, Map<String, Object>... lines) {
        return orderWithToken(email, quote.getString("token"), lines);
    }

    @SafeVarargs
    private static Map<String, Object> orderWithToken(String email, String token, Map<String, Object>... lines) {
        Map<String, Object> order = orderOf(email, List.of(lines), "SHIP_AVAILABLE", null);
        @SuppressWarnings("unchecked")
        Map<String, Object> input = (Map<String, Object>) order.get("input");
        input.put("quoteToken", token);
        return order;
    }

    private static void assertLine(JsonPath quote, int index, String status, int allocated, int backordered) {
        String line = "lines[" + index + "].";
        assertEquals(status, quote.getString(line + "status"), quote::prettify);
        assertEquals(allocated, quote.getInt(line + "allocated"), quote::prettify);
        assertEquals(backordered, quote.getInt(line + "backordered"), quote::prettify);
    }

    private static Map<String, Object> delivery(int quantity, LocalDate date, String source) {
        return Map.of("quantity", quantity, "date", date.toString(), "source", source);
    }

    /** A delivery as an error's fresh quote carries it: every field of the type, here without a range. */
    private static Map<String, Object> unranged(Map<String, Object> delivery) {
        Map<String, Object> all = new HashMap<>(delivery);
        all.put("latest", null);
        return all;
    }

    private static String outcome(JsonObject response) {
        return response.getValue("errors") == null ? "PLACED"
                : response.getJsonArray("errors").getJsonObject(0).getJsonObject("extensions").getString("code");
    }

    private String schedule(String sku, int quantity, int inDays) {
        return data("ScheduleInbound", Map.of("sku", sku, "quantity", quantity,
                "expectedAt", today().plusDays(inDays).toString())).getString("scheduleInbound.id");
    }

    private LocalDate today() {
        return LocalDate.now(clock);
    }
}
