package shop.backorders.insight;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static shop.backorders.insight.InsightFixtures.product;
import static shop.backorders.insight.InsightFixtures.skus;
import static shop.backorders.insight.InsightFixtures.supplier;
import static shop.backorders.support.Fixtures.placeOrder;
import static shop.backorders.support.GraphQLClient.data;
import static shop.backorders.support.GraphQLClient.error;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
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
 * Days of cover, order-by dates and reorder suggestions on products with known demand (the default 28-day window,
 * 7-day review period, 7 safety days for suppliers without history), and purchase orders made of the suggestions.
 */
@QuarkusTest
class SupplyOutlookTest extends EngineTest {

    @Inject
    MovableClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private static JsonPath atRisk(int orderWithinDays, String... skus) {
        Map<String, Object> variables = new HashMap<>(skus(skus));
        variables.put("orderWithinDays", orderWithinDays);
        return data("AtRiskProducts", variables).setRootPath("data.atRiskProducts");
    }

    private static JsonPath suggestions(String... skus) {
        return data("ReorderSuggestions", skus(skus)).setRootPath("data.reorderSuggestions");
    }

    @Test
    void coverOrderByAndSuggestionsFollowDemandStockAndSupply() {
        String slow = supplier(10);
        String quick = supplier(3);
        // 2 units a day (56 in the window; the 100 ordered a second before it began do not count), 44 available.
        String steady = product(slow, 200, 50, 12);
        placeOrder("before-the-window@example.com", steady, 100);
        clock.advance(Duration.ofDays(28).plusSeconds(1));
        placeOrder("steady@example.com", steady, 28);
        placeOrder("steady@example.com", steady, 28);
        // 1 a day, 18 units waiting: out now.
        String waited = product(quick, 10, 1, 1);
        placeOrder("waits@example.com", waited, 28);
        // 1 a day, 20 available, no supplier (lead time 7): a delivery after the stock ran out does not help...
        String tooLate = product(null, 48, 1, 1);
        placeOrder("late@example.com", tooLate, 28);
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        data("ScheduleInbound", Map.of("sku", tooLate, "quantity", 10, "expectedAt", today.plusDays(25).toString()));
        // ... one before it carries the stock to the next.
        String bridged = product(null, 48, 1, 1);
        placeOrder("bridged@example.com", bridged, 28);
        data("ScheduleInbound", Map.of("sku", bridged, "quantity", 10, "expectedAt", today.plusDays(5).toString()));
        data("ScheduleInbound", Map.of("sku", bridged, "quantity", 10, "expectedAt", today.plusDays(25).toString()));

        JsonPath all = atRisk(3650, steady, waited, tooLate, bridged);
        assertEquals(List.of(waited, steady, tooLate, bridged), all.getList("sku"), "soonest order-by first");
        assertEquals(List.of(0.0, 22.0, 20.0, 40.0), all.getList("daysOfCover", Double.class));
        assertEquals(List.of(1.0, 2.0, 1.0, 1.0), all.getList("dailyDemand", Double.class));
        assertEquals(List.of(today, today.plusDays(22), today.plusDays(20), today.plusDays(40)).toString(),
                all.getList("stockOutDate").toString());
        assertEquals(List.of(today.minusDays(3), today.plusDays(12), today.plusDays(13), today.plusDays(33)).toString(),
                all.getList("orderBy").toString());
        assertEquals(List.of(today.plusDays(3), today.plusDays(10), today.plusDays(7), today.plusDays(7)).toString(),
                all.getList("refillArrives").toString());
        assertEquals(List.of(true, false, false, false), all.getList("atRisk"));
        assertEquals(List.of(quick, slow), all.getList("supplierId").subList(0, 2));
        assertEquals(List.of(0, 0, 10, 20), all.getList("confirmedInbound"));
        assertEquals(List.of(18, 0, 0, 0), all.getList("waitingUnits"));
        assertEquals(List.of(waited), atRisk(0, steady, waited, tooLate, bridged).getList("sku"), "at risk only");
        assertEquals(List.of(waited), atRisk(12, steady, waited).getList("sku"), "order-by today + 12 is not before it");
        assertEquals(List.of(waited, steady), atRisk(13, steady, waited).getList("sku"));

        JsonPath suggested = suggestions(steady, waited, tooLate, bridged);
        assertEquals(List.of(waited, steady), suggested.getList("sku"), "the others have enough");
        // waited: 18 waiting + 1/day x (3 + 7) + 1/day x 7 safety days = 35.
        assertEquals(List.of(10.0, 17.0), suggested.getList("horizonDays", Double.class));
        assertEquals(List.of(10.0, 34.0), suggested.getList("demandOverHorizon", Double.class));
        assertEquals(List.of(7.0, 7.0), suggested.getList("safetyDays", Double.class));
        assertEquals(List.of(7.0, 14.0), suggested.getList("safetyStock", Double.class));
        assertEquals(List.of(35.0, 4.0), suggested.getList("need", Double.class));
        // steady: 34 + 14 - 44 = 4, raised to the minimum of 50, then to a pack of 12: 60.
        assertEquals(List.of(35, 60), suggested.getList("suggestedQuantity"));
        assertEquals(List.of(1, 50), suggested.getList("minOrderQuantity"));
        assertEquals(List.of(1, 12), suggested.getList("packMultiple"));
    }

    @Test
    void suggestionsBecomeOnePurchaseOrderPerSupplierAndCountAsInboundOnceConfirmed() {
        String slow = supplier(10);
        String quick = supplier(3);
        String steady = product(slow, 100, 50, 12);
        placeOrder("steady@example.com", steady, 56);
        String waited = product(quick, 10, 1, 1);
        placeOrder("waits@example.com", waited, 28);
        String enough = product(null, 100, 1, 1);
        String unsupplied = product(null, 0, 1, 1);
        placeOrder("unsupplied@example.com", unsupplied, 5);
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);

        String refused = error("INVALID_INPUT", "CreatePurchaseOrdersFromSuggestions", skus(steady, enough, unsupplied));
        assertTrue(refused.contains(enough) && refused.contains(unsupplied) && !refused.contains(steady), refused);
        assertEquals(List.of(60), suggestions(steady).getList("suggestedQuantity"), "nothing was ordered");

        JsonPath orders = data("CreatePurchaseOrdersFromSuggestions", skus(waited, steady));
        assertEquals(List.of(slow, quick), orders.getList("createPurchaseOrdersFromSuggestions.supplier.id"),
                "one per supplier");
        assertEquals(List.of(steady), orders.getList("createPurchaseOrdersFromSuggestions[0].lines.sku"));
        assertEquals(List.of(60), orders.getList("createPurchaseOrdersFromSuggestions[0].lines.quantity"), "rounded to the minimum and the pack");
        assertEquals(today.plusDays(10).toString(), orders.getString("createPurchaseOrdersFromSuggestions[0].lines[0].deliveries[0].expectedAt"));
        assertEquals(List.of(35), orders.getList("createPurchaseOrdersFromSuggestions[1].lines.quantity"));
        assertEquals(today.plusDays(3).toString(), orders.getString("createPurchaseOrdersFromSuggestions[1].lines[0].deliveries[0].expectedAt"));

        // Ordered, not confirmed: no more to suggest, but no cover either.
        assertEquals(List.of(), suggestions(steady, waited).getList("sku"));
        JsonPath unconfirmed = atRisk(3650, steady);
        assertEquals(0, unconfirmed.getInt("confirmedInbound[0]"));
        assertEquals(60, unconfirmed.getInt("unconfirmedInbound[0]"));
        assertEquals(22.0, unconfirmed.getDouble("daysOfCover[0]"), 1e-9);

        data("AnswerPurchaseOrder", Map.of("id", orders.getString("createPurchaseOrdersFromSuggestions[0].id"), "lines", List.of(Map.of(
                "lineId", orders.getString("createPurchaseOrdersFromSuggestions[0].lines[0].id"), "deliveries", List.of(Map.of(
                        "id", orders.getString("createPurchaseOrdersFromSuggestions[0].lines[0].deliveries[0].id"), "quantity", 60,
                        "expectedAt", today.plusDays(15).toString()))))));
        JsonPath confirmed = atRisk(3650, steady);
        assertEquals(60, confirmed.getInt("confirmedInbound[0]"));
        assertEquals((44.0 + 60) / 2, confirmed.getDouble("daysOfCover[0]"), 1e-9, "it comes before day 22");
        assertFalse(confirmed.getBoolean("atRisk[0]"));
    }
}
