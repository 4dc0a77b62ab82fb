package shop.backorders.backorder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static shop.backorders.support.Fixtures.backorder;
import static shop.backorders.support.Fixtures.createProduct;
import static shop.backorders.support.Fixtures.placeOrder;
import static shop.backorders.support.GraphQLClient.data;

import java.time.Duration;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.path.json.JsonPath;
import shop.backorders.shared.ShopConfig.Eta.WhenSilent;
import shop.backorders.support.EngineTest;
import shop.backorders.support.MovableClock;

/** A shop whose rule is to cancel a backorder whose customer never answered about a slipped date. */
@QuarkusTest
class ConsentDefaultCancelTest extends EngineTest {

    @Inject
    MovableClock clock;

    @Inject
    BackorderService backorders;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void silencePastTheDeadlineCancelsAndTheUnitsGoToTheNextInLine() throws Throwable {
        String sku = createProduct("ALLOW", null, 0);
        String silent = placeOrder("silent@example.com", sku, 5).getString("backorders[0].id");
        String alsoSilent = placeOrder("quiet@example.com", sku, 2).getString("backorders[0].id");
        data("ReceiveStock", Map.of("sku", sku, "quantity", 3));
        clock.advance(Duration.ofDays(8));
        VertxContextSupport.subscribeAndAwait(() -> backorders.refreshEstimates(WhenSilent.CANCEL));
        assertEquals(2, data("Backorders", Map.of("sku", sku, "first", 10))
                .getList("backorders.edges.findAll { it.node.eta.consentDeadline != null }").size(),
                "both slipped and were asked");

        // The first is cancelled: its 3 units fill the second, which then no longer waits for an answer.
        clock.advance(Duration.ofDays(7).plusHours(1));
        VertxContextSupport.subscribeAndAwait(() -> backorders.refreshEstimates(WhenSilent.CANCEL));

        assertEquals("CANCELLED", backorder(silent).getString("status"));
        assertEquals("ALLOCATED", backorder(alsoSilent).getString("status"), "filled before its turn came");
        JsonPath product = data("Product", Map.of("sku", sku)).setRootPath("data.product");
        assertEquals(1, product.getInt("stock.available"));
        assertEquals(0, product.getInt("waitingBackorders"));
    }
}
