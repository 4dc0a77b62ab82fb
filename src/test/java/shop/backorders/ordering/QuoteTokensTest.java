package shop.backorders.ordering;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import shop.backorders.ordering.Availability.Delivery;
import shop.backorders.ordering.Availability.Source;
import shop.backorders.ordering.Availability.Status;
import shop.backorders.shared.ErrorCode;
import shop.backorders.shared.ShopClock;
import shop.backorders.shared.ShopException;
import shop.backorders.shared.SigningKeys;

/** A quote's token without a database: what it promises, what keeps the promise, and how long it is. */
class QuoteTokensTest {

    private static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");
    private static final LocalDate TODAY = LocalDate.parse("2026-12-02");
    private static final SigningKeys KEYS = new SigningKeys("Jx3vQ9-rL2mZ8aW0pT5sK7yB1nD4fH6gE_cU-oV2iM9qR3tY8wA5",
            null, false);
    /** SHOP_GRAPHQL_MAX_STRING_LENGTH's default. */
    private static final int MAX_STRING_LENGTH = 4096;

    private final QuoteTokens tokens = tokens(NOW);

    /** 3 now, 5 on day 10, 4 by the lead time on day 7 (which comes first), as a quote of 12 answers it. */
    private static final Availability QUOTED = line("A-1", 3, 9, TODAY.plusDays(7),
            new Delivery(3, TODAY, Source.STOCK), new Delivery(5, TODAY.plusDays(10), Source.INBOUND_SHIPMENT),
            new Delivery(4, TODAY.plusDays(7), Source.LEAD_TIME));

    @Test
    void theSameAnswerOrABetterOneKeepsThePromise() {
        QuoteTokens.Promise promise = open(QUOTED);
        assertTrue(promise.keptBy(List.of(QUOTED)));
        assertTrue(promise.keptBy(List.of(line("A-1", 12, 0, null, new Delivery(12, TODAY, Source.STOCK)))),
                "all now");
        assertTrue(promise.keptBy(List.of(line("A-1", 3, 9, TODAY.plusDays(7),
                new Delivery(3, TODAY, Source.STOCK), new Delivery(9, TODAY.plusDays(7), Source.LEAD_TIME)))),
                "the shipment's part sooner");
        assertTrue(promise.keptBy(List.of(line("A-1", 4, 8, TODAY.plusDays(7),
                new Delivery(4, TODAY, Source.STOCK), new Delivery(4, TODAY.plusDays(10), Source.INBOUND_SHIPMENT),
                new Delivery(4, TODAY.plusDays(7), Source.LEAD_TIME)))), "one more now, one fewer on day 10");
    }

    @Test
    void fewerNowOrAnyUnitLaterBreaksIt() {
        QuoteTokens.Promise promise = open(QUOTED);
        assertFalse(promise.keptBy(List.of(line("A-1", 2, 10, TODAY.plusDays(7),
                new Delivery(2, TODAY, Source.STOCK), new Delivery(6, TODAY.plusDays(10), Source.INBOUND_SHIPMENT),
                new Delivery(4, TODAY.plusDays(7), Source.LEAD_TIME)))), "one fewer now");
        assertFalse(promise.keptBy(List.of(line("A-1", 3, 9, TODAY.plusDays(7),
                new Delivery(3, TODAY, Source.STOCK), new Delivery(5, TODAY.plusDays(11), Source.INBOUND_SHIPMENT),
                new Delivery(4, TODAY.plusDays(7), Source.LEAD_TIME)))), "the shipment a day later");
        assertFalse(promise.keptBy(List.of(line("A-1", 3, 9, TODAY.plusDays(8),
                new Delivery(3, TODAY, Source.STOCK), new Delivery(9, TODAY.plusDays(8), Source.LEAD_TIME)))),
                "the estimate later");
        assertFalse(promise.keptBy(List.of(new Availability("A-1", 12, Status.UNAVAILABLE, 0, 12, null, List.of(),
                ErrorCode.BACKORDER_LIMIT_EXCEEDED))), "refused now");
    }

    @Test
    void aLineRefusedWhenQuotedIsPromisedNothing() {
        Availability refused = new Availability("A-1", 12, Status.UNAVAILABLE, 3, 9, null, List.of(),
                ErrorCode.OUT_OF_STOCK);
        assertTrue(open(refused).keptBy(List.of(QUOTED)));
    }

    @Test
    void theTokenNamesItsLinesAndExpires() {
        String token = tokens.issue(List.of(QUOTED)).token();
        assertEquals(ErrorCode.INVALID_INPUT, refusal(() -> tokens.open(token, List.of(new PlaceOrder.Line("A-1", 11)))));
        assertEquals(ErrorCode.INVALID_INPUT, refusal(() -> tokens.open(token, List.of(new PlaceOrder.Line("A-2", 12)))));
        assertEquals(ErrorCode.LINK_INVALID, refusal(() -> tokens.open(token.substring(1), lines(QUOTED))));
        tokens(NOW.plus(Duration.ofMinutes(15)).minusSeconds(1)).open(token, lines(QUOTED));
        assertEquals(ErrorCode.QUOTE_EXPIRED,
                refusal(() -> tokens(NOW.plus(Duration.ofMinutes(15))).open(token, lines(QUOTED))));
        assertEquals(ErrorCode.LINK_INVALID, refusal(() -> new QuoteTokens(new SigningKeys(
                "p7Gd2Kq9Zr4Wm1Xv8Bt3Ny6Lc0Hs5Jf_aE-uQ2oI7kR9wT4yM1", null, false), Duration.ofMinutes(15),
                clock(NOW)).open(token, lines(QUOTED))), "another shop's secret");
    }

    @Test
    void aFullCartsTokenFitsInOneStringOfARequest() {
        List<Availability> cart = IntStream.range(0, 100).mapToObj(i -> line("PRODUCT-WITH-A-LONG-SKU-" + i, 5_000,
                700_000, TODAY.plusDays(400), new Delivery(5_000, TODAY, Source.STOCK),
                new Delivery(200_000, TODAY.plusDays(90), Source.INBOUND_SHIPMENT),
                new Delivery(200_000, TODAY.plusDays(200), Source.INBOUND_SHIPMENT),
                new Delivery(300_000, TODAY.plusDays(400), Source.LEAD_TIME))).toList();
        String token = tokens.issue(cart).token();
        assertTrue(token.length() <= MAX_STRING_LENGTH, "a token of " + token.length() + " characters");
        QuoteTokens.Promise promise = tokens.open(token, lines(cart.toArray(Availability[]::new)));
        assertTrue(promise.keptBy(cart));
        assertTrue(tokens.issue(List.of(QUOTED)).token().length() < 100, "one line");
    }

    private QuoteTokens.Promise open(Availability line) {
        return tokens.open(tokens.issue(List.of(line)).token(), lines(line));
    }

    private static List<PlaceOrder.Line> lines(Availability... lines) {
        List<PlaceOrder.Line> asked = new ArrayList<>();
        for (Availability line : lines) {
            asked.add(new PlaceOrder.Line(line.sku(), line.quantity()));
        }
        return asked;
    }

    private static Availability line(String sku, int allocated, int backordered, LocalDate eta, Delivery... parts) {
        Status status = backordered == 0 ? Status.IN_STOCK : allocated == 0 ? Status.BACKORDER
                : Status.PARTLY_IN_STOCK;
        return new Availability(sku, allocated + backordered, status, allocated, backordered, eta, List.of(parts),
                null);
    }

    private static ErrorCode refusal(Runnable action) {
        return assertThrows(ShopException.class, action::run).code();
    }

    private static QuoteTokens tokens(Instant now) {
        return new QuoteTokens(KEYS, Duration.ofMinutes(15), clock(now));
    }

    private static ShopClock clock(Instant now) {
        return new ShopClock(Clock.fixed(now, ZoneOffset.UTC), ZoneOffset.UTC);
    }
}
