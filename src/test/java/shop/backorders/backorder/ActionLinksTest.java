package shop.backorders.backorder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Base64;

import org.junit.jupiter.api.Test;

import shop.backorders.backorder.ActionLinks.Action;
import shop.backorders.backorder.ActionLinks.Link;
import shop.backorders.shared.ShopClock;
import shop.backorders.shared.ShopException;

/** The signed tokens of links in mails, without a database: what verifies and what is turned away. */
class ActionLinksTest {

    private static final String SECRET = "a-secret-of-at-least-thirty-two-bytes-0123456789";
    private static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");
    private static final LocalDate DATE = LocalDate.parse("2026-12-20");

    private final ActionLinks links = links(SECRET, NOW);

    @Test
    void aTokenVerifiesAsTheActionItWasSignedFor() {
        Link accept = links.verify(links.sign(42, Action.ACCEPT_NEW_DATE, DATE));
        assertEquals(new Link(42, Action.ACCEPT_NEW_DATE, DATE, NOW.plus(Duration.ofDays(30))), accept);
        assertEquals(new Link(7, Action.CANCEL, null, NOW.plus(Duration.ofDays(30))),
                links.verify(links.sign(7, Action.CANCEL, null)));
    }

    @Test
    void anAlteredTokenIsInvalid() {
        String token = links.sign(42, Action.CANCEL, null);
        String signature = token.substring(token.indexOf('.'));
        String otherBackorder = encode("43|CANCEL||" + NOW.plus(Duration.ofDays(30)).getEpochSecond());
        String otherAction = encode("42|ACCEPT_NEW_DATE|" + DATE + "|"
                + NOW.plus(Duration.ofDays(30)).getEpochSecond());
        String longerLife = encode("42|CANCEL||" + NOW.plus(Duration.ofDays(3000)).getEpochSecond());
        for (String forged : new String[] { otherBackorder + signature, otherAction + signature,
                longerLife + signature, token + "x", token.substring(0, token.length() - 2), "", "no-dot",
                "." + signature, token.replace('.', '!') }) {
            assertRefused("LINK_INVALID", forged);
        }
        assertRefused("LINK_INVALID", null);
    }

    @Test
    void aTokenSignedWithAnotherSecretIsInvalid() {
        String elsewhere = links("another-secret-of-at-least-thirty-two-bytes-987", NOW).sign(42, Action.CANCEL, null);
        assertRefused("LINK_INVALID", elsewhere);
    }

    @Test
    void aTokenExpires() {
        String token = links.sign(42, Action.CANCEL, null);
        links(SECRET, NOW.plus(Duration.ofDays(30)).minusSeconds(1)).verify(token);
        assertRefused("LINK_EXPIRED", token, links(SECRET, NOW.plus(Duration.ofDays(30))));
    }

    @Test
    void aShortSecretIsRefusedAtStart() {
        assertThrows(IllegalStateException.class, () -> links("too short", NOW));
    }

    private void assertRefused(String code, String token) {
        assertRefused(code, token, links);
    }

    private static void assertRefused(String code, String token, ActionLinks verifier) {
        ShopException refused = assertThrows(ShopException.class, () -> verifier.verify(token), token);
        assertEquals(code, refused.code().name());
    }

    private static ActionLinks links(String secret, Instant now) {
        return new ActionLinks(secret, Duration.ofDays(30), new ShopClock(Clock.fixed(now, ZoneOffset.UTC),
                ZoneOffset.UTC));
    }

    private static String encode(String payload) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes(StandardCharsets.UTF_8));
    }
}
