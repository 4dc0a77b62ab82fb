package shop.backorders.insight;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static shop.backorders.support.Fixtures.createProduct;
import static shop.backorders.support.Fixtures.placeOrder;
import static shop.backorders.support.GraphQLClient.data;
import static shop.backorders.support.GraphQLClient.error;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import shop.backorders.support.EngineTest;
import shop.backorders.support.MovableClock;

/** Units allocated at once against backordered, and the hours backorders took to be allocated, per window. */
@QuarkusTest
class FillRateTest extends EngineTest {

    @Inject
    MovableClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private JsonPath fillRate(LocalDate from, LocalDate to, String sku) {
        return data("FillRate", Map.of("from", from.toString(), "to", to.toString(), "skus", List.of(sku)))
                .setRootPath("data.fillRate");
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    @Test
    void oneDaysOrdersCountWhatWaitedAndHowLongTheAllocatedOnesTook() {
        String sku = createProduct("ALLOW", null, 5);
        LocalDate day = today();
        placeOrder("all-at-once@example.com", sku, 3);
        placeOrder("partly@example.com", sku, 4);
        placeOrder("all-waits@example.com", sku, 2);
        String cancelled = placeOrder("gives-up@example.com", sku, 1).getString("backorders[0].id");
        data("CancelBackorder", Map.of("id", cancelled));
        clock.advance(Duration.ofHours(10));
        data("ReceiveStock", Map.of("sku", sku, "quantity", 2));
        clock.advance(Duration.ofHours(20));
        data("ReceiveStock", Map.of("sku", sku, "quantity", 2));
        LocalDate later = today();
        placeOrder("next-day@example.com", sku, 1);

        JsonPath first = fillRate(day, day.plusDays(1), sku);
        assertEquals(4, first.getInt("overall.lines"));
        assertEquals(1, first.getInt("overall.linesFilledAtOnce"));
        assertEquals(0.25, first.getDouble("overall.lineFillRate"), 1e-9);
        assertEquals(10, first.getInt("overall.orderedUnits"));
        assertEquals(5, first.getInt("overall.allocatedAtOnceUnits"));
        assertEquals(5, first.getInt("overall.backorderedUnits"));
        assertEquals(0.5, first.getDouble("overall.unitFillRate"), 1e-9);
        assertEquals(3, first.getInt("overall.backorders"));
        assertEquals(2, first.getInt("overall.backordersAllocated"));
        assertEquals(20.0, first.getDouble("overall.meanHoursToAllocation"), 1e-6, "10 h and 30 h");
        assertEquals(30.0, first.getDouble("overall.p90HoursToAllocation"), 1e-6);
        assertEquals(0, first.getInt("overall.backordersWaiting"));
        assertEquals(1, first.getInt("overall.backordersCancelled"), "apart, not in the hours");
        assertEquals(List.of(sku), first.getList("products.sku"));
        assertEquals(10, first.getInt("products[0].figures.orderedUnits"));

        JsonPath next = fillRate(later, later.plusDays(1), sku);
        assertEquals(1, next.getInt("overall.lines"));
        assertEquals(0.0, next.getDouble("overall.unitFillRate"), 1e-9);
        assertEquals(1, next.getInt("overall.backordersWaiting"));
        assertEquals(1, next.getInt("overall.unitsStillWaiting"));
        assertNull(next.get("overall.meanHoursToAllocation"), "still waiting: not in the means");
        assertNull(next.get("overall.p90HoursToAllocation"));

        assertEquals(5, fillRate(day, later.plusDays(1), sku).getInt("overall.lines"));
    }

    @Test
    void aWindowWithoutOrdersHasNoRatesAndAnEmptyWindowIsRefused() {
        String sku = createProduct("ALLOW", null, 5);
        placeOrder("today@example.com", sku, 1);
        LocalDate day = today();

        JsonPath before = fillRate(day.minusDays(1), day, sku);
        assertEquals(0, before.getInt("overall.lines"));
        assertEquals(0, before.getInt("overall.orderedUnits"));
        assertNull(before.get("overall.unitFillRate"));
        assertNull(before.get("overall.lineFillRate"));
        assertEquals(List.of(), before.getList("products"));

        error("INVALID_INPUT", "FillRate", Map.of("from", day.toString(), "to", day.toString()));
    }
}
