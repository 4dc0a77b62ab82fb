package shop.backorders.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static shop.backorders.support.Fixtures.createProduct;
import static shop.backorders.support.Fixtures.placeOrder;
import static shop.backorders.support.GraphQLClient.data;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import shop.backorders.support.LiveTest;
import shop.backorders.support.SubscriptionClient;
import shop.backorders.support.SubscriptionClient.Protocol;
import shop.backorders.support.Tokens;

/**
 * No caller takes every live subscription of the instance (shop.live.max-subscriptions, 300 in tests): one
 * connection holds 10, one customer 30, anonymous callers of one address 20, anonymous callers together half,
 * whatever they ask for; each refusal is coded and ends only that subscription. Clients come from several
 * loopback addresses (127.0.0.0/8), as callers from elsewhere would.
 */
@QuarkusTest
class SubscriptionQuotasTest extends LiveTest {

    private final List<SubscriptionClient> clients = new ArrayList<>();

    @AfterEach
    void closeClients() throws InterruptedException {
        clients.forEach(SubscriptionClient::close);
        clients.clear();
        awaitSubscriptions(0);
    }

    @Test
    void oneConnectionHoldsTenWhileItsTenKeepDeliveringAndAStoppedOneFreesItsPlace() throws Exception {
        for (Protocol protocol : Protocol.values()) {
            String sku = createProduct("ALLOW", null, 0);
            // An anonymous storefront page, and a signed-in customer's: both limited per connection.
            String token = protocol == Protocol.TRANSPORT_WS ? null : Tokens.customer("many-" + sku + "@example.com");
            SubscriptionClient client = connect(protocol, "127.0.0.11", token);
            // Subscriptions that end at once hold no place afterwards.
            for (int failed = 0; failed < 3; failed++) {
                assertEquals("UNKNOWN_PRODUCT", code(client.next(client.subscribe("StockChanged",
                        Map.of("sku", "NO-SUCH-SKU")))));
            }

            List<String> asked = subscribeStock(client, sku, 50);
            awaitSubscriptions(10);
            data("ReceiveStock", Map.of("sku", sku, "quantity", 1));

            List<String> accepted = new ArrayList<>();
            for (String id : asked) {
                JsonObject first = client.next(id);
                if (first.getValue("errors") == null) {
                    assertEquals(1, onHand(first), first::encode);
                    accepted.add(id);
                } else {
                    assertEquals("TOO_MANY_SUBSCRIPTIONS", code(first), first::encode);
                }
            }
            assertEquals(10, accepted.size(), protocol + ": 10 of 50 on one connection");

            client.stop(accepted.get(0));
            awaitSubscriptions(9);
            String again = client.subscribe("StockChanged", Map.of("sku", sku));
            awaitSubscriptions(10);
            data("ReceiveStock", Map.of("sku", sku, "quantity", 1));
            assertEquals(2, onHand(client.next(again)), "the stopped subscription's place went to a new one");
            for (String id : accepted.subList(1, accepted.size())) {
                assertEquals(2, onHand(client.next(id)));
            }
            assertNull(client.poll(accepted.get(0), Duration.ofMillis(300)), "the stopped one hears nothing");
            closeClients();
        }
    }

    @Test
    void anonymousCallersOfOneAddressHoldTwentyAcrossTheirConnections() throws Exception {
        String sku = createProduct("ALLOW", null, 0);
        SubscriptionClient first = connect(Protocol.TRANSPORT_WS, "127.0.0.21", null);
        subscribeStock(first, sku, 10);
        awaitSubscriptions(10);
        subscribeStock(connect(Protocol.LEGACY_WS, "127.0.0.21", null), sku, 10);
        awaitSubscriptions(20);

        SubscriptionClient third = connect(Protocol.TRANSPORT_WS, "127.0.0.21", null);
        for (String id : subscribeStock(third, sku, 10)) {
            assertEquals("TOO_MANY_SUBSCRIPTIONS", code(third.next(id)));
        }
        // Other addresses, and signed-in callers from the same one, have their own.
        subscribeStock(connect(Protocol.TRANSPORT_WS, "127.0.0.22", null), sku, 10);
        subscribeStock(connect(Protocol.LEGACY_WS, "127.0.0.21", Tokens.customer("near-" + sku + "@example.com")),
                sku, 10);
        awaitSubscriptions(40);

        // A closed connection gives back all of its places.
        first.close();
        awaitSubscriptions(30);
        SubscriptionClient later = connect(Protocol.TRANSPORT_WS, "127.0.0.21", null);
        List<String> laterOnes = subscribeStock(later, sku, 10);
        awaitSubscriptions(40);
        data("ReceiveStock", Map.of("sku", sku, "quantity", 1));
        for (String id : laterOnes) {
            assertEquals(1, onHand(later.next(id)));
        }
    }

    @Test
    void oneCustomerHoldsThirtyAcrossTheirConnections() throws Exception {
        String sku = createProduct("ALLOW", null, 0);
        String token = Tokens.customer("tabs-" + sku + "@example.com");
        for (int tab = 0; tab < 3; tab++) {
            subscribeStock(connect(Protocol.TRANSPORT_WS, "127.0.0.3" + tab, token), sku, 10);
        }
        awaitSubscriptions(30);
        SubscriptionClient fourth = connect(Protocol.LEGACY_WS, "127.0.0.33", token);
        for (String id : subscribeStock(fourth, sku, 10)) {
            assertEquals("TOO_MANY_SUBSCRIPTIONS", code(fourth.next(id)));
        }
        // Another customer on the same address has their own.
        subscribeStock(connect(Protocol.TRANSPORT_WS, "127.0.0.33", Tokens.customer("other-" + sku + "@example.com")),
                sku, 10);
        awaitSubscriptions(40);
    }

    @Test
    void aSignedInCustomerStillSubscribesWhenAnonymousCallersAskForEveryPlace() throws Exception {
        String sku = createProduct("ALLOW", null, 0);
        List<SubscriptionClient> anonymous = new ArrayList<>();
        List<List<String>> asked = new ArrayList<>();
        // 16 addresses, 2 connections each, 10 subscriptions each: 320 asked, more than the instance has.
        for (int address = 0; address < 16; address++) {
            for (int connection = 0; connection < 2; connection++) {
                SubscriptionClient client = connect(connection == 0 ? Protocol.TRANSPORT_WS : Protocol.LEGACY_WS,
                        "127.0.1." + (address + 1), null);
                anonymous.add(client);
                asked.add(subscribeStock(client, sku, 10));
            }
        }
        awaitSubscriptions(150);

        String customer = "signed-in-" + sku + "@example.com";
        SubscriptionClient signedIn = connect(Protocol.TRANSPORT_WS, "127.0.1.1", Tokens.customer(customer));
        String watch = signedIn.subscribe("BackorderChanged", Map.of());
        awaitSubscriptions(151);
        placeOrder(customer, sku, 1);
        JsonObject created = signedIn.next(watch).getJsonObject("data").getJsonObject("backorderChanged");
        assertEquals("CREATED", created.getString("type"), created::encode);

        data("ReceiveStock", Map.of("sku", sku, "quantity", 2));
        int delivered = 0;
        for (int c = 0; c < anonymous.size(); c++) {
            for (String id : asked.get(c)) {
                JsonObject first = anonymous.get(c).next(id);
                if (first.getValue("errors") == null) {
                    delivered++;
                } else {
                    assertEquals("UNAVAILABLE", code(first), first::encode);
                    assertTrue(message(first).contains("sign in"), first::encode);
                }
            }
        }
        assertEquals(150, delivered, "anonymous callers hold half of the 300 places");
    }

    private SubscriptionClient connect(Protocol protocol, String from, String token) throws Exception {
        SubscriptionClient client = SubscriptionClient.connectFrom(vertx, protocol, from, token);
        clients.add(client);
        return client;
    }

    private static List<String> subscribeStock(SubscriptionClient client, String sku, int count) {
        List<String> ids = new ArrayList<>();
        for (int s = 0; s < count; s++) {
            ids.add(client.subscribe("StockChanged", Map.of("sku", sku)));
        }
        return ids;
    }

    private static int onHand(JsonObject message) {
        return message.getJsonObject("data").getJsonObject("stockChanged").getJsonObject("stock")
                .getInteger("onHand");
    }

    private static JsonObject error(JsonObject message) {
        Object errors = message.getValue("errors");
        return errors instanceof JsonArray array ? array.getJsonObject(0) : (JsonObject) errors;
    }

    private static String code(JsonObject message) {
        return error(message).getJsonObject("extensions").getString("code");
    }

    private static String message(JsonObject message) {
        return error(message).getString("message");
    }
}
