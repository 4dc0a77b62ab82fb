package shop.backorders.ordering;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static shop.backorders.support.Fixtures.createProduct;
import static shop.backorders.support.Fixtures.line;
import static shop.backorders.support.Fixtures.orderOf;
import static shop.backorders.support.Fixtures.product;
import static shop.backorders.support.GraphQLClient.data;
import static shop.backorders.support.GraphQLClient.error;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import shop.backorders.support.GraphQLClient;
import shop.backorders.support.EngineTest;
import shop.backorders.support.Tokens;

@QuarkusTest
class IdempotencyTest extends EngineTest {

    @Test
    void aRetryReturnsTheFirstOrderAndChangesNothing() {
        String sku = createProduct("ALLOW", null, 5);
        String key = UUID.randomUUID().toString();
        Map<String, Object> order = orderOf("ada@example.com", List.of(line(sku, 2)), null, key);

        String first = data("PlaceOrder", order).getString("placeOrder.id");
        String retry = data("PlaceOrder", order).getString("placeOrder.id");
        // The same order in other words (case of the email, the default shipping spelt out) is a retry too.
        String reworded = data("PlaceOrder", orderOf("ADA@example.com", List.of(line(sku, 2)), "SHIP_AVAILABLE", key))
                .getString("placeOrder.id");

        assertEquals(first, retry);
        assertEquals(first, reworded);
        assertEquals(3, product(sku).getInt("stock.available"));
    }

    @Test
    void aDifferentOrderRacingUnderTheSameKeyIsRefused() {
        String sku = createProduct("ALLOW", null, 100);
        String key = UUID.randomUUID().toString();

        List<JsonObject> responses = race(20, i -> orderOf("ada@example.com", List.of(line(sku, 1 + i % 2)), null,
                key));

        Set<String> ids = responses.stream().filter(response -> response.getValue("errors") == null)
                .map(IdempotencyTest::orderId).collect(Collectors.toSet());
        Set<String> codes = responses.stream().filter(response -> response.getValue("errors") != null)
                .map(IdempotencyTest::code).collect(Collectors.toSet());
        assertEquals(1, ids.size(), "one order under the key");
        assertEquals(Set.of("IDEMPOTENCY_KEY_REUSED"), codes);
    }

    @Test
    void theSameKeyForAnotherOrderIsRefused() {
        String sku = createProduct("ALLOW", null, 5);
        String key = UUID.randomUUID().toString();
        data("PlaceOrder", orderOf("ada@example.com", List.of(line(sku, 2)), null, key));

        error("IDEMPOTENCY_KEY_REUSED", "PlaceOrder", orderOf("ada@example.com", List.of(line(sku, 3)), null, key));

        assertEquals(3, product(sku).getInt("stock.available"));
    }

    @Test
    void racingRetriesPlaceOneOrder() {
        String sku = createProduct("ALLOW", null, 100);
        String key = UUID.randomUUID().toString();
        Map<String, Object> order = orderOf("ada@example.com", List.of(line(sku, 3)), null, key);

        List<JsonObject> responses = race(25, i -> order);

        responses.forEach(response -> assertNull(response.getValue("errors"), response::encodePrettily));
        Set<String> ids = responses.stream().map(IdempotencyTest::orderId).collect(Collectors.toSet());
        assertEquals(1, ids.size());
        assertEquals(97, product(sku).getInt("stock.available"));
    }

    @Test
    void racingRetriesOfARefusedOrderAreAllRefused() {
        String sku = createProduct("DENY", null, 1);
        String key = UUID.randomUUID().toString();
        Map<String, Object> order = orderOf("ada@example.com", List.of(line(sku, 2)), null, key);

        // Retries that arrive while the first is placed go together, after the order they repeat.
        Set<String> codes = race(25, i -> order).stream().map(IdempotencyTest::code).collect(Collectors.toSet());

        assertEquals(Set.of("OUT_OF_STOCK"), codes);
        assertEquals(1, product(sku).getInt("stock.available"));
    }

    @Test
    void aKeyFreedByARefusedOrderIsTakenByTheOrderBehindIt() throws Exception {
        String sku = createProduct("DENY", null, 3);
        String key = UUID.randomUUID().toString();
        CompletableFuture<JsonObject> first;
        CompletableFuture<JsonObject> tooLarge;
        List<CompletableFuture<JsonObject>> fitting;
        // Holding the product's stock lock keeps a first order's placement running, so the next ones wait for
        // it and then go together in one batch: the order too large for the stock first, under the key, then
        // a different order under the same key.
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement lock = connection.prepareStatement(
                    "SELECT 1 FROM stock s JOIN product p ON p.id = s.product_id WHERE p.sku = ? FOR UPDATE OF s")) {
                lock.setString(1, sku);
                lock.executeQuery().close();
            }
            first = GraphQLClient.sendAsync("PlaceOrder", orderOf("bob@example.com", List.of(line(sku, 1)), null,
                    null));
            Thread.sleep(300);
            tooLarge = GraphQLClient.sendAsync("PlaceOrder", orderOf("ada@example.com", List.of(line(sku, 5)), null,
                    key));
            Thread.sleep(300);
            fitting = IntStream.range(0, 5).mapToObj(i -> GraphQLClient.sendAsync("PlaceOrder",
                    orderOf("ada@example.com", List.of(line(sku, 1)), null, key))).toList();
            Thread.sleep(300);
            connection.commit();
        }

        assertNull(first.join().getValue("errors"));
        assertEquals("OUT_OF_STOCK", code(tooLarge.join()));
        Set<String> ids = fitting.stream().map(CompletableFuture::join)
                .peek(response -> assertNull(response.getValue("errors"), response::encodePrettily))
                .map(IdempotencyTest::orderId).collect(Collectors.toSet());
        assertEquals(1, ids.size(), "the key freed by the refused order holds the next one");
        assertEquals(1, product(sku).getInt("stock.available"));
    }

    @Test
    void aKeyIsTheCustomersOwn() {
        String sku = createProduct("ALLOW", null, 10);
        // Predictable, like a cart id: another customer may well use it too.
        String key = "cart-" + UUID.randomUUID().toString().substring(0, 8);
        String adaEmail = "ada-" + key + "@example.com";
        GraphQLClient.Calls ada = GraphQLClient.as(Tokens.customer(adaEmail));
        GraphQLClient.Calls bob = GraphQLClient.as(Tokens.customer("bob-" + key + "@example.com"));
        Map<String, Object> adasOrder = orderOf(null, List.of(line(sku, 2)), null, key);
        Map<String, Object> bobsOrder = orderOf(null, List.of(line(sku, 1)), null, key);

        // Bob takes the key first: Ada's checkout under it is placed all the same, and learns nothing of his.
        String bobs = bob.data("PlaceOrder", bobsOrder).getString("placeOrder.id");
        String adas = ada.data("PlaceOrder", adasOrder).getString("placeOrder.id");

        assertNotEquals(bobs, adas);
        assertEquals(adas, ada.data("PlaceOrder", adasOrder).getString("placeOrder.id"));
        assertEquals(bobs, bob.data("PlaceOrder", bobsOrder).getString("placeOrder.id"));
        // Staff placing for Ada use her keys.
        assertEquals(adas, data("PlaceOrder", orderOf(adaEmail, List.of(line(sku, 2)), null, key))
                .getString("placeOrder.id"));
        assertEquals(7, product(sku).getInt("stock.available"));
    }

    @Test
    void racingRetriesOfTwoCustomersUnderOneKeyPlaceOneOrderEach() {
        String sku = createProduct("ALLOW", null, 100);
        String key = UUID.randomUUID().toString();
        List<GraphQLClient.Calls> customers = List.of(GraphQLClient.as(Tokens.customer("ada-" + key + "@example.com")),
                GraphQLClient.as(Tokens.customer("bob-" + key + "@example.com")));

        // Orders without a key go in the same batches.
        List<CompletableFuture<JsonObject>> unkeyed = IntStream.range(0, 4).mapToObj(i -> GraphQLClient.sendAsync(
                "PlaceOrder", orderOf("cy-" + key + "@example.com", List.of(line(sku, 1)), null, null))).toList();
        List<JsonObject> responses = IntStream.range(0, 24)
                .mapToObj(i -> customers.get(i % 2).sendAsync("PlaceOrder",
                        orderOf(null, List.of(line(sku, 2 + i % 2)), null, key)))
                .toList().stream().map(CompletableFuture::join).toList();

        unkeyed.stream().map(CompletableFuture::join)
                .forEach(response -> assertNull(response.getValue("errors"), response::encodePrettily));
        responses.forEach(response -> assertNull(response.getValue("errors"), response::encodePrettily));
        Map<Integer, Set<String>> idsByCustomer = IntStream.range(0, responses.size()).boxed().collect(
                Collectors.groupingBy(i -> i % 2, Collectors.mapping(i -> orderId(responses.get(i)),
                        Collectors.toSet())));
        assertEquals(1, idsByCustomer.get(0).size(), "one order of Ada's");
        assertEquals(1, idsByCustomer.get(1).size(), "one order of Bob's");
        assertNotEquals(idsByCustomer.get(0), idsByCustomer.get(1));
        assertEquals(91, product(sku).getInt("stock.available"));
    }

    /** Sends every order before awaiting any answer, so they really race; the answers in sending order. */
    private static List<JsonObject> race(int count, IntFunction<Map<String, Object>> order) {
        List<CompletableFuture<JsonObject>> racing = IntStream.range(0, count)
                .mapToObj(i -> GraphQLClient.sendAsync("PlaceOrder", order.apply(i)))
                .toList();
        return racing.stream().map(CompletableFuture::join).toList();
    }

    private static String orderId(JsonObject response) {
        return response.getJsonObject("data").getJsonObject("placeOrder").getString("id");
    }

    private static String code(JsonObject response) {
        return response.getJsonArray("errors").getJsonObject(0).getJsonObject("extensions").getString("code");
    }
}
