package shop.backorders.backorder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Base64;

import org.junit.jupiter.api.Test;

import shop.backorders.backorder.ActionLinks.Action;
import shop.backorders.backorder.ActionLinks.Link;
import shop.backorders.shared.ShopClock;
import shop.backorders.shared.ShopException;
import shop.backorders.shared.SigningKeys;

/** The signed tokens of links in mails, without a database: what verifies and what is turned away. */
class ActionLinksTest {

    private static final String SECRET = "Jx3vQ9-rL2mZ8aW0pT5sK7yB1nD4fH6gE_cU-oV2iM9qR3tY8wA5zX7bN0kP4j";
    private static final String NEXT_SECRET = "p7Gd2Kq9Zr4Wm1Xv8Bt3Ny6Lc0Hs5Jf_aE-uQ2oI7kR9wT4yM1nV6bC3xZ8lD0s";
    private static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");
    private static final LocalDate DATE = LocalDate.parse("2026-12-20");
    private static final Instant QUESTION = Instant.parse("2026-12-09T10:00:00.123456Z");

    private final ActionLinks links = links(SECRET, null, NOW);

    @Test
    void aTokenVerifiesAsTheActionAndQuestionItWasSignedFor() {
        Link accept = links.verify(links.sign(42, Action.ACCEPT_NEW_DATE, DATE, QUESTION));
        assertEquals(new Link(42, Action.ACCEPT_NEW_DATE, DATE, QUESTION, NOW.plus(Duration.ofDays(30))), accept);
        assertEquals(new Link(7, Action.CANCEL, null, QUESTION, NOW.plus(Duration.ofDays(30))),
                links.verify(links.sign(7, Action.CANCEL, null, QUESTION)));
    }

    @Test
    void anAlteredTokenIsInvalid() {
        String token = links.sign(42, Action.CANCEL, null, QUESTION);
        String[] parts = token.split("\\.");
        long expiry = NOW.plus(Duration.ofDays(30)).getEpochSecond();
        long question = ChronoUnit.MICROS.between(Instant.EPOCH, QUESTION);
        String otherBackorder = encode("43|CANCEL||" + question + "|" + expiry);
        String otherAction = encode("42|ACCEPT_NEW_DATE|" + DATE + "|" + question + "|" + expiry);
        String otherQuestion = encode("42|CANCEL||" + (question + 1) + "|" + expiry);
        String longerLife = encode("42|CANCEL||" + question + "|" + (expiry + 86_400 * 3000L));
        for (String payload : new String[] { otherBackorder, otherAction, otherQuestion, longerLife }) {
            assertRefused("LINK_INVALID", parts[0] + "." + payload + "." + parts[2]);
        }
        for (String forged : new String[] { token + "x", token.substring(0, token.length() - 2), "", "no-dot",
                "a.b", parts[1] + "." + parts[2], "XXXXXXXX." + parts[1] + "." + parts[2], token.replace('.', '!'),
                token + ".more" }) {
            assertRefused("LINK_INVALID", forged);
        }
        assertRefused("LINK_INVALID", null);
    }

    @Test
    void aTokenOfTheFormerFormatIsInvalid() {
        String payload = encode("42|CANCEL||" + NOW.plus(Duration.ofDays(30)).getEpochSecond());
        assertRefused("LINK_INVALID", payload + ".AAAA");
    }

    @Test
    void aTokenSignedWithAnotherSecretIsInvalid() {
        String elsewhere = links(NEXT_SECRET, null, NOW).sign(42, Action.CANCEL, null, QUESTION);
        assertRefused("LINK_INVALID", elsewhere);
    }

    @Test
    void duringARotationThePreviousSecretStillVerifiesButNeverSigns() {
        String mailedBefore = links.sign(42, Action.CANCEL, null, QUESTION);
        ActionLinks rotated = links(NEXT_SECRET, SECRET, NOW);
        assertEquals(42, rotated.verify(mailedBefore).backorderId());
        String mailedAfter = rotated.sign(43, Action.CANCEL, null, QUESTION);
        assertEquals(43, links(NEXT_SECRET, null, NOW).verify(mailedAfter).backorderId(), "signed with the new one");
        assertRefused("LINK_INVALID", mailedBefore, links(NEXT_SECRET, null, NOW));
        assertThrows(IllegalStateException.class, () -> links(SECRET, SECRET, NOW));
    }

    @Test
    void aTokenExpires() {
        String token = links.sign(42, Action.CANCEL, null, QUESTION);
        links(SECRET, null, NOW.plus(Duration.ofDays(30)).minusSeconds(1)).verify(token);
        assertRefused("LINK_EXPIRED", token, links(SECRET, null, NOW.plus(Duration.ofDays(30))));
    }

    @Test
    void aLinkAnswersOnlyItsOwnOpenQuestionAndOnlyOnce() {
        Link link = links.verify(links.sign(42, Action.CANCEL, null, QUESTION));
        link.checkAnswers(false, BackorderStatus.WAITING, QUESTION);
        assertEquals("LINK_USED", refusal(() -> link.checkAnswers(true, BackorderStatus.CANCELLED, QUESTION)));
        assertEquals("INVALID_STATE", refusal(() -> link.checkAnswers(false, BackorderStatus.WAITING, null)),
                "answered in the storefront");
        assertEquals("INVALID_STATE", refusal(() -> link.checkAnswers(false, BackorderStatus.WAITING,
                QUESTION.plus(Duration.ofDays(3)))), "asked anew");
        assertEquals("INVALID_STATE", refusal(() -> link.checkAnswers(false, BackorderStatus.ALLOCATED, QUESTION)),
                "filled meanwhile");
    }

    private void assertRefused(String code, String token) {
        assertRefused(code, token, links);
    }

    private static void assertRefused(String code, String token, ActionLinks verifier) {
        assertEquals(code, refusal(() -> verifier.verify(token)), token);
    }

    private static String refusal(Runnable action) {
        return assertThrows(ShopException.class, action::run).code().name();
    }

    private static ActionLinks links(String secret, String previous, Instant now) {
        return new ActionLinks(new SigningKeys(secret, previous, false), Duration.ofDays(30), clock(now));
    }

    private static ShopClock clock(Instant now) {
        return new ShopClock(Clock.fixed(now, ZoneOffset.UTC), ZoneOffset.UTC);
    }

    private static String encode(String payload) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes(StandardCharsets.UTF_8));
    }
}
