package shop.backorders.backorder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static shop.backorders.support.Fixtures.backorder;
import static shop.backorders.support.Fixtures.createProduct;
import static shop.backorders.support.Fixtures.placeOrder;
import static shop.backorders.support.GraphQLClient.data;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.core.json.JsonObject;
import shop.backorders.backorder.ActionLinks.Action;
import shop.backorders.support.EngineTest;
import shop.backorders.support.GraphQLClient;
import shop.backorders.support.MovableClock;

/**
 * Links from mails redeemed by an anonymous storefront page: each acts on its own backorder and action, once,
 * only while the question the mail asked is open, and a bad link changes nothing.
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
        String token = sign(slipped, Action.ACCEPT_NEW_DATE, slipped.to());

        JsonPath shown = anonymous().data("BackorderLink", Map.of("token", token)).setRootPath("data.backorderLink");
        assertEquals("ACCEPT_NEW_DATE", shown.getString("action"));
        assertEquals(slipped.to().toString(), shown.getString("eta"));
        assertEquals(Long.toString(slipped.id()), shown.getString("backorder.id"));

        JsonPath accepted = anonymous().data("RedeemBackorderLink", Map.of("token", token))
                .setRootPath("data.redeemBackorderLink");
        assertEquals(slipped.to().toString(), accepted.getString("eta.promised"));
        assertNull(accepted.getString("eta.consentDeadline"));

        anonymous().error("LINK_USED", "RedeemBackorderLink", Map.of("token", token));
        anonymous().error("LINK_USED", "BackorderLink", Map.of("token", token));
        anonymous().error("LINK_USED", "RedeemBackorderLink", Map.of("token", sign(slipped, Action.CANCEL, null)));
        assertEquals("WAITING", backorder(Long.toString(slipped.id())).getString("status"));
    }

    @Test
    void aCancelLinkCancelsItsBackorderOnce() {
        Slipped slipped = slippedBackorder();
        String token = sign(slipped, Action.CANCEL, null);

        assertEquals("CANCELLED", anonymous().data("RedeemBackorderLink", Map.of("token", token))
                .getString("redeemBackorderLink.status"));
        anonymous().error("LINK_USED", "RedeemBackorderLink", Map.of("token", token));
    }

    @Test
    void aCancelLinkDoesNothingOnceTheCustomerKeptTheBackorderInTheStorefront() {
        Slipped slipped = slippedBackorder();
        String cancel = sign(slipped, Action.CANCEL, null);
        data("AcceptNewEta", Map.of("id", Long.toString(slipped.id())));

        anonymous().error("INVALID_STATE", "BackorderLink", Map.of("token", cancel));
        anonymous().error("INVALID_STATE", "RedeemBackorderLink", Map.of("token", cancel));
        assertEquals("WAITING", backorder(Long.toString(slipped.id())).getString("status"));
    }

    @Test
    void aCancelLinkDoesNothingOnceStockWasSetAside() {
        Slipped slipped = slippedBackorder();
        String cancel = sign(slipped, Action.CANCEL, null);
        data("ReceiveStock", Map.of("sku", slipped.sku(), "quantity", 2));

        anonymous().error("INVALID_STATE", "RedeemBackorderLink", Map.of("token", cancel));
        assertEquals("ALLOCATED", backorder(Long.toString(slipped.id())).getString("status"));
    }

    @Test
    void aLinkAnswersOnlyItsOwnQuestionNotOneAskedLater() {
        Slipped slipped = slippedBackorder();
        String firstCancel = sign(slipped, Action.CANCEL, null);
        data("AcceptNewEta", Map.of("id", Long.toString(slipped.id())));
        clock.advance(Duration.ofMinutes(1));
        data("UpdateInbound", Map.of("id", slipped.shipment(), "quantity", 2,
                "expectedAt", slipped.to().plusDays(5).toString()));
        Slipped askedAgain = asked(slipped, slipped.to().plusDays(5), slipped.to());

        anonymous().error("INVALID_STATE", "RedeemBackorderLink", Map.of("token", firstCancel));
        assertAsked(askedAgain);
        assertEquals("CANCELLED", anonymous().data("RedeemBackorderLink", Map.of("token",
                sign(askedAgain, Action.CANCEL, null))).getString("redeemBackorderLink.status"));
    }

    @Test
    void anAcceptLinkForADateNoLongerAskedAboutChangesNothing() {
        Slipped slipped = slippedBackorder();
        String stale = sign(slipped, Action.ACCEPT_NEW_DATE, slipped.to().minusDays(1));
        anonymous().error("INVALID_STATE", "RedeemBackorderLink", Map.of("token", stale));
        assertAsked(slipped);
    }

    @Test
    void aLinkRedeemedManyTimesAtOnceActsOnce() {
        Slipped slipped = slippedBackorder();
        List<String> tokens = List.of(sign(slipped, Action.CANCEL, null),
                sign(slipped, Action.ACCEPT_NEW_DATE, slipped.to()));
        List<CompletableFuture<JsonObject>> redeemed = IntStream.range(0, 30)
                .mapToObj(i -> GraphQLClient.anonymous().sendAsync("RedeemBackorderLink",
                        Map.of("token", tokens.get(i % 2))))
                .toList();
        Map<String, Long> outcomes = redeemed.stream().map(CompletableFuture::join)
                .map(answer -> answer.getJsonArray("errors") == null ? "OK"
                        : answer.getJsonArray("errors").getJsonObject(0).getJsonObject("extensions").getString("code"))
                .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
        assertEquals(Map.of("OK", 1L, "LINK_USED", 29L), outcomes);
    }

    @Test
    void badLinksAreRefusedAndChangeNothing() {
        Slipped slipped = slippedBackorder();
        String token = sign(slipped, Action.CANCEL, null);
        String forged = token.substring(0, token.lastIndexOf('.')) + ".AAAA";
        for (String bad : new String[] { forged, "garbage", token + "x" }) {
            anonymous().error("LINK_INVALID", "BackorderLink", Map.of("token", bad));
            anonymous().error("LINK_INVALID", "RedeemBackorderLink", Map.of("token", bad));
        }
        clock.advance(Duration.ofDays(31));
        anonymous().error("LINK_EXPIRED", "RedeemBackorderLink", Map.of("token", token));
        assertEquals("WAITING", backorder(Long.toString(slipped.id())).getString("status"));
    }

    /**
     * A waiting backorder whose date slipped past its promise: the customer is asked about the new date, in
     * the question that has this deadline.
     */
    private record Slipped(long id, String sku, String shipment, LocalDate to, LocalDate promised, Instant question) {
    }

    private Slipped slippedBackorder() {
        String sku = createProduct("ALLOW", null, 0);
        LocalDate today = LocalDate.now(clock);
        String shipment = data("ScheduleInbound", Map.of("sku", sku, "quantity", 2,
                "expectedAt", today.plusDays(3).toString())).getString("scheduleInbound.id");
        String id = placeOrder("linked-" + sku + "@example.com", sku, 2).getString("backorders[0].id");
        data("UpdateInbound", Map.of("id", shipment, "quantity", 2, "expectedAt", today.plusDays(12).toString()));
        Slipped slipped = asked(new Slipped(Long.parseLong(id), sku, shipment, null, null, null), today.plusDays(12),
                today.plusDays(3));
        assertAsked(slipped);
        return slipped;
    }

    /** The backorder, asked about this date with that promise, and the question as it stands now. */
    private static Slipped asked(Slipped backorder, LocalDate to, LocalDate promised) {
        String deadline = backorder(Long.toString(backorder.id())).getString("eta.consentDeadline");
        return new Slipped(backorder.id(), backorder.sku(), backorder.shipment(), to, promised,
                deadline == null ? null : Instant.parse(deadline));
    }

    private String sign(Slipped slipped, Action action, LocalDate date) {
        return links.sign(slipped.id(), action, date, slipped.question());
    }

    private static void assertAsked(Slipped slipped) {
        JsonPath backorder = backorder(Long.toString(slipped.id()));
        assertEquals("WAITING", backorder.getString("status"));
        assertEquals(slipped.to().toString(), backorder.getString("eta.date"));
        assertEquals(slipped.promised().toString(), backorder.getString("eta.promised"));
        assertEquals(slipped.question().toString(), backorder.getString("eta.consentDeadline"), "still asked");
    }

    private static GraphQLClient.Calls anonymous() {
        return GraphQLClient.anonymous();
    }
}
