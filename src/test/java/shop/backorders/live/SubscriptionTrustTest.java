package shop.backorders.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static shop.backorders.support.Fixtures.createProduct;
import static shop.backorders.support.Fixtures.order;
import static shop.backorders.support.Fixtures.placeOrder;
import static shop.backorders.support.GraphQLClient.data;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import shop.backorders.support.GraphQLClient;
import shop.backorders.support.LiveTest;
import shop.backorders.support.SubscriptionClient;
import shop.backorders.support.SubscriptionClient.Protocol;
import shop.backorders.support.Tokens;

/**
 * Customers watch only their own orders and backorders, whatever filters they pass; a subscription ends
 * when its token does.
 */
@QuarkusTest
class SubscriptionTrustTest extends LiveTest {

    @Test
    void aCustomerHearsNothingOfAnotherCustomersBackordersWhateverTheyAskFor() throws Exception {
        String sku = createProduct("ALLOW", null, 0);
        String ann = "ann-" + sku + "@example.com";
        String bob = "bob-" + sku + "@example.com";
        String annsOrder = placeOrder(ann, sku, 1).getString("id");

        try (SubscriptionClient asBob = SubscriptionClient.connect(vertx, Protocol.TRANSPORT_WS, Tokens.customer(bob));
                SubscriptionClient asAnn = SubscriptionClient.connect(vertx, Protocol.LEGACY_WS,
                        Tokens.customer(ann))) {
            List<String> bobsWatches = List.of(
                    asBob.subscribe("BackorderChanged", Map.of()),
                    asBob.subscribe("BackorderChanged", Map.of("sku", sku)),
                    asBob.subscribe("BackorderChanged", Map.of("customerEmail", ann)),
                    asBob.subscribe("BackorderChanged", Map.of("customerEmail", ann.toUpperCase(), "sku", sku)));
            assertCode("NOT_FOUND", asBob.next(asBob.subscribe("BackorderChanged", Map.of("orderId", annsOrder))));
            assertCode("NOT_FOUND", asBob.next(asBob.subscribe("OrderChanged", Map.of("id", annsOrder))));
            String annsBackorders = asAnn.subscribe("BackorderChanged", Map.of("sku", sku));
            String annsOrderWatch = asAnn.subscribe("OrderChanged", Map.of("id", annsOrder));
            awaitSubscriptions(6);

            // Ann's backorder is filled and she orders again: she hears both, Bob nothing.
            data("ReceiveStock", Map.of("sku", sku, "quantity", 1));
            String annsSecond = GraphQLClient.as(Tokens.customer(ann)).data("PlaceOrder", order(null, sku, 1))
                    .getString("placeOrder.id");
            assertEquals("ALLOCATED", event(asAnn.next(annsBackorders)).getString("type"));
            assertEquals(annsOrder, asAnn.next(annsOrderWatch).getJsonObject("data").getJsonObject("orderChanged")
                    .getString("id"));
            JsonObject created = event(asAnn.next(annsBackorders));
            assertEquals("CREATED", created.getString("type"));
            assertEquals(annsSecond, created.getJsonObject("backorder").getString("orderId"));

            // Bob's own order comes after Ann's changes in commit order: the first thing each of his
            // watches hears is his own, so none of Ann's came through.
            String bobsOrder = GraphQLClient.as(Tokens.customer(bob)).data("PlaceOrder", order(null, sku, 1))
                    .getString("placeOrder.id");
            for (String watch : bobsWatches) {
                JsonObject heard = event(asBob.next(watch));
                assertEquals("CREATED", heard.getString("type"));
                assertEquals(bobsOrder, heard.getJsonObject("backorder").getString("orderId"));
            }
        }
        awaitSubscriptions(0);
    }

    @Test
    void anonymousCallersMayWatchStockButNotOrders() throws Exception {
        String sku = createProduct("ALLOW", null, 0);
        String someOrder = placeOrder("c-" + sku + "@example.com", sku, 1).getString("id");
        try (SubscriptionClient anonymous = SubscriptionClient.connect(vertx, Protocol.TRANSPORT_WS, (String) null)) {
            assertCode("UNAUTHENTICATED", anonymous.next(anonymous.subscribe("BackorderChanged", Map.of())));
            assertCode("UNAUTHENTICATED", anonymous.next(anonymous.subscribe("OrderChanged", Map.of("id", someOrder))));
            String stock = anonymous.subscribe("StockChanged", Map.of("sku", sku));
            awaitSubscriptions(1);
            data("ReceiveStock", Map.of("sku", sku, "quantity", 1));
            assertEquals(sku, anonymous.next(stock).getJsonObject("data").getJsonObject("stockChanged")
                    .getString("sku"));
        }
        awaitSubscriptions(0);
    }

    @Test
    void aSubscriptionEndsWhenItsTokenExpires() throws Exception {
        String customer = "short-" + createProduct("ALLOW", null, 0) + "@example.com";
        // Over both protocols at once: each waits out its token's seconds.
        Map<SubscriptionClient, String> watches = new LinkedHashMap<>();
        try {
            for (Protocol protocol : Protocol.values()) {
                SubscriptionClient client = SubscriptionClient.connect(vertx, protocol,
                        Tokens.customerFor(customer, Duration.ofSeconds(2)));
                watches.put(client, client.subscribe("BackorderChanged", Map.of()));
            }
            awaitSubscriptions(watches.size());
            for (Map.Entry<SubscriptionClient, String> watch : watches.entrySet()) {
                assertCode("UNAUTHENTICATED", watch.getKey().next(watch.getValue()));
            }
            awaitSubscriptions(0);
        } finally {
            watches.keySet().forEach(SubscriptionClient::close);
        }
    }

    private static JsonObject event(JsonObject message) {
        return message.getJsonObject("data").getJsonObject("backorderChanged");
    }

    /** The error a stream ended with: its code, and a message that says why (not SmallRye's "System error"). */
    private static void assertCode(String code, JsonObject message) {
        JsonObject error = message.getJsonArray("errors").getJsonObject(0);
        assertEquals(code, error.getJsonObject("extensions").getString("code"), message::encode);
        assertTrue(error.getString("message").contains(code.equals("NOT_FOUND") ? "does not exist" : "Sign in")
                || error.getString("message").contains("expired"), message::encode);
    }
}
