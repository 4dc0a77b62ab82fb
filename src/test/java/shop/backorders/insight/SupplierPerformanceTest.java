package shop.backorders.insight;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static shop.backorders.insight.InsightFixtures.product;
import static shop.backorders.insight.InsightFixtures.skus;
import static shop.backorders.insight.InsightFixtures.supplier;
import static shop.backorders.support.Fixtures.placeOrder;
import static shop.backorders.support.GraphQLClient.data;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import shop.backorders.support.EngineTest;
import shop.backorders.support.MovableClock;

/**
 * A supplier measured by the first dates it confirmed and by the dates it moved them to: one purchase order of six
 * lines, each for 10 units asked for in 5 days — one moved to day 8 and arriving then, one short and a day late, one
 * declined, three on time.
 */
@QuarkusTest
class SupplierPerformanceTest extends EngineTest {

    @Inject
    MovableClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private static Map<String, Object> delivery(JsonPath order, int line, int quantity, LocalDate day) {
        return Map.of("lineId", order.getString("lines[" + line + "].id"), "deliveries", List.of(Map.of(
                "id", order.getString("lines[" + line + "].deliveries[0].id"), "quantity", quantity,
                "expectedAt", day.toString())));
    }

    private static void receive(JsonPath order, int line, int quantity) {
        data("ReceiveInbound", Map.of("id", order.getString("lines[" + line + "].deliveries[0].id"),
                "quantity", quantity));
    }

    private static JsonPath performance(String supplier, LocalDate from, LocalDate to) {
        Map<String, Object> variables = new HashMap<>();
        variables.put("supplierIds", List.of(supplier));
        variables.put("from", from == null ? null : from.toString());
        variables.put("to", to == null ? null : to.toString());
        return data("SupplierPerformance", variables).setRootPath("data.supplierPerformance[0]");
    }

    @Test
    void onTimeAgainstTheFirstPromiseAndTheCurrentOneDelaysMovesShortLinesAndCustomerDays() {
        String supplier = supplier(5);
        List<String> skus = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            skus.add(product(supplier, 0, 1, 1));
        }
        placeOrder("waits-for-the-moved-one@example.com", skus.get(0), 4);
        placeOrder("waits-for-the-short-one@example.com", skus.get(2), 2);
        LocalDate day = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        JsonPath order = data("CreatePurchaseOrder", Map.of("input", Map.of("supplierId", supplier,
                "lines", skus.stream().map(sku -> Map.of("sku", sku, "quantity", 10,
                        "expectedAt", day.plusDays(5).toString())).toList())))
                .setRootPath("data.createPurchaseOrder");
        String id = order.getString("id");
        data("AnswerPurchaseOrder", Map.of("id", id, "lines", List.of(
                delivery(order, 0, 10, day.plusDays(5)), delivery(order, 1, 10, day.plusDays(5)),
                delivery(order, 2, 6, day.plusDays(5)),
                Map.of("lineId", order.getString("lines[3].id"), "deliveries", List.of()),
                delivery(order, 4, 10, day.plusDays(5)), delivery(order, 5, 10, day.plusDays(5)))));
        data("AnswerPurchaseOrder", Map.of("id", id, "lines", List.of(delivery(order, 0, 10, day.plusDays(8)))));
        clock.advance(Duration.ofDays(5));
        receive(order, 1, 10);
        receive(order, 4, 10);
        receive(order, 5, 10);
        clock.advance(Duration.ofDays(1));
        receive(order, 2, 6);
        clock.advance(Duration.ofDays(2));
        receive(order, 0, 10);

        JsonPath figures = performance(supplier, day, day.plusDays(1));
        assertEquals(1, figures.getInt("purchaseOrders"));
        assertEquals(6, figures.getInt("lines"));
        assertEquals(5, figures.getInt("deliveriesArrived"), "the declined line brought nothing");
        assertEquals(3.0 / 5, figures.getDouble("onTimeFirstPromise"), 1e-6);
        assertEquals(4.0 / 5, figures.getDouble("onTimeCurrentPromise"), 1e-6, "the moved one kept its new date");
        assertEquals((3 + 1) / 5.0, figures.getDouble("meanDelayDays"), 1e-6);
        assertEquals(3, figures.getInt("worstDelayDays"));
        assertEquals(1.0 / 6, figures.getDouble("dateMovesPerLine"), 1e-6);
        assertEquals(6, figures.getInt("closedLines"));
        assertEquals(2.0 / 6, figures.getDouble("shortShippedShare"), 1e-6, "short and declined");
        assertEquals(3 * 4 + 1 * 2, figures.getInt("customerDaysOfDelay"));
        assertEquals(figures.getInt("purchaseOrders"), performance(supplier, null, null).getInt("purchaseOrders"));

        JsonPath later = performance(supplier, day.plusDays(1), null);
        assertEquals(0, later.getInt("purchaseOrders"));
        assertEquals(0, later.getInt("deliveriesArrived"));
        assertNull(later.get("onTimeFirstPromise"));
        assertNull(later.get("worstDelayDays"));
        assertNull(later.get("dateMovesPerLine"));
        assertEquals(0, later.getInt("customerDaysOfDelay"));

        // Five deliveries are enough history: the 90th percentile of 0, 0, 0, 1, 3 days late is 3.
        Map<String, Object> variables = new HashMap<>(skus(skus.get(0)));
        variables.put("orderWithinDays", 3650);
        JsonPath outlook = data("AtRiskProducts", variables).setRootPath("data.atRiskProducts[0]");
        LocalDate today = day.plusDays(8);
        assertEquals(3, outlook.getInt("p90DelayDays"));
        assertEquals(today.plusDays(5 + 3).toString(), outlook.getString("refillArrives"));
        assertEquals(today.plusDays(6 * 28 / 4 - 5 - 3).toString(), outlook.getString("orderBy"));
        String waited = product(supplier, 0, 1, 1);
        placeOrder("waits-now@example.com", waited, 3);
        assertEquals(List.of(3.0), data("ReorderSuggestions", skus(waited))
                .getList("reorderSuggestions.safetyDays", Double.class), "the p90 delay's days of safety stock");
    }
}
