package shop.backorders.supply;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static shop.backorders.support.Fixtures.backorder;
import static shop.backorders.support.Fixtures.createProductOf;
import static shop.backorders.support.Fixtures.createSupplier;
import static shop.backorders.support.Fixtures.newSku;
import static shop.backorders.support.Fixtures.placeOrder;
import static shop.backorders.support.Fixtures.product;
import static shop.backorders.support.GraphQLClient.anonymous;
import static shop.backorders.support.GraphQLClient.as;
import static shop.backorders.support.GraphQLClient.data;
import static shop.backorders.support.GraphQLClient.error;

import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.core.json.JsonObject;
import shop.backorders.support.EngineTest;
import shop.backorders.support.GraphQLClient;
import shop.backorders.support.Invariants;
import shop.backorders.support.MovableClock;
import shop.backorders.support.Tokens;

/** Suppliers, purchase orders and the supplier's answer, through the GraphQL API as staff and suppliers use it. */
@QuarkusTest
class PurchaseOrderTest extends EngineTest {

    @Inject
    PurchaseOrderLinks links;

    @Inject
    MovableClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void aProductTakesItsSuppliersLeadTimeAndFollowsItsChanges() {
        String supplier = createSupplier(10);
        String sku = createProductOf(supplier, "ALLOW", 0);
        JsonPath sourcing = data("ProductSourcing", Map.of("sku", sku)).setRootPath("data.product");
        assertEquals(10, sourcing.getInt("leadTimeDays"));
        assertEquals(supplier, sourcing.getString("sourcing.supplier.id"));
        assertEquals(1, sourcing.getInt("sourcing.minOrderQuantity"));
        assertEquals(List.of(), sourcing.getList("inbound"));
        for (JsonPath other : List.of(as(Tokens.customer("ann@example.com")).data("ProductSourcing",
                Map.of("sku", sku)), anonymous().data("ProductSourcing", Map.of("sku", sku)))) {
            assertNull(other.get("product.sourcing"), "where the shop buys is staff's business");
            assertNull(other.get("product.inbound"), "and what it has coming");
        }

        String waiting = placeOrder("ann@example.com", sku, 2).getString("backorders[0].id");
        LocalDate today = LocalDate.now(clock);
        assertEquals(today.plusDays(10).toString(), backorder(waiting).getString("eta.date"));
        data("UpdateSupplier", Map.of("id", supplier, "input", Map.of("leadTimeDays", 4)));
        assertEquals(4, product(sku).getInt("leadTimeDays"));
        assertEquals(today.plusDays(4).toString(), backorder(waiting).getString("eta.date"),
                "the waiting customer's estimate follows the supplier's new lead time");

        Map<String, Object> both = new HashMap<>(Map.of("sku", newSku("BOTH"), "name", "Both", "price", "1",
                "backorderPolicy", "ALLOW", "leadTimeDays", 3, "supplierId", supplier));
        assertTrue(error("INVALID_INPUT", "CreateProduct", Map.of("input", both)).contains("supplier's lead time"));
        both.remove("leadTimeDays");
        both.put("supplierId", "987654321");
        assertTrue(error("INVALID_INPUT", "CreateProduct", Map.of("input", both)).contains("No supplier"));
        both.put("supplierId", "not-an-id");
        error("INVALID_INPUT", "CreateProduct", Map.of("input", both));
    }

    @Test
    void supplierNamesAreUniqueAndDetailsChecked() {
        String name = newSku("Acme");
        data("CreateSupplier", Map.of("input", Map.of("name", name, "email", "a@acme.example", "leadTimeDays", 5)));
        error("DUPLICATE_SUPPLIER", "CreateSupplier", Map.of("input", Map.of("name", name.toUpperCase(),
                "email", "b@acme.example", "leadTimeDays", 5)));
        error("INVALID_INPUT", "CreateSupplier", Map.of("input", Map.of("name", newSku("Bad"), "email",
                "not an address", "leadTimeDays", 5)));
        error("INVALID_INPUT", "CreateSupplier", Map.of("input", Map.of("name", newSku("Bad"), "email",
                "x@bad.example", "leadTimeDays", 4000)));
        error("INVALID_INPUT", "CreateSupplier", Map.of("input", Map.of("name", newSku("Bad"))));
        error("NOT_FOUND", "UpdateSupplier", Map.of("id", "987654321", "input", Map.of("leadTimeDays", 1)));
        as(Tokens.customer("c@c.example")).error("FORBIDDEN", "CreateSupplier", Map.of("input", Map.of("name",
                newSku("Cust"), "email", "c@c.example", "leadTimeDays", 1)));
    }

    @Test
    void aPurchaseOrderIsExpectedSupplyAtOnce() {
        String supplier = createSupplier(10);
        String sku = createProductOf(supplier, "ALLOW", 0);
        String waiting = placeOrder("bo@example.com", sku, 5).getString("backorders[0].id");
        LocalDate today = LocalDate.now(clock);

        JsonPath order = createOrder(supplier, List.of(line(sku, 10, today.plusDays(3))));
        assertEquals("SENT", order.getString("status"));
        assertEquals(10, order.getInt("lines[0].quantity"));
        assertEquals(10, order.getInt("lines[0].coming"));
        assertEquals(today.plusDays(3).toString(), order.getString("lines[0].deliveries[0].requestedAt"));
        assertNull(order.get("lines[0].deliveries[0].firstConfirmedAt"), "the supplier has not answered");
        JsonPath estimate = backorder(waiting);
        assertEquals(today.plusDays(3).toString(), estimate.getString("eta.date"));
        assertEquals("INBOUND_SHIPMENT", estimate.getString("eta.source"));
        assertEquals(order.getString("lines[0].deliveries[0].id"), estimate.getString("eta.inboundShipmentId"));

        JsonPath defaulted = createOrder(supplier, List.of(Map.of("sku", sku, "quantity", 1)));
        assertEquals(today.plusDays(10).toString(), defaulted.getString("lines[0].deliveries[0].expectedAt"),
                "no day asked: today plus the supplier's lead time");
    }

    @Test
    void theSupplierConfirmsSplitsMovesShipsShortAndDeclines() {
        String supplier = createSupplier(10);
        String sku = createProductOf(supplier, "ALLOW", 0);
        String other = createProductOf(supplier, "ALLOW", 0);
        String waiting = placeOrder("cy@example.com", sku, 5).getString("backorders[0].id");
        LocalDate today = LocalDate.now(clock);
        JsonPath order = createOrder(supplier, List.of(line(sku, 10, today.plusDays(5)), line(other, 4,
                today.plusDays(5))));
        String id = order.getString("id");
        String lineId = order.getString("lines[0].id");
        String first = order.getString("lines[0].deliveries[0].id");
        String token = links.sign(Long.parseLong(id), Long.parseLong(supplier));
        assertEquals(id, anonymous().data("PurchaseOrderLink", Map.of("token", token))
                .getString("purchaseOrderLink.id"));

        // 6 sooner than asked, 3 later: one short.
        JsonPath split = answerByLink(token, List.of(answer(lineId, List.of(delivery(null, 6, today.plusDays(2)),
                delivery(null, 3, today.plusDays(9))))));
        assertEquals("CONFIRMED", split.getString("status"));
        assertEquals(9, split.getInt("lines[0].coming"));
        assertEquals(2, split.getList("lines[0].deliveries").size());
        assertEquals(first, split.getString("lines[0].deliveries[0].id"), "the first keeps its identity");
        assertEquals(today.plusDays(2).toString(), split.getString("lines[0].deliveries[0].firstConfirmedAt"));
        assertEquals(today.plusDays(5).toString(), split.getString("lines[0].deliveries[0].requestedAt"));
        assertEquals(1, split.getInt("lines[0].deliveries[0].dateMoves"));
        assertNull(split.get("lines[0].deliveries[1].requestedAt"), "the supplier added it");
        assertEquals(today.plusDays(9).toString(), split.getString("lines[0].deliveries[1].firstConfirmedAt"));
        assertNull(split.get("lines[1].deliveries[0].firstConfirmedAt"), "a line not answered stays as it was");
        assertEquals(today.plusDays(2).toString(), backorder(waiting).getString("eta.date"));

        // Moved later: the first confirmed day stays the promise.
        JsonPath moved = answerByLink(token, List.of(answer(lineId, List.of(delivery(first, 6, today.plusDays(4)),
                delivery(split.getString("lines[0].deliveries[1].id"), 3, today.plusDays(9))))));
        assertEquals(today.plusDays(4).toString(), moved.getString("lines[0].deliveries[0].expectedAt"));
        assertEquals(today.plusDays(2).toString(), moved.getString("lines[0].deliveries[0].firstConfirmedAt"));
        assertEquals(2, moved.getInt("lines[0].deliveries[0].dateMoves"));
        assertEquals(today.plusDays(4).toString(), backorder(waiting).getString("eta.date"));

        // Declined, both lines: nothing more is expected, nothing came.
        JsonPath declined = answerByLink(token, List.of(answer(lineId, List.of()),
                answer(order.getString("lines[1].id"), List.of())));
        assertEquals("CANCELLED", declined.getString("status"));
        assertEquals(0, declined.getInt("lines[0].coming"));
        assertEquals("LEAD_TIME", backorder(waiting).getString("eta.source"));
        assertTrue(anonymous().error("INVALID_STATE", "AnswerPurchaseOrder", Map.of("token", token, "lines",
                List.of(answer(lineId, List.of(delivery(null, 1, today)))))).contains("no longer be answered"));
    }

    @Test
    void receivingAndCancellingGoThroughTheDeliveries() {
        String supplier = createSupplier(3);
        String sku = createProductOf(supplier, "ALLOW", 0);
        placeOrder("di@example.com", sku, 2);
        LocalDate today = LocalDate.now(clock);
        JsonPath order = createOrder(supplier, List.of(line(sku, 5, today.plusDays(1))));
        String delivery = order.getString("lines[0].deliveries[0].id");
        data("ReceiveInbound", Map.of("id", delivery, "quantity", 3));
        JsonPath partly = data("PurchaseOrder", Map.of("id", order.getString("id"))).setRootPath("data.purchaseOrder");
        assertEquals("PARTLY_RECEIVED", partly.getString("status"));
        assertEquals(3, partly.getInt("lines[0].deliveries[0].received"));
        assertEquals(1, product(sku).getInt("stock.available"), "the waiting 2 were filled first");

        JsonPath cancelled = data("CancelPurchaseOrder", Map.of("id", order.getString("id")))
                .setRootPath("data.cancelPurchaseOrder");
        assertEquals("RECEIVED", cancelled.getString("status"), "called off after part arrived: closed with it");
        assertEquals("CANCELLED", cancelled.getString("lines[0].deliveries[0].status"));
        assertEquals(3, cancelled.getInt("lines[0].coming"));
        error("INVALID_STATE", "CancelPurchaseOrder", Map.of("id", order.getString("id")));
        error("NOT_FOUND", "CancelPurchaseOrder", Map.of("id", "987654321"));
    }

    @Test
    void aSupplierSeesAndAnswersOnlyItsOwnOrders() {
        String mineEmail = newSku("orders").toLowerCase() + "@mine.example";
        String mine = createSupplier(mineEmail, 5);
        String theirs = createSupplier(5);
        LocalDate today = LocalDate.now(clock);
        JsonPath own = createOrder(mine, List.of(line(createProductOf(mine, "ALLOW", 0), 4, today.plusDays(3))));
        JsonPath other = createOrder(theirs, List.of(line(createProductOf(theirs, "ALLOW", 0), 4,
                today.plusDays(3))));
        GraphQLClient.Calls supplier = as(Tokens.supplier(mineEmail));

        assertEquals(own.getString("id"), supplier.data("PurchaseOrder", Map.of("id", own.getString("id")))
                .getString("purchaseOrder.id"));
        supplier.error("NOT_FOUND", "PurchaseOrder", Map.of("id", other.getString("id")));
        List<String> listed = supplier.data("PurchaseOrders", Map.of("first", 100))
                .getList("purchaseOrders.edges.node.id");
        assertTrue(listed.contains(own.getString("id")));
        assertTrue(!listed.contains(other.getString("id")), "another supplier's orders are not listed");
        assertTrue(supplier.data("PurchaseOrders", Map.of("supplierId", theirs)).getList("purchaseOrders.edges")
                .isEmpty(), "naming another supplier shows nothing of it");

        String otherState = purchaseOrder(other.getString("id"));
        supplier.error("NOT_FOUND", "AnswerPurchaseOrder", Map.of("id", other.getString("id"), "lines",
                List.of(answer(other.getString("lines[0].id"), List.of(delivery(null, 4, today.plusDays(8)))))));
        assertEquals(otherState, purchaseOrder(other.getString("id")), "nothing changed");
        assertEquals("CONFIRMED", supplier.data("AnswerPurchaseOrder", Map.of("id", own.getString("id"), "lines",
                List.of(answer(own.getString("lines[0].id"), List.of(delivery(null, 4, today.plusDays(4)))))))
                .getString("answerPurchaseOrder.status"));

        as(Tokens.customer(mineEmail)).error("FORBIDDEN", "PurchaseOrder", Map.of("id", own.getString("id")));
        as(Tokens.customer(mineEmail)).error("NOT_FOUND", "AnswerPurchaseOrder", Map.of("id", own.getString("id"),
                "lines", List.of(answer(own.getString("lines[0].id"), List.of()))));
        anonymous().error("UNAUTHENTICATED", "PurchaseOrders", Map.of());
        supplier.error("FORBIDDEN", "CreatePurchaseOrder", Map.of("input", Map.of("supplierId", mine, "lines",
                List.of(line(newSku("X"), 1, today)))));
    }

    @Test
    void forgedExpiredAndOtherOrdersLinksChangeNothing() throws SQLException {
        String supplier = createSupplier(5);
        LocalDate today = LocalDate.now(clock);
        JsonPath order = createOrder(supplier, List.of(line(createProductOf(supplier, "ALLOW", 0), 4,
                today.plusDays(3))));
        JsonPath other = createOrder(supplier, List.of(line(createProductOf(supplier, "ALLOW", 0), 4,
                today.plusDays(3))));
        String id = order.getString("id");
        List<Map<String, Object>> move = List.of(answer(order.getString("lines[0].id"),
                List.of(delivery(null, 4, today.plusDays(9)))));
        String before = purchaseOrder(id) + footprint();

        String token = links.sign(Long.parseLong(id), Long.parseLong(supplier));
        anonymous().error("LINK_INVALID", "AnswerPurchaseOrder", Map.of("token", token + "x", "lines", move));
        anonymous().error("LINK_INVALID", "AnswerPurchaseOrder", Map.of("token", "forged", "lines", move));
        anonymous().error("LINK_INVALID", "PurchaseOrderLink", Map.of("token", token.substring(1)));
        String otherToken = links.sign(Long.parseLong(other.getString("id")), Long.parseLong(supplier));
        anonymous().error("INVALID_INPUT", "AnswerPurchaseOrder", Map.of("token", otherToken, "lines", move));
        String wrongSupplier = links.sign(Long.parseLong(id), Long.parseLong(createSupplier(5)));
        anonymous().error("NOT_FOUND", "AnswerPurchaseOrder", Map.of("token", wrongSupplier, "lines", move));
        anonymous().error("INVALID_INPUT", "AnswerPurchaseOrder", Map.of("lines", move));
        anonymous().error("INVALID_QUANTITY", "AnswerPurchaseOrder", Map.of("token", token, "lines",
                List.of(answer(order.getString("lines[0].id"), List.of(delivery(null, 5, today.plusDays(9)))))));
        anonymous().error("INVALID_INPUT", "AnswerPurchaseOrder", Map.of("token", token, "lines",
                List.of(answer(order.getString("lines[0].id"), List.of(delivery(null, 4, today.minusDays(1)))))));
        anonymous().error("INVALID_INPUT", "AnswerPurchaseOrder", Map.of("token", token, "lines",
                List.of(answer(order.getString("lines[0].id"), List.of(delivery(
                        other.getString("lines[0].deliveries[0].id"), 4, today.plusDays(9)))))));
        clock.advance(Duration.ofDays(121));
        anonymous().error("LINK_EXPIRED", "AnswerPurchaseOrder", Map.of("token", token, "lines", move));
        clock.reset();
        assertEquals(before, purchaseOrder(id) + footprint(), "no answer that failed changed anything");
    }

    @Test
    void badPurchaseOrdersAreRefusedWhole() throws SQLException {
        String supplier = createSupplier(5);
        String sku = createProductOf(supplier, "ALLOW", 0);
        String elsewhere = createProductOf(createSupplier(5), "ALLOW", 0);
        LocalDate today = LocalDate.now(clock);
        String before = footprint();
        error("INVALID_INPUT", "CreatePurchaseOrder", order(supplier, List.of()));
        error("INVALID_INPUT", "CreatePurchaseOrder", order(supplier, List.of(line(sku, 1, today),
                line(sku, 2, today))));
        error("INVALID_QUANTITY", "CreatePurchaseOrder", order(supplier, List.of(line(sku, 0, today))));
        error("INVALID_INPUT", "CreatePurchaseOrder", order(supplier, List.of(line(sku, 1, today.minusDays(1)))));
        error("UNKNOWN_PRODUCT", "CreatePurchaseOrder", order(supplier, List.of(line(newSku("NONE"), 1, today))));
        error("INVALID_INPUT", "CreatePurchaseOrder", order("987654321", List.of(line(sku, 1, today))));
        assertTrue(error("INVALID_INPUT", "CreatePurchaseOrder", order(supplier, List.of(line(sku, 1, today),
                line(elsewhere, 1, today)))).contains("is bought from"));
        List<Map<String, Object>> many = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            many.add(line(sku + i, 1, today));
        }
        error("INVALID_INPUT", "CreatePurchaseOrder", order(supplier, many));
        assertEquals(before, footprint());
        assertTrue(data("PurchaseOrders", Map.of("supplierId", supplier)).getList("purchaseOrders.edges").isEmpty());
    }

    /**
     * Answers race deliveries being received: each one either applies whole or is refused whole, and in the end
     * the line's deliveries never bring more than ordered, and stock and ledger agree.
     */
    @Test
    void answersRacingReceiptsStayConsistent() throws Exception {
        String supplier = createSupplier(5);
        String sku = createProductOf(supplier, "ALLOW", 0);
        for (int i = 0; i < 10; i++) {
            placeOrder("race" + i + "@example.com", sku, 3);
        }
        LocalDate today = LocalDate.now(clock);
        JsonPath order = createOrder(supplier, List.of(line(sku, 40, today.plusDays(5))));
        String lineId = order.getString("lines[0].id");
        String token = links.sign(order.getLong("id"), Long.parseLong(supplier));
        List<CompletableFuture<JsonObject>> calls = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            if (i % 2 == 0) {
                calls.add(anonymous().sendAsync("AnswerPurchaseOrder", Map.of("token", token, "lines", List.of(
                        answer(lineId, List.of(delivery(null, 10 + i % 7, today.plusDays(1 + i % 9)),
                                delivery(null, 5, today.plusDays(12))))))));
            } else {
                String delivery = purchaseOrderJson(order.getString("id")).getString("lines[0].deliveries[0].id");
                calls.add(GraphQLClient.sendAsync("ReceiveInbound", Map.of("id", delivery, "quantity", 1)));
            }
        }
        for (CompletableFuture<JsonObject> call : calls) {
            JsonObject response = call.get();
            if (response.containsKey("errors")) {
                String code = response.getJsonArray("errors").getJsonObject(0).getJsonObject("extensions")
                        .getString("code");
                assertTrue(List.of("INVALID_STATE", "INVALID_QUANTITY").contains(code), response::encode);
            }
        }
        JsonPath after = purchaseOrderJson(order.getString("id"));
        int received = after.<Integer>getList("lines[0].deliveries.received").stream().mapToInt(Integer::intValue)
                .sum();
        assertTrue(after.getInt("lines[0].coming") <= 40, after.prettify());
        assertEquals(received, product(sku).getInt("stock.onHand"), "every unit received is on hand");
        Invariants.assertHold(dataSource);
    }

    private static JsonPath createOrder(String supplierId, List<Map<String, Object>> lines) {
        return data("CreatePurchaseOrder", order(supplierId, lines)).setRootPath("data.createPurchaseOrder");
    }

    private static Map<String, Object> order(String supplierId, List<Map<String, Object>> lines) {
        return Map.of("input", Map.of("supplierId", supplierId, "lines", lines));
    }

    private static JsonPath answerByLink(String token, List<Map<String, Object>> lines) {
        return anonymous().data("AnswerPurchaseOrder", Map.of("token", token, "lines", lines))
                .setRootPath("data.answerPurchaseOrder");
    }

    private static Map<String, Object> line(String sku, int quantity, LocalDate expectedAt) {
        return Map.of("sku", sku, "quantity", quantity, "expectedAt", expectedAt.toString());
    }

    private static Map<String, Object> answer(String lineId, List<Map<String, Object>> deliveries) {
        return Map.of("lineId", lineId, "deliveries", deliveries);
    }

    private static Map<String, Object> delivery(String id, int quantity, LocalDate expectedAt) {
        Map<String, Object> delivery = new HashMap<>(Map.of("quantity", quantity, "expectedAt",
                expectedAt.toString()));
        delivery.put("id", id);
        return delivery;
    }

    private static JsonPath purchaseOrderJson(String id) {
        return data("PurchaseOrder", Map.of("id", id)).setRootPath("data.purchaseOrder");
    }

    private static String purchaseOrder(String id) {
        return purchaseOrderJson(id).prettify();
    }
}
