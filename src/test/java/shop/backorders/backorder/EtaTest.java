package shop.backorders.backorder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static shop.backorders.support.Fixtures.backorder;
import static shop.backorders.support.Fixtures.createProduct;
import static shop.backorders.support.Fixtures.placeOrder;
import static shop.backorders.support.GraphQLClient.data;
import static shop.backorders.support.GraphQLClient.error;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import shop.backorders.support.EngineTest;
import shop.backorders.support.MovableClock;

/** Estimates through the API: inbound supply, its life, the lead time, slips and consent. */
@QuarkusTest
class EtaTest extends EngineTest {

    @Inject
    MovableClock clock;

    @Inject
    BackorderService backorders;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void estimatesFollowInboundSupplyThroughItsLife() {
        String sku = createProduct("ALLOW", null, 0);
        LocalDate today = LocalDate.now(clock);
        String first = schedule(sku, 3, today.plusDays(10)).getString("id");
        String second = schedule(sku, 2, today.plusDays(20)).getString("id");
        String a = backorderOf(placeOrder("a@example.com", sku, 2));
        String b = backorderOf(placeOrder("b@example.com", sku, 2));
        String c = backorderOf(placeOrder("c@example.com", sku, 2));

        assertEta(a, today.plusDays(10), "INBOUND_SHIPMENT", first);
        assertEta(b, today.plusDays(20), "INBOUND_SHIPMENT", second);
        assertEta(c, today.plusDays(7), "LEAD_TIME", null);
        assertEquals(today.plusDays(10).toString(), eta(a).getString("promised"), "the first estimate is the promise");

        // The supplier is late: a slips past its promise and is asked; b is still covered by the second.
        data("UpdateInbound", Map.of("id", first, "quantity", 3, "expectedAt", today.plusDays(15).toString()));
        assertEta(a, today.plusDays(15), "INBOUND_SHIPMENT", first);
        assertEquals(today.plusDays(10).toString(), eta(a).getString("promised"));
        assertNotNull(eta(a).getString("consentDeadline"), "a date past the promise asks for consent");
        assertEta(b, today.plusDays(20), "INBOUND_SHIPMENT", second);

        error("INVALID_STATE", "AcceptNewEta", Map.of("id", a, "eta", today.plusDays(14).toString()));
        JsonPath accepted = data("AcceptNewEta", Map.of("id", a, "eta", today.plusDays(15).toString()))
                .setRootPath("data.acceptNewEta");
        assertEquals(today.plusDays(15).toString(), accepted.getString("eta.promised"));
        assertNull(accepted.getString("eta.consentDeadline"));
        error("INVALID_STATE", "AcceptNewEta", Map.of("id", a));

        data("CancelInbound", Map.of("id", second));
        assertEta(b, today.plusDays(7), "LEAD_TIME", null);

        // Part of the first shipment arrives: a is filled, the shipment expects one more unit.
        JsonPath partly = data("ReceiveInbound", Map.of("id", first, "quantity", 2)).setRootPath("data.receiveInbound");
        assertEquals(1, partly.getInt("quantity"));
        assertEquals(2, partly.getInt("received"));
        assertEquals("OPEN", partly.getString("status"));
        assertEquals("ALLOCATED", backorder(a).getString("status"));
        assertNull(backorder(a).get("eta"), "no estimate once it no longer waits");
        assertEquals(1, backorder(b).getInt("queuePosition"));

        JsonPath rest = data("ReceiveInbound", Map.of("id", first, "quantity", 1)).setRootPath("data.receiveInbound");
        assertEquals("RECEIVED", rest.getString("status"));
        assertEquals(1, backorder(b).getInt("allocated"));
        assertEta(b, today.plusDays(7), "LEAD_TIME", null);
        assertEquals(2, data("InboundShipments", Map.of("sku", sku)).getList("inboundShipments").size());
    }

    @Test
    void inboundChangesAreCheckedAndChangeNothingWhenRefused() {
        String sku = createProduct("ALLOW", null, 0);
        LocalDate today = LocalDate.now(clock);
        String shipment = schedule(sku, 3, today.plusDays(5)).getString("id");

        error("NOT_FOUND", "ReceiveInbound", Map.of("id", "987654321", "quantity", 1));
        error("INVALID_QUANTITY", "ReceiveInbound", Map.of("id", shipment, "quantity", 0));
        error("INVALID_INPUT", "UpdateInbound", Map.of("id", shipment, "quantity", 3,
                "expectedAt", today.minusDays(1).toString()));
        error("INVALID_QUANTITY", "UpdateInbound", Map.of("id", shipment, "quantity", 0,
                "expectedAt", today.toString()));
        data("CancelInbound", Map.of("id", shipment));
        error("INVALID_STATE", "ReceiveInbound", Map.of("id", shipment, "quantity", 1));
        error("INVALID_STATE", "CancelInbound", Map.of("id", shipment));

        JsonPath product = data("Product", Map.of("sku", sku)).setRootPath("data.product");
        assertEquals(0, product.getInt("stock.onHand"));
    }

    @Test
    void aLeadTimeDatePassedUnfilledSlipsAndSilenceKeepsTheBackorder() {
        String sku = createProduct("ALLOW", null, 0);
        String backorder = backorderOf(placeOrder("slow@example.com", sku, 1));
        LocalDate placedOn = LocalDate.now(clock);
        assertEta(backorder, placedOn.plusDays(7), "LEAD_TIME", null);

        clock.advance(Duration.ofDays(8));
        refresh();
        LocalDate slippedTo = placedOn.plusDays(8 + 7);
        assertEta(backorder, slippedTo, "LEAD_TIME", null);
        assertEquals(placedOn.plusDays(7).toString(), eta(backorder).getString("promised"));
        assertNotNull(eta(backorder).getString("consentDeadline"));

        // A week of silence: the default answer (keep) takes the date asked about as the new promise. That
        // date has not passed, so it holds: nobody is asked again.
        clock.advance(Duration.ofDays(7).plusHours(1));
        refresh();
        assertEquals(slippedTo.toString(), eta(backorder).getString("promised"));
        assertEta(backorder, slippedTo, "LEAD_TIME", null);
        assertNull(eta(backorder).getString("consentDeadline"));
        assertEquals("WAITING", backorder(backorder).getString("status"));
    }

    @Test
    void aPreorderIsNeverExpectedBeforeItsReleaseDate() {
        String sku = createProduct("ALLOW", null, 0);
        LocalDate release = LocalDate.now(clock).plusDays(30);
        data("UpdateProduct", Map.of("sku", sku, "input", Map.of("backorderPolicy", "PREORDER",
                "releaseDate", release.toString())));
        data("ReceiveStock", Map.of("sku", sku, "quantity", 5));
        String held = backorderOf(placeOrder("early@example.com", sku, 2));
        String later = backorderOf(placeOrder("late@example.com", sku, 4));

        assertEta(held, release, "RELEASE_DATE", null);
        assertEta(later, release, "RELEASE_DATE", null);
    }

    private void refresh() {
        try {
            VertxContextSupport.subscribeAndAwait(backorders::refreshEstimates);
        } catch (Throwable e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void ordersJoiningTheBackAreEstimatedAsPlanningTheWholeQueueWould() {
        String sku = createProduct("ALLOW", null, 0);
        LocalDate today = LocalDate.now(clock);
        String first = schedule(sku, 5, today.plusDays(10)).getString("id");
        schedule(sku, 4, today.plusDays(20));
        List<String> queue = new ArrayList<>();
        for (int quantity : List.of(2, 1, 3, 2, 1, 4)) {
            queue.add(backorderOf(placeOrder("q" + quantity + "@example.com", sku, quantity)));
        }
        Map<String, Map<String, Object>> placed = etas(queue);

        // Changing a shipment to what it already is plans the whole queue again.
        data("UpdateInbound", Map.of("id", first, "quantity", 5, "expectedAt", today.plusDays(10).toString()));

        assertEquals(placed, etas(queue));
    }

    private static Map<String, Map<String, Object>> etas(List<String> backorderIds) {
        Map<String, Map<String, Object>> etas = new TreeMap<>();
        backorderIds.forEach(id -> etas.put(id, eta(id).getMap("")));
        return etas;
    }

    private static JsonPath schedule(String sku, int quantity, LocalDate expectedAt) {
        return data("ScheduleInbound", Map.of("sku", sku, "quantity", quantity, "expectedAt", expectedAt.toString()))
                .setRootPath("data.scheduleInbound");
    }

    private static String backorderOf(JsonPath order) {
        return order.getString("backorders[0].id");
    }

    private static JsonPath eta(String backorderId) {
        return backorder(backorderId).setRootPath("data.backorder.eta");
    }

    private static void assertEta(String backorderId, LocalDate date, String source, String inboundShipmentId) {
        JsonPath eta = eta(backorderId);
        assertEquals(date.toString(), eta.getString("date"), "eta of backorder " + backorderId);
        assertEquals(source, eta.getString("source"));
        assertEquals(inboundShipmentId, eta.getString("inboundShipmentId"));
    }
}
