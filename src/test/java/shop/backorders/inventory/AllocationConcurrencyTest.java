package shop.backorders.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static shop.backorders.support.Fixtures.createProduct;
import static shop.backorders.support.Fixtures.newSku;
import static shop.backorders.support.Fixtures.order;
import static shop.backorders.support.Fixtures.placeOrder;
import static shop.backorders.support.Fixtures.product;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;

import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import shop.backorders.support.GraphQLClient;
import shop.backorders.support.EngineTest;
import shop.backorders.support.Fixtures;

/**
 * Launch day: hundreds of calls on one product at once, then the invariants. The rule must hold
 * whatever the interleaving: no unit oversold, the cap held, first come first served.
 */
@QuarkusTest
class AllocationConcurrencyTest extends EngineTest {

    private static final Logger LOG = Logger.getLogger(AllocationConcurrencyTest.class);

    @Test
    void twoHundredConcurrentOrdersNeverOversellNorPassTheCap() {
        int onHand = 100;
        int cap = 60;
        String sku = createProduct("ALLOW_LIMITED", cap, onHand);
        Random random = new Random(42);
        List<Integer> quantities = random.ints(200, 1, 4).boxed().toList();

        List<JsonObject> responses = all(quantities.stream()
                .map(quantity -> GraphQLClient.sendAsync("PlaceOrder", order("c@example.com", sku, quantity)))
                .toList());

        int accepted = 0;
        int allocated = 0;
        int backordered = 0;
        for (int i = 0; i < responses.size(); i++) {
            JsonObject response = responses.get(i);
            JsonArray errors = response.getJsonArray("errors");
            if (errors != null) {
                assertEquals("BACKORDER_LIMIT_EXCEEDED",
                        errors.getJsonObject(0).getJsonObject("extensions").getString("code"), response::encode);
                continue;
            }
            JsonObject line = response.getJsonObject("data").getJsonObject("placeOrder")
                    .getJsonArray("lines").getJsonObject(0);
            assertEquals(quantities.get(i), line.getInteger("allocated") + line.getInteger("backordered"),
                    line::encode);
            accepted++;
            allocated += line.getInteger("allocated");
            backordered += line.getInteger("backordered");
        }
        int rejected = responses.size() - accepted;
        LOG.infof("200 concurrent orders on one SKU: %d accepted, %d rejected, %d allocated of %d, %d waiting"
                + " of cap %d, oversold %d", accepted, rejected, allocated, onHand, backordered, cap,
                Math.max(0, allocated - onHand));

        assertEquals(onHand, allocated, "every unit on hand is sold, none twice");
        assertTrue(backordered <= cap, "waiting units within the cap");
        assertTrue(rejected > 0, "demand exceeded stock and cap, so some orders must be refused");
        JsonPath product = product(sku);
        assertEquals(Map.of("onHand", onHand, "allocated", onHand, "available", 0), product.getMap("stock"));
        assertEquals(backordered, product.getInt("waitingBackorders"));
    }

    @Test
    void restocksRacingWithOrdersAndCancelsFillStrictlyFirstComeFirstServed() {
        String sku = createProduct("ALLOW", null, 0);
        List<String> early = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            early.add(placeOrder("early" + i + "@example.com", sku, 2).getString("id"));
        }
        Collections.shuffle(early, new Random(7));

        List<CompletableFuture<JsonObject>> calls = new ArrayList<>();
        for (int i = 0; i < 150; i++) {
            calls.add(GraphQLClient.sendAsync("PlaceOrder", order("late" + i + "@example.com", sku, 1 + i % 3)));
            if (i % 5 == 0) {
                calls.add(GraphQLClient.sendAsync("ReceiveStock", Map.of("sku", sku, "quantity", 3)));
            }
            if (i % 6 == 0) {
                calls.add(GraphQLClient.sendAsync("CancelOrder", Map.of("id", early.get(i / 6))));
            }
        }
        List<JsonObject> responses = all(calls);

        responses.forEach(response -> assertEquals(null, response.getValue("errors"), response::encode));
        JsonPath product = product(sku);
        int received = 30 * 3;
        assertEquals(received, product.getInt("stock.onHand"));
        assertEquals(received, product.getInt("stock.allocated"), "all received units went to the queue");
    }

    @Test
    void endingAPreorderWhileOrdersPourInLeavesNobodyWaitingForUnitsOnHand() {
        String sku = newSku("PREORDER");
        Map<String, Object> input = Fixtures.product(sku, "PREORDER", null, 40);
        input.put("releaseDate", LocalDate.now(ZoneOffset.UTC).plusDays(30).toString());
        GraphQLClient.data("CreateProduct", Map.of("input", input));

        List<CompletableFuture<JsonObject>> calls = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            calls.add(GraphQLClient.sendAsync("PlaceOrder", order("fan" + i + "@example.com", sku, 1)));
            if (i == 30) {
                calls.add(GraphQLClient.sendAsync("UpdateProduct",
                        Map.of("sku", sku, "input", Map.of("backorderPolicy", "ALLOW"))));
            }
        }
        List<JsonObject> responses = all(calls);

        responses.forEach(response -> assertEquals(null, response.getValue("errors"), response::encode));
        JsonPath product = product(sku);
        assertEquals(Map.of("onHand", 40, "allocated", 40, "available", 0), product.getMap("stock"));
        assertEquals(20, product.getInt("waitingBackorders"));
    }

    private static List<JsonObject> all(List<CompletableFuture<JsonObject>> calls) {
        return calls.stream().map(CompletableFuture::join).toList();
    }
}
