package shop.backorders.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static shop.backorders.support.Fixtures.createProduct;
import static shop.backorders.support.GraphQLClient.data;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.vertx.core.json.JsonObject;
import shop.backorders.support.LiveTest;
import shop.backorders.support.Queues;
import shop.backorders.support.RawSubscriber;
import shop.backorders.support.SubscriptionClient;
import shop.backorders.support.SubscriptionClient.Protocol;

/**
 * A subscriber that stops reading must not make the server buffer without bound nor slow anyone else:
 * its connection is closed once it has stayed unwritable past the limit (2 s in tests), releasing its
 * watch, while a client reading on another connection keeps getting its events.
 */
@QuarkusTest
class StalledClientTest extends LiveTest {

    @Test
    void aClientThatStopsReadingIsDisconnectedAndOthersKeepTheirEvents() throws Exception {
        String sku = createProduct("ALLOW", null, 0);
        Queues.queueBackorders(dataSource, sku, 10_000, 1);
        try (RawSubscriber stalled = RawSubscriber.connect(RestAssured.port, 1024);
                SubscriptionClient healthy = SubscriptionClient.connect(vertx, Protocol.TRANSPORT_WS)) {
            // A subscriber with a tiny receive buffer that never reads again.
            stalled.subscribe("1", "BackorderChanged", Map.of("sku", sku));
            // The customer at the head of the same queue, on a connection that reads.
            String watch = healthy.subscribe("BackorderChanged", Map.of("customerEmail", "queue1@example.com"));
            awaitSubscriptions(2);

            // 10,000 events of a few hundred bytes each: far more than the stalled socket can take.
            data("ReceiveStock", Map.of("sku", sku, "quantity", 10_000));

            awaitSubscriptions(1);
            JsonObject first = healthy.next(watch).getJsonObject("data").getJsonObject("backorderChanged");
            assertEquals("ALLOCATED", first.getString("type"));
        }
        awaitSubscriptions(0);
    }
}
