package shop.backorders.backorder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static shop.backorders.support.Fixtures.backorder;
import static shop.backorders.support.Fixtures.createProduct;
import static shop.backorders.support.Fixtures.placeOrder;
import static shop.backorders.support.GraphQLClient.data;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import shop.backorders.backorder.ActionLinks.Action;
import shop.backorders.support.EngineTest;
import shop.backorders.support.GraphQLClient;
import shop.backorders.support.MovableClock;

/**
 * Links from mails redeemed by an anonymous storefront page: each acts on its own backorder and action,
 * only while the backorder is in the state the mail was about, and a bad link changes nothing.
 */
@QuarkusTest
class BackorderLinksTest extends EngineTest {

    @Inject
    MovableClock clock;

    @Inject
    ActionLinks links;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void anAcceptLinkAcceptsTheDateItWasMadeForOnce() {
        Slipped slipped = slippedBackorder();
        String token = links.sign(slipped.id(), Action.ACCEPT_NEW_DATE, slipped.to());

        JsonPath shown = anonymous().data("BackorderLink", Map.of("token", token)).setRootPath("data.backorderLink");
        assertEquals("ACCEPT_NEW_DATE", shown.getString("action"));
        assertEquals(slipped.to().toString(), shown.getString("eta"));
        assertEquals(Long.toString(slipped.id()), shown.getString("backorder.id"));

        JsonPath accepted = anonymous().data("RedeemBackorderLink", Map.of("token", token))
                .setRootPath("data.redeemBackorderLink");
        assertEquals(slipped.to().toString(), accepted.getString("eta.promised"));
        assertNull(accepted.getString("eta.consentDeadline"));

        anonymous().error("INVALID_STATE", "RedeemBackorderLink", Map.of("token", token));
        assertEquals("WAITING", backorder(Long.toString(slipped.id())).getString("status"));
    }

    @Test
    void aCancelLinkCancelsItsBackorderOnce() {
        Slipped slipped = slippedBackorder();
        String token = links.sign(slipped.id(), Action.CANCEL, null);

        assertEquals("CANCELLED", anonymous().data("RedeemBackorderLink", Map.of("token", token))
                .getString("redeemBackorderLink.status"));
        anonymous().error("INVALID_STATE", "RedeemBackorderLink", Map.of("token", token));
    }

    @Test
    void anAcceptLinkForADateNoLongerAskedAboutChangesNothing() {
        Slipped slipped = slippedBackorder();
        String stale = links.sign(slipped.id(), Action.ACCEPT_NEW_DATE, slipped.to().minusDays(1));
        anonymous().error("INVALID_STATE", "RedeemBackorderLink", Map.of("token", stale));
        assertAsked(slipped);
    }

    @Test
    void badLinksAreRefusedAndChangeNothing() {
        Slipped slipped = slippedBackorder();
        String token = links.sign(slipped.id(), Action.CANCEL, null);
        String forged = token.substring(0, token.indexOf('.')) + ".AAAA";
        for (String bad : new String[] { forged, "garbage", token + "x" }) {
            anonymous().error("LINK_INVALID", "BackorderLink", Map.of("token", bad));
            anonymous().error("LINK_INVALID", "RedeemBackorderLink", Map.of("token", bad));
        }
        clock.advance(Duration.ofDays(31));
        anonymous().error("LINK_EXPIRED", "RedeemBackorderLink", Map.of("token", token));
        assertAsked(slipped);
    }

    /** A waiting backorder whose date slipped past its promise: the customer is asked about the new date. */
    private record Slipped(long id, LocalDate to) {
    }

    private Slipped slippedBackorder() {
        String sku = createProduct("ALLOW", null, 0);
        LocalDate today = LocalDate.now(clock);
        String shipment = data("ScheduleInbound", Map.of("sku", sku, "quantity", 2,
                "expectedAt", today.plusDays(3).toString())).getString("scheduleInbound.id");
        String id = placeOrder("linked-" + sku + "@example.com", sku, 2).getString("backorders[0].id");
        data("UpdateInbound", Map.of("id", shipment, "quantity", 2, "expectedAt", today.plusDays(12).toString()));
        Slipped slipped = new Slipped(Long.parseLong(id), today.plusDays(12));
        assertAsked(slipped);
        return slipped;
    }

    private static void assertAsked(Slipped slipped) {
        JsonPath backorder = backorder(Long.toString(slipped.id()));
        assertEquals("WAITING", backorder.getString("status"));
        assertEquals(slipped.to().toString(), backorder.getString("eta.date"));
        assertEquals(slipped.to().minusDays(9).toString(), backorder.getString("eta.promised"));
        assertEquals(false, backorder.getString("eta.consentDeadline") == null, "still asked");
    }

    private static GraphQLClient.Calls anonymous() {
        return GraphQLClient.anonymous();
    }
}
