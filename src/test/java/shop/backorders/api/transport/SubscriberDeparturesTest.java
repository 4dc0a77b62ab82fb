package shop.backorders.api.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static shop.backorders.support.Fixtures.createProduct;
import static shop.backorders.support.GraphQLClient.data;

import java.util.List;
import java.util.Map;
import java.util.logging.Level;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import shop.backorders.support.LiveTest;
import shop.backorders.support.LogCapture;
import shop.backorders.support.Queues;
import shop.backorders.support.RawSubscriber;
import shop.backorders.support.SubscriptionClient;
import shop.backorders.support.SubscriptionClient.Protocol;

/**
 * Subscribers leave all the time, and every way they do is ordinary: a page closed (a close frame, on either
 * sub-protocol), a process that exits (the connection ended without one), a lost network or a killed client (the
 * connection reset), even while events are on their way to it. None of it is a warning: at 10,000 subscribers,
 * one or two lines each buried everything else in the log.
 */
@QuarkusTest
class SubscriberDeparturesTest extends LiveTest {

    @Test
    void subscribersLeavingInEveryOrdinaryWayLogNoWarning() throws Exception {
        String sku = createProduct("ALLOW", null, 0);
        Queues.queueBackorders(dataSource, sku, 2_000, 1);
        try (LogCapture warnings = LogCapture.from(Level.WARNING)) {
            for (Protocol protocol : Protocol.values()) {
                SubscriptionClient closing = SubscriptionClient.connect(vertx, protocol);
                closing.subscribe("BackorderChanged", Map.of("sku", sku));
                awaitSubscriptions(1);
                closing.close();
                awaitSubscriptions(0);
            }

            RawSubscriber leaving = subscribed(sku);
            leaving.leave();
            awaitSubscriptions(0);

            RawSubscriber reset = subscribed(sku);
            reset.reset();
            awaitSubscriptions(0);

            // Gone while a restock's 2,000 events are being written to it (its receive buffer holds few).
            RawSubscriber busy = subscribed(sku);
            data("ReceiveStock", Map.of("sku", sku, "quantity", 2_000));
            busy.reset();
            awaitSubscriptions(0);
            // what the server logs once the writes fail comes a moment later
            Thread.sleep(500);

            assertEquals(List.of(), warnings.lines());
        }
    }

    private RawSubscriber subscribed(String sku) throws Exception {
        RawSubscriber subscriber = RawSubscriber.connect(RestAssured.port, 1024);
        subscriber.subscribe("1", "BackorderChanged", Map.of("sku", sku));
        awaitSubscriptions(1);
        return subscriber;
    }
}
