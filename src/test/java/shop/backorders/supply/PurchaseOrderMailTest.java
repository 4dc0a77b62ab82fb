package shop.backorders.supply;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static shop.backorders.support.Fixtures.createProductOf;
import static shop.backorders.support.Fixtures.createSupplier;
import static shop.backorders.support.Fixtures.newSku;
import static shop.backorders.support.Fixtures.placeOrder;
import static shop.backorders.support.GraphQLClient.anonymous;
import static shop.backorders.support.GraphQLClient.data;

import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.core.json.JsonObject;
import shop.backorders.notification.MailDispatcher;
import shop.backorders.support.Inbox;
import shop.backorders.support.Inbox.Mail;
import shop.backorders.support.LiveTest;
import shop.backorders.support.MovableClock;
import shop.backorders.support.SubscriptionClient;
import shop.backorders.support.SubscriptionClient.Protocol;

/**
 * A purchase order end to end, as its people see it: the supplier's mail with its link, the supplier's answer
 * by that link, and the waiting customers' estimates following it, by mail (a real SMTP server) and live.
 */
@QuarkusTest
class PurchaseOrderMailTest extends LiveTest {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy", Locale.ENGLISH);
    private static final Pattern LINK = Pattern.compile("/supplier/purchase-orders/(\\d+)\\?token=([A-Za-z0-9_.-]+)");

    @Inject
    MailDispatcher dispatcher;

    @Inject
    MovableClock clock;

    private Inbox inbox;

    @BeforeEach
    void startMailServerWithAnEmptyOutbox() throws SQLException {
        inbox = Inbox.startWithEmptyOutbox(dataSource);
    }

    @AfterEach
    void stopMailServer() {
        inbox.close();
        clock.reset();
    }

    @Test
    void theSuppliersAnswerByMailLinkMovesEveryWaitingCustomer() throws Exception {
        String supplierEmail = newSku("orders").toLowerCase() + "@supplier.example";
        String supplier = createSupplier(supplierEmail, 7);
        String sku = createProductOf(supplier, "ALLOW", 0);
        String ann = newSku("ann").toLowerCase() + "@example.com";
        String bo = newSku("bo").toLowerCase() + "@example.com";
        String annBackorder = placeOrder(ann, sku, 4).getString("backorders[0].id");
        String boBackorder = placeOrder(bo, sku, 4).getString("backorders[0].id");
        LocalDate today = LocalDate.now(clock);

        try (SubscriptionClient client = SubscriptionClient.connect(vertx, Protocol.TRANSPORT_WS)) {
            String watch = client.subscribe("BackorderChanged", Map.of("sku", sku));
            awaitSubscriptions(1);

            String orderId = data("CreatePurchaseOrder", Map.of("input", Map.of("supplierId",
                    supplier, "lines", List.of(Map.of("sku", sku, "quantity", 8, "expectedAt",
                            today.plusDays(3).toString()))))).getString("createPurchaseOrder.id");
            assertEvent(client.next(watch), "ETA_CHANGED", annBackorder, today.plusDays(3));
            assertEvent(client.next(watch), "ETA_CHANGED", boBackorder, today.plusDays(3));

            Inbox.dispatch(dispatcher);
            Mail order = inbox.latest(supplierEmail, 1);
            assertEquals("Purchase order #" + orderId + ": please confirm the delivery dates", order.subject());
            assertTrue(order.text().contains("8 × Test product " + sku + " (" + sku + "), wanted by "
                    + DAY.format(today.plusDays(3))), order.text());
            assertTrue(order.html().contains("Confirm or change the delivery dates"), order.html());
            Matcher link = LINK.matcher(order.text());
            assertTrue(link.find(), order.text());
            assertEquals(orderId, link.group(1));
            String token = link.group(2);
            List<Map<String, Object>> outbox = data("Notifications", Map.of("first", 20))
                    .getList("notifications.edges.node");
            assertTrue(outbox.stream().anyMatch(mail -> supplierEmail.equals(mail.get("recipient"))
                    && "PURCHASE_ORDER".equals(mail.get("kind")) && orderId.equals(mail.get("purchaseOrderId"))
                    && mail.get("sku") == null && "SENT".equals(mail.get("status"))), "staff see it among the mails");

            // The supplier reads the order by the link, then splits it: half sooner, half past the promise.
            JsonPath read = anonymous().data("PurchaseOrderLink", Map.of("token", token))
                    .setRootPath("data.purchaseOrderLink");
            assertEquals(orderId, read.getString("id"));
            String lineId = read.getString("lines[0].id");
            anonymous().data("AnswerPurchaseOrder", Map.of("token", token, "lines", List.of(Map.of("lineId",
                    lineId, "deliveries", List.of(delivery(4, today.plusDays(2)), delivery(4, today.plusDays(12)))))));
            assertEvent(client.next(watch), "ETA_CHANGED", annBackorder, today.plusDays(2));
            assertEvent(client.next(watch), "ETA_SLIPPED", boBackorder, today.plusDays(12));

            // The slip past the promise asks at once; the earlier date waits out its window, then tells.
            Inbox.dispatch(dispatcher);
            Mail asked = inbox.latest(bo, 2);
            assertTrue(asked.subject().contains("is delayed to " + DAY.format(today.plusDays(12))
                    + ": keep your order or cancel?"), asked.subject());
            assertEquals(1, inbox.to(ann).size(), "only the mail about the new backorder so far");
            clock.advance(Duration.ofMinutes(11));
            Inbox.dispatch(dispatcher);
            Mail sooner = inbox.latest(ann, 2);
            assertTrue(sooner.subject().startsWith("New expected date for Test product " + sku + ": "
                    + DAY.format(today.plusDays(2))), sooner.subject());
            assertEquals(2, inbox.to(bo).size(), "no date mail while the question is open");

            // Called off: the supplier is told, its link answers no more, the customers fall back on the lead time.
            data("CancelPurchaseOrder", Map.of("id", orderId));
            Inbox.dispatch(dispatcher);
            Mail cancelled = inbox.latest(supplierEmail, 2);
            assertEquals("Purchase order #" + orderId + " is cancelled", cancelled.subject());
            assertTrue(cancelled.text().contains("1. 8 × Test product " + sku), cancelled.text());
            anonymous().error("INVALID_STATE", "AnswerPurchaseOrder", Map.of("token", token, "lines", List.of(
                    Map.of("lineId", lineId, "deliveries", List.of(delivery(8, today.plusDays(3)))))));
            assertEquals("LEAD_TIME", client.next(watch).getJsonObject("data").getJsonObject("backorderChanged")
                    .getJsonObject("backorder").getJsonObject("eta").getString("source"));
        }
    }

    private static Map<String, Object> delivery(int quantity, LocalDate expectedAt) {
        Map<String, Object> delivery = new HashMap<>();
        delivery.put("quantity", quantity);
        delivery.put("expectedAt", expectedAt.toString());
        return delivery;
    }

    private static void assertEvent(JsonObject message, String type, String backorderId, LocalDate eta) {
        JsonObject event = message.getJsonObject("data").getJsonObject("backorderChanged");
        assertEquals(type, event.getString("type"), message::encode);
        assertEquals(backorderId, event.getJsonObject("backorder").getString("id"), message::encode);
        assertEquals(eta.toString(), event.getJsonObject("backorder").getJsonObject("eta").getString("date"),
                message::encode);
    }
}
