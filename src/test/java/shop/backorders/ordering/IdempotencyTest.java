package shop.backorders.ordering;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static shop.backorders.support.Fixtures.createProduct;
import static shop.backorders.support.Fixtures.line;
import static shop.backorders.support.Fixtures.orderOf;
import static shop.backorders.support.Fixtures.product;
import static shop.backorders.support.GraphQLClient.data;
import static shop.backorders.support.GraphQLClient.error;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import shop.backorders.support.GraphQLClient;
import shop.backorders.support.EngineTest;

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

        List<CompletableFuture<JsonObject>> racing = IntStream.range(0, 20)
                .mapToObj(i -> GraphQLClient.sendAsync("PlaceOrder",
                        orderOf("ada@example.com", List.of(line(sku, 1 + i % 2)), null, key)))
                .toList();
        List<JsonObject> responses = racing.stream().map(CompletableFuture::join).toList();

        Set<String> ids = responses.stream().filter(response -> response.getValue("errors") == null)
                .map(response -> response.getJsonObject("data").getJsonObject("placeOrder").getString("id"))
                .collect(Collectors.toSet());
        Set<String> codes = responses.stream().filter(response -> response.getValue("errors") != null)
                .map(response -> response.getJsonArray("errors").getJsonObject(0).getJsonObject("extensions")
                        .getString("code"))
                .collect(Collectors.toSet());
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

        // Every request is sent before any answer is awaited, so they really race.
        List<CompletableFuture<JsonObject>> racing = IntStream.range(0, 25)
                .mapToObj(i -> GraphQLClient.sendAsync("PlaceOrder", order))
                .toList();
        List<JsonObject> responses = racing.stream().map(CompletableFuture::join).toList();

        responses.forEach(response -> assertNull(response.getValue("errors"), response::encodePrettily));
        Set<String> ids = responses.stream()
                .map(response -> response.getJsonObject("data").getJsonObject("placeOrder").getString("id"))
                .collect(Collectors.toSet());
        assertEquals(1, ids.size());
        assertEquals(97, product(sku).getInt("stock.available"));
    }

    @Test
    void racingRetriesOfARefusedOrderAreAllRefused() {
        String sku = createProduct("DENY", null, 1);
        String key = UUID.randomUUID().toString();
        Map<String, Object> order = orderOf("ada@example.com", List.of(line(sku, 2)), null, key);

        // Retries that arrive while the first is placed go together, after the order they repeat.
        List<CompletableFuture<JsonObject>> racing = IntStream.range(0, 25)
                .mapToObj(i -> GraphQLClient.sendAsync("PlaceOrder", order))
                .toList();
        Set<String> codes = racing.stream().map(CompletableFuture::join)
                .map(response -> response.getJsonArray("errors").getJsonObject(0).getJsonObject("extensions")
                        .getString("code"))
                .collect(Collectors.toSet());

        assertEquals(Set.of("OUT_OF_STOCK"), codes);
        assertEquals(1, product(sku).getInt("stock.available"));
    }
}
