package shop.backorders.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static shop.backorders.support.Fixtures.createPreorder;
import static shop.backorders.support.Fixtures.createProduct;
import static shop.backorders.support.Fixtures.order;
import static shop.backorders.support.Fixtures.placeOrder;
import static shop.backorders.support.GraphQLClient.data;
import static shop.backorders.support.GraphQLClient.error;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;
import shop.backorders.support.LiveTest;
import shop.backorders.support.MovableClock;
import shop.backorders.support.SubscriptionClient;
import shop.backorders.support.SubscriptionClient.Protocol;

/** Subscriptions over real WebSockets, in both sub-protocols, against committed changes. */
@QuarkusTest
class LiveUpdatesTest extends LiveTest {

    @Inject
    MovableClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void aRestockTellsTheFilledAndMovesUpEveryoneBehind() throws Exception {
        String sku = createProduct("ALLOW", null, 0);
        try (SubscriptionClient client = SubscriptionClient.connect(vertx, Protocol.TRANSPORT_WS)) {
            String watch = client.subscribe("BackorderChanged", Map.of("sku", sku));
            awaitSubscriptions(1);
            for (String customer : List.of("a", "b", "c", "d")) {
                placeOrder(customer + "@example.com", sku, 2);
                assertEquals("CREATED", type(client.next(watch)));
            }

            data("ReceiveStock", Map.of("sku", sku, "quantity", 3));

            assertEvent(client.next(watch), "ALLOCATED", "ALLOCATED", null);
            assertEvent(client.next(watch), "PARTIALLY_ALLOCATED", "WAITING", 1);
            assertEvent(client.next(watch), "QUEUE_POSITION_CHANGED", "WAITING", 2);
            assertEvent(client.next(watch), "QUEUE_POSITION_CHANGED", "WAITING", 3);
        }
    }

    @Test
    void backordersWaitingBeforeTheSubscriptionMoveUpWhenTheHeadIsCancelled() throws Exception {
        String sku = createProduct("ALLOW", null, 0);
        String head = placeOrder("a@example.com", sku, 1).getString("backorders[0].id");
        placeOrder("b@example.com", sku, 1);
        String carol = "carol-" + sku + "@example.com";
        placeOrder(carol, sku, 1);
        try (SubscriptionClient client = SubscriptionClient.connect(vertx, Protocol.TRANSPORT_WS)) {
            String watch = client.subscribe("BackorderChanged", Map.of("customerEmail", carol.toUpperCase()));
            awaitSubscriptions(1);

            data("CancelBackorder", Map.of("id", head));

            assertEvent(client.next(watch), "QUEUE_POSITION_CHANGED", "WAITING", 2);
            assertNull(client.poll(watch, Duration.ofMillis(500)), "only carol's backorder is watched");
        }
    }

    @Test
    void estimatesThatMoveAreEventsToo() throws Exception {
        String sku = createProduct("ALLOW", null, 0);
        String backorder = placeOrder("eta@example.com", sku, 1).getString("backorders[0].id");
        LocalDate today = LocalDate.now();
        try (SubscriptionClient client = SubscriptionClient.connect(vertx, Protocol.TRANSPORT_WS)) {
            String watch = client.subscribe("BackorderChanged", Map.of("sku", sku));
            awaitSubscriptions(1);

            String shipment = data("ScheduleInbound", Map.of("sku", sku, "quantity", 1,
                    "expectedAt", today.plusDays(2).toString())).getString("scheduleInbound.id");
            JsonObject earlier = client.next(watch).getJsonObject("data").getJsonObject("backorderChanged");
            assertEquals("ETA_CHANGED", earlier.getString("type"));
            assertEquals(today.plusDays(2).toString(), earlier.getJsonObject("backorder").getJsonObject("eta")
                    .getString("date"));

            data("UpdateInbound", Map.of("id", shipment, "quantity", 1, "expectedAt", today.plusDays(9).toString()));
            JsonObject slipped = client.next(watch).getJsonObject("data").getJsonObject("backorderChanged");
            assertEquals("ETA_SLIPPED", slipped.getString("type"));
            assertNotNull(slipped.getJsonObject("backorder").getJsonObject("eta").getString("consentDeadline"));

            data("AcceptNewEta", Map.of("id", backorder));
            JsonObject accepted = client.next(watch).getJsonObject("data").getJsonObject("backorderChanged");
            assertEquals("ETA_ACCEPTED", accepted.getString("type"));
            assertEquals(today.plusDays(9).toString(), accepted.getJsonObject("backorder").getJsonObject("eta")
                    .getString("promised"));
        }
    }

    @Test
    void theLegacyProtocolCarriesStockAndOrderChanges() throws Exception {
        String sku = createProduct("ALLOW", null, 1);
        String orderId = placeOrder("a@example.com", sku, 3).getString("id");
        try (SubscriptionClient client = SubscriptionClient.connect(vertx, Protocol.LEGACY_WS)) {
            String stock = client.subscribe("StockChanged", Map.of("sku", sku));
            String order = client.subscribe("OrderChanged", Map.of("id", orderId));
            awaitSubscriptions(2);

            data("ReceiveStock", Map.of("sku", sku, "quantity", 2));

            JsonObject product = client.next(stock).getJsonObject("data").getJsonObject("stockChanged");
            assertEquals("19.90", product.getJsonObject("price").getString("amount"),
                    "the price as the change's snapshot has it, never through a binary float");
            assertEquals(3, product.getJsonObject("stock").getInteger("allocated"));
            assertEquals(0, product.getInteger("waitingBackorders"));
            JsonObject changed = client.next(order).getJsonObject("data").getJsonObject("orderChanged");
            assertEquals("READY_TO_SHIP", changed.getString("status"));
            assertEquals("ALLOCATED", changed.getJsonArray("backorders").getJsonObject(0).getString("status"));
        }
    }

    /** Over shop.changes.snapshot-limit (20 in tests) a change carries no snapshots; watchers read anew. */
    @Test
    void aRestockFillingMoreThanTheSnapshotLimitStillTellsEachWatcherItsOwnChanges() throws Exception {
        String sku = createProduct("ALLOW", null, 0);
        List<String> orders = new ArrayList<>();
        for (int customer = 1; customer <= 25; customer++) {
            orders.add(placeOrder("bulk" + customer + "@example.com", sku, 1).getString("id"));
        }
        try (SubscriptionClient client = SubscriptionClient.connect(vertx, Protocol.TRANSPORT_WS)) {
            String backorders = client.subscribe("BackorderChanged", Map.of("sku", sku));
            String third = client.subscribe("OrderChanged", Map.of("id", orders.get(2)));
            String stock = client.subscribe("StockChanged", Map.of("sku", sku));
            awaitSubscriptions(3);

            data("ReceiveStock", Map.of("sku", sku, "quantity", 22));

            for (int filled = 0; filled < 22; filled++) {
                assertEvent(client.next(backorders), "ALLOCATED", "ALLOCATED", null);
            }
            for (int place = 1; place <= 3; place++) {
                assertEvent(client.next(backorders), "QUEUE_POSITION_CHANGED", "WAITING", place);
            }
            assertNull(client.poll(backorders, Duration.ofMillis(300)), "one event per backorder");
            assertEquals("READY_TO_SHIP", client.next(third).getJsonObject("data").getJsonObject("orderChanged")
                    .getString("status"));
            assertEquals(22, client.next(stock).getJsonObject("data").getJsonObject("stockChanged")
                    .getJsonObject("stock").getInteger("allocated"));

            placeOrder("after-bulk@example.com", sku, 1);
            assertEvent(client.next(backorders), "CREATED", "WAITING", 4);
        }
    }

    @Test
    void aRefusedOrderTellsNobody() throws Exception {
        String sku = createProduct("DENY", null, 1);
        try (SubscriptionClient client = SubscriptionClient.connect(vertx, Protocol.TRANSPORT_WS)) {
            String stock = client.subscribe("StockChanged", Map.of("sku", sku));
            awaitSubscriptions(1);

            error("OUT_OF_STOCK", "PlaceOrder", order("a@example.com", sku, 2));
            placeOrder("b@example.com", sku, 1);

            JsonObject first = client.next(stock).getJsonObject("data").getJsonObject("stockChanged");
            assertEquals(1, first.getJsonObject("stock").getInteger("allocated"),
                    "the first event is the accepted order's");
        }
    }

    @Test
    void aSubscriptionWithAFilterThatMatchesNothingFailsAtOnce() throws Exception {
        try (SubscriptionClient client = SubscriptionClient.connect(vertx, Protocol.TRANSPORT_WS)) {
            String unknown = client.subscribe("BackorderChanged", Map.of("sku", "NO-SUCH-SKU"));
            String missing = client.subscribe("OrderChanged", Map.of("id", "999999999"));

            assertEquals("UNKNOWN_PRODUCT", code(client.next(unknown)));
            assertEquals("NOT_FOUND", code(client.next(missing)));
        }
    }

    @Test
    void everyOneOfTwoHundredSubscribersGetsEveryEventInOrder() throws Exception {
        String sku = createProduct("ALLOW", null, 0);
        List<SubscriptionClient> clients = new ArrayList<>();
        List<String[]> subscriptions = new ArrayList<>();
        try {
            for (int c = 0; c < 20; c++) {
                SubscriptionClient client = SubscriptionClient.connect(vertx,
                        c % 2 == 0 ? Protocol.TRANSPORT_WS : Protocol.LEGACY_WS);
                clients.add(client);
                for (int s = 0; s < 10; s++) {
                    subscriptions.add(new String[] {Integer.toString(c), client.subscribe("StockChanged",
                            Map.of("sku", sku))});
                }
            }
            awaitSubscriptions(subscriptions.size());

            // Each round waits for every subscriber, so none falls behind far enough to be conflated.
            for (int onHand = 1; onHand <= 10; onHand++) {
                data("ReceiveStock", Map.of("sku", sku, "quantity", 1));
                for (String[] subscription : subscriptions) {
                    JsonObject product = clients.get(Integer.parseInt(subscription[0])).next(subscription[1])
                            .getJsonObject("data").getJsonObject("stockChanged");
                    assertEquals(onHand, product.getJsonObject("stock").getInteger("onHand"));
                }
            }
        } finally {
            clients.forEach(SubscriptionClient::close);
        }
    }

    /**
     * An order on release day first hands the held stock to the pre-orders: a bulk change here (22 filled).
     * The order's own new backorder is still told.
     */
    @Test
    void anOrderThatReleasesALongPreorderQueueStillTellsItsOwnNewBackorder() throws Exception {
        String sku = createPreorder(LocalDate.now(ZoneOffset.UTC).plusDays(2), 22);
        for (int customer = 1; customer <= 22; customer++) {
            placeOrder("pre" + customer + "@example.com", sku, 1);
        }
        String latecomer = "late-" + sku + "@example.com";
        try (SubscriptionClient client = SubscriptionClient.connect(vertx, Protocol.TRANSPORT_WS)) {
            String watch = client.subscribe("BackorderChanged", Map.of("customerEmail", latecomer));
            awaitSubscriptions(1);

            clock.advance(Duration.ofDays(2));
            placeOrder(latecomer, sku, 1);

            assertEvent(client.next(watch), "CREATED", "WAITING", 1);
        }
    }

    /** shop.live.max-subscriptions is 300 in tests. */
    @Test
    void subscriptionsBeyondWhatTheInstanceHasMemoryForAreRefusedNotCrashed() throws Exception {
        String sku = createProduct("ALLOW", null, 0);
        try (SubscriptionClient client = SubscriptionClient.connect(vertx, Protocol.TRANSPORT_WS)) {
            List<String> accepted = new ArrayList<>();
            for (int s = 0; s < 300; s++) {
                accepted.add(client.subscribe("StockChanged", Map.of("sku", sku)));
            }
            awaitSubscriptions(300);

            assertEquals("UNAVAILABLE", code(client.next(client.subscribe("StockChanged", Map.of("sku", sku)))));

            data("ReceiveStock", Map.of("sku", sku, "quantity", 1));
            assertEquals(1, client.next(accepted.get(299)).getJsonObject("data").getJsonObject("stockChanged")
                    .getJsonObject("stock").getInteger("onHand"), "those accepted still hear every change");
        }
    }

    private static String type(JsonObject message) {
        return message.getJsonObject("data").getJsonObject("backorderChanged").getString("type");
    }

    private static void assertEvent(JsonObject message, String type, String status, Integer position) {
        JsonObject event = message.getJsonObject("data").getJsonObject("backorderChanged");
        assertEquals(type, event.getString("type"), message::encode);
        assertEquals(status, event.getJsonObject("backorder").getString("status"), message::encode);
        assertEquals(position, event.getJsonObject("backorder").getInteger("queuePosition"), message::encode);
    }

    private static String code(JsonObject message) {
        Object errors = message.getValue("errors");
        JsonObject first = errors instanceof io.vertx.core.json.JsonArray array ? array.getJsonObject(0)
                : (JsonObject) errors;
        return first.getJsonObject("extensions").getString("code");
    }
}
