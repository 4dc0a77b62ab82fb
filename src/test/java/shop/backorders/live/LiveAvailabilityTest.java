package shop.backorders.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static shop.backorders.support.Fixtures.createPreorder;
import static shop.backorders.support.Fixtures.createProduct;
import static shop.backorders.support.Fixtures.placeOrder;
import static shop.backorders.support.GraphQLClient.data;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;
import shop.backorders.api.transport.SharedEventAnswers;
import shop.backorders.inventory.PreorderRelease;
import shop.backorders.support.LiveTest;
import shop.backorders.support.MovableClock;
import shop.backorders.support.SubscriptionClient;
import shop.backorders.support.SubscriptionClient.Protocol;

/** A product page's badge and date over the live stream: availability for one unit, worked out once per event. */
@QuarkusTest
class LiveAvailabilityTest extends LiveTest {

    @Inject
    MovableClock clock;

    @Inject
    LiveAvailability availability;

    @Inject
    SharedEventAnswers answers;

    @Inject
    PreorderRelease preorders;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void theBadgeAndDateMoveWithStockSupplyAndTerms() throws Exception {
        String sku = createProduct("ALLOW", null, 1);
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        try (SubscriptionClient client = SubscriptionClient.connect(vertx, Protocol.TRANSPORT_WS, (String) null)) {
            String badge = client.subscribe("StockBadge", Map.of("sku", sku));
            String counts = client.subscribe("StockCounts", Map.of("sku", sku));
            awaitSubscriptions(2);

            placeOrder("last-unit@example.com", sku, 1);
            assertBadge(client.next(badge), "BACKORDER", today.plusDays(7));
            JsonObject counted = client.next(counts).getJsonObject("data").getJsonObject("stockChanged");
            assertEquals(1, counted.getJsonObject("stock").getInteger("allocated"), "counts for all by default");
            assertEquals(1, counted.getJsonObject("availability").getInteger("backordered"));

            data("UpdateProduct", Map.of("sku", sku, "input", Map.of("leadTimeDays", 10)));
            assertBadge(client.next(badge), "BACKORDER", today.plusDays(10));

            String shipment = data("ScheduleInbound", Map.of("sku", sku, "quantity", 5,
                    "expectedAt", today.plusDays(3).toString())).getString("scheduleInbound.id");
            assertBadge(client.next(badge), "BACKORDER", today.plusDays(3));

            data("UpdateInbound", Map.of("id", shipment, "quantity", 5, "expectedAt", today.plusDays(4).toString()));
            assertBadge(client.next(badge), "BACKORDER", today.plusDays(4));

            String earlier = data("ScheduleInbound", Map.of("sku", sku, "quantity", 1,
                    "expectedAt", today.plusDays(2).toString())).getString("scheduleInbound.id");
            assertBadge(client.next(badge), "BACKORDER", today.plusDays(2));
            data("CancelInbound", Map.of("id", earlier));
            assertBadge(client.next(badge), "BACKORDER", today.plusDays(4));

            data("ReceiveInbound", Map.of("id", shipment, "quantity", 5));
            assertBadge(client.next(badge), "IN_STOCK", null);

            // Each event is answered from the stock as it is when the event is read: the policy change is
            // awaited before the stock goes, or its answer may already see the stock gone.
            data("UpdateProduct", Map.of("sku", sku, "input", Map.of("backorderPolicy", "DENY")));
            assertEquals("IN_STOCK", status(client.next(badge)), "the policy change: still in stock");
            data("AdjustStock", Map.of("sku", sku, "change", -5));
            assertBadge(client.next(badge), "UNAVAILABLE", null);
        }
    }

    @Test
    void aPreordersReleaseIsAnEventToo() throws Throwable {
        LocalDate release = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).plusDays(2);
        String sku = createPreorder(release, 3);
        try (SubscriptionClient client = SubscriptionClient.connect(vertx, Protocol.LEGACY_WS, (String) null)) {
            String badge = client.subscribe("StockBadge", Map.of("sku", sku));
            awaitSubscriptions(1);

            data("ReceiveStock", Map.of("sku", sku, "quantity", 1));
            assertBadge(client.next(badge), "PREORDER", release);

            clock.advance(Duration.ofDays(2));
            VertxContextSupport.subscribeAndAwait(preorders::releaseOnSchedule);
            assertBadge(client.next(badge), "IN_STOCK", null);
        }
    }

    @Test
    void manyWatchersOfAProductCostOneComputationPerEvent() throws Exception {
        String sku = createProduct("ALLOW", null, 0);
        List<SubscriptionClient> clients = new ArrayList<>();
        List<String[]> badges = new ArrayList<>();
        try {
            for (int c = 0; c < 4; c++) {
                SubscriptionClient client = SubscriptionClient.connect(vertx,
                        c % 2 == 0 ? Protocol.TRANSPORT_WS : Protocol.LEGACY_WS);
                clients.add(client);
                for (int s = 0; s < 10; s++) {
                    badges.add(new String[] {Integer.toString(c), client.subscribe("StockBadge", Map.of("sku", sku))});
                }
            }
            awaitSubscriptions(badges.size());

            for (int event = 1; event <= 3; event++) {
                long computedBefore = availability.computed();
                long reusedBefore = answers.reused();
                data("ReceiveStock", Map.of("sku", sku, "quantity", 1));
                for (String[] badge : badges) {
                    assertBadge(clients.get(Integer.parseInt(badge[0])).next(badge[1]), "IN_STOCK", null);
                }
                assertEquals(computedBefore + 1, availability.computed(), "one computation for 40 watchers");
                assertTrue(answers.reused() > reusedBefore, "the answer is shared, not worked out per watcher");
            }
        } finally {
            clients.forEach(SubscriptionClient::close);
        }
    }

    private static String status(JsonObject message) {
        return message.getJsonObject("data").getJsonObject("stockChanged").getJsonObject("availability")
                .getString("status");
    }

    private static void assertBadge(JsonObject message, String status, LocalDate eta) {
        JsonObject availability = message.getJsonObject("data").getJsonObject("stockChanged")
                .getJsonObject("availability");
        assertEquals(status, availability.getString("status"), message::encode);
        assertEquals(eta == null ? null : eta.toString(), availability.getString("eta"), message::encode);
    }
}
