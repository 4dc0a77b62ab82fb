package shop.backorders.insight;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static shop.backorders.insight.InsightFixtures.skus;
import static shop.backorders.support.Fixtures.createProduct;
import static shop.backorders.support.Fixtures.placeOrder;
import static shop.backorders.support.GraphQLClient.data;

import java.time.Duration;
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

/** Waiting backorders by age: buckets with their edges, per product worst first, and the oldest wait. */
@QuarkusTest
class BackorderAgingTest extends EngineTest {

    @Inject
    MovableClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void nothingWaitingIsZerosAndNoOldest() {
        String sku = createProduct("ALLOW", null, 5);
        placeOrder("in-stock@example.com", sku, 2);

        JsonPath aging = data("BackorderAging", skus(sku)).setRootPath("data.backorderAging");

        assertEquals(0, aging.getInt("overall.backorders"));
        assertEquals(0, aging.getInt("overall.units"));
        assertEquals(List.of(0, 0, 0, 0, 0), aging.getList("overall.buckets.backorders"));
        assertNull(aging.get("overall.oldest"));
        assertEquals(List.of(), aging.getList("products"));
        assertFalse(aging.getBoolean("moreProducts"));
    }

    @Test
    void eachBucketHoldsItsLowerEdgeAndTheWorstOffProductComesFirst() {
        String old = createProduct("ALLOW", null, 0);
        String recent = createProduct("ALLOW", null, 0);
        // Ages as read at the end: 14 days, 7, 3, exactly 1, 1 second under 1, and 0.
        String oldest = placeOrder("a@example.com", old, 3).getString("backorders[0].id");
        clock.advance(Duration.ofDays(7));
        placeOrder("b@example.com", old, 2);
        clock.advance(Duration.ofDays(4));
        placeOrder("c@example.com", old, 3);
        placeOrder("c@example.com", recent, 10);
        clock.advance(Duration.ofDays(2));
        placeOrder("d@example.com", old, 4);
        clock.advance(Duration.ofSeconds(1));
        placeOrder("e@example.com", old, 5);
        clock.advance(Duration.ofDays(1).minusSeconds(1));
        placeOrder("f@example.com", old, 6);
        // The oldest gets 1 of its 3 units: partly allocated, it still waits for 2.
        data("ReceiveStock", Map.of("sku", old, "quantity", 1));

        Map<String, Object> variables = new HashMap<>(skus(old, recent));
        variables.put("first", 1);
        JsonPath aging = data("BackorderAging", variables).setRootPath("data.backorderAging");

        assertEquals(7, aging.getInt("overall.backorders"));
        assertEquals(2 + 2 + 3 + 10 + 4 + 5 + 6, aging.getInt("overall.units"));
        assertEquals(List.of("< 1 day", "1-3 days", "3-7 days", "7-14 days", ">= 14 days"),
                aging.getList("overall.buckets.label"));
        assertEquals(List.of(0, 1, 3, 7, 14), aging.getList("overall.buckets.fromDays"));
        assertEquals(List.of(2, 1, 2, 1, 1), aging.getList("overall.buckets.backorders"));
        assertEquals(List.of(5 + 6, 4, 3 + 10, 2, 2), aging.getList("overall.buckets.units"));
        assertEquals(oldest, aging.getString("overall.oldest.backorderId"));
        assertEquals(old, aging.getString("overall.oldest.sku"));
        assertEquals(14.0, aging.getDouble("overall.oldest.days"), 1e-9);

        assertEquals(List.of(old), aging.getList("products.sku"), "longest wait first, one asked");
        assertTrue(aging.getBoolean("moreProducts"));
        assertEquals(List.of(2, 1, 1, 1, 1), aging.getList("products[0].waiting.buckets.backorders"));
        assertEquals(22, aging.getInt("products[0].waiting.units"));
    }
}
