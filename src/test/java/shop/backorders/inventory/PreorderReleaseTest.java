package shop.backorders.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static shop.backorders.support.Fixtures.createPreorder;
import static shop.backorders.support.Fixtures.placeOrder;
import static shop.backorders.support.Fixtures.product;
import static shop.backorders.support.GraphQLClient.data;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import shop.backorders.support.Fixtures;
import shop.backorders.support.EngineTest;
import shop.backorders.support.MovableClock;

@QuarkusTest
class PreorderReleaseTest extends EngineTest {

    @Inject
    MovableClock clock;

    @Inject
    PreorderRelease preorders;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void ordersWaitUntilTheReleaseDateThenFillFirstComeFirstServed() throws Throwable {
        String sku = createPreorder(LocalDate.now(ZoneOffset.UTC).plusDays(3), 2);
        JsonPath first = placeOrder("a@example.com", sku, 2);
        JsonPath second = placeOrder("b@example.com", sku, 2);

        assertEquals(0, first.getInt("lines[0].allocated"), "stock on hand is held for the release date");
        assertTrue(first.getBoolean("backorders[0].preorder"));
        data("ReceiveStock", Map.of("sku", sku, "quantity", 1));
        assertEquals(Map.of("onHand", 3, "allocated", 0, "available", 3), product(sku).getMap("stock"));

        clock.advance(Duration.ofDays(3));
        VertxContextSupport.subscribeAndAwait(preorders::releaseOnSchedule);

        assertEquals("ALLOCATED", backorder(first).getString("status"));
        JsonPath partly = backorder(second);
        assertEquals("WAITING", partly.getString("status"));
        assertEquals(1, partly.getInt("allocated"));
        assertEquals(1, partly.getInt("queuePosition"));
        JsonPath afterRelease = placeOrder("c@example.com", sku, 1);
        assertEquals(false, afterRelease.getBoolean("backorders[0].preorder"), "it now acts as ALLOW");
    }

    @Test
    void theFirstOrderOnReleaseDayReleasesTheQueueBeforeItself() {
        String sku = createPreorder(LocalDate.now(ZoneOffset.UTC).plusDays(1), 2);
        JsonPath waiting = placeOrder("a@example.com", sku, 1);

        clock.advance(Duration.ofDays(1));
        JsonPath onTheDay = placeOrder("b@example.com", sku, 2);

        assertEquals("ALLOCATED", backorder(waiting).getString("status"));
        assertEquals(1, onTheDay.getInt("lines[0].allocated"));
        assertEquals(1, onTheDay.getInt("lines[0].backordered"));
    }

    @Test
    void endingThePreorderFillsTheHeldQueueAtOnce() {
        String sku = createPreorder(LocalDate.now(ZoneOffset.UTC).plusDays(10), 5);
        JsonPath waiting = placeOrder("a@example.com", sku, 2);

        JsonPath updated = data("UpdateProduct", Map.of("sku", sku, "input", Map.of("backorderPolicy", "ALLOW")))
                .setRootPath("data.updateProduct");

        assertEquals(Map.of("onHand", 5, "allocated", 2, "available", 3), updated.getMap("stock"));
        assertEquals("ALLOCATED", backorder(waiting).getString("status"));
    }

    private static JsonPath backorder(JsonPath order) {
        return Fixtures.backorder(order.getString("backorders[0].id"));
    }
}
