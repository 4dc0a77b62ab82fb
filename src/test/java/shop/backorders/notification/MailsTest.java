package shop.backorders.notification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.quarkus.qute.Engine;
import io.quarkus.qute.ReflectionValueResolver;
import io.quarkus.qute.TemplateLocator.TemplateLocation;
import io.quarkus.qute.Variant;

import shop.backorders.backorder.ActionLinks;
import shop.backorders.backorder.ActionLinks.Action;
import shop.backorders.backorder.ActionLinks.Link;
import shop.backorders.backorder.BackorderEta;
import shop.backorders.backorder.BackorderState;
import shop.backorders.backorder.BackorderStatus;
import shop.backorders.backorder.EtaSource;
import shop.backorders.shared.ShopClock;
import shop.backorders.shared.ShopException;
import shop.backorders.shared.SigningKeys;
import shop.backorders.supply.PurchaseOrderLinks;

/** What a mail says and links to, and when a refused one is tried again: no mail server, no database. */
class MailsTest {

    private static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");
    private static final SigningKeys KEYS = new SigningKeys("a-secret-of-at-least-thirty-two-bytes-0123456789", null,
            false);
    private static final ShopClock CLOCK = new ShopClock(Clock.fixed(NOW, ZoneOffset.UTC), ZoneOffset.UTC);
    private static final ActionLinks LINKS = new ActionLinks(KEYS, Duration.ofDays(30), CLOCK);
    private static final Notice DELAYED = new Notice("ARM-1", "Monitor arm", new BackorderState(42, 7, 3, "ARM-1",
            "Monitor arm", "ada@example.com", 1001, 2, 0, 0, BackorderStatus.WAITING, false, NOW, 3,
            new BackorderEta(LocalDate.parse("2026-12-20"), EtaSource.INBOUND_SHIPMENT, 5L,
                    LocalDate.parse("2026-12-10"), NOW.plus(Duration.ofDays(7)), null)), null, null);
    /** The mail templates as files, rendered by Qute alone: every value a template reads must exist. */
    private static final Engine TEMPLATES = Engine.builder().addDefaults()
            .addValueResolver(new ReflectionValueResolver()).strictRendering(true)
            .addLocator(path -> Optional.ofNullable(MailsTest.class.getResource("/templates/" + path))
                    .map(url -> new TemplateLocation() {
                        @Override
                        public Reader read() {
                            try {
                                return new InputStreamReader(url.openStream(), StandardCharsets.UTF_8);
                            } catch (IOException e) {
                                throw new UncheckedIOException(e);
                            }
                        }

                        @Override
                        public Optional<Variant> getVariant() {
                            return Optional.empty();
                        }
                    }))
            .build();

    @Test
    void aDelayMailAsksWithLinksThatActOnlyOnItsBackorder() {
        Mails.Letter letter = letter(NotificationKind.ETA_CONSENT, DELAYED);
        assertEquals("Monitor arm is delayed to Sunday 20 December 2026: keep your order or cancel? (order #7)",
                letter.subject());
        Instant question = NOW.plus(Duration.ofDays(7));
        assertEquals(new Link(42, Action.ACCEPT_NEW_DATE, LocalDate.parse("2026-12-20"), question,
                NOW.plus(Duration.ofDays(30))),
                LINKS.verify(token(letter.acceptLink(), "https://shop.example/backorders/42/accept-new-date?token=")));
        assertEquals(new Link(42, Action.CANCEL, null, question, NOW.plus(Duration.ofDays(30))),
                LINKS.verify(token(letter.cancelLink(), "https://shop.example/backorders/42/cancel?token=")));
        assertEquals("we will keep your backorder for the new date", letter.whenSilent());
    }

    @Test
    void otherMailsAboutABackorderCarryNoActionLinks() {
        for (NotificationKind kind : NotificationKind.values()) {
            if (kind != NotificationKind.ETA_CONSENT && kind != NotificationKind.BACK_IN_STOCK
                    && kind != NotificationKind.PURCHASE_ORDER && kind != NotificationKind.PURCHASE_ORDER_CANCELLED) {
                Mails.Letter letter = letter(kind, DELAYED);
                assertNull(letter.acceptLink(), kind.name());
                assertNull(letter.cancelLink(), kind.name());
                assertEquals("https://shop.example/orders/7", letter.orderLink(), kind.name());
            }
        }
    }

    @Test
    void aRangeIsWrittenOutOnceForEveryTemplate() {
        assertEquals("on Tuesday 12 May 2026", Mails.expected(LocalDate.parse("2026-05-12"), null));
        assertEquals("on Tuesday 12 May 2026", Mails.expected(LocalDate.parse("2026-05-12"),
                LocalDate.parse("2026-05-12")), "latest on the date: no range");
        assertEquals("between 12 and 19 May 2026", Mails.expected(LocalDate.parse("2026-05-12"),
                LocalDate.parse("2026-05-19")));
        assertEquals("between 28 May and 4 June 2026", Mails.expected(LocalDate.parse("2026-05-28"),
                LocalDate.parse("2026-06-04")));
        assertEquals("between 28 December 2026 and 4 January 2027", Mails.expected(LocalDate.parse("2026-12-28"),
                LocalDate.parse("2027-01-04")));
    }

    @Test
    void mailsAboutADateSayBetweenWhereThereIsARange() {
        Notice ranged = new Notice("ARM-1", "Monitor arm", new BackorderState(42, 7, 3, "ARM-1", "Monitor arm",
                "ada@example.com", 1001, 2, 0, 0, BackorderStatus.WAITING, false, NOW, 3,
                new BackorderEta(LocalDate.parse("2027-05-12"), EtaSource.INBOUND_SHIPMENT, 5L,
                        LocalDate.parse("2027-05-01"), NOW.plus(Duration.ofDays(7)), LocalDate.parse("2027-05-19"))),
                LocalDate.parse("2027-05-01"), null);
        assertEquals("Backordered: 2 × Monitor arm, expected between 12 and 19 May 2027 (order #7)",
                letter(NotificationKind.BACKORDER_CREATED, ranged).subject());
        for (NotificationKind kind : new NotificationKind[] { NotificationKind.BACKORDER_CREATED,
                NotificationKind.ETA_CHANGED, NotificationKind.ETA_CONSENT }) {
            for (String variant : new String[] { "html", "txt" }) {
                String mail = render(kind, variant, letter(kind, ranged));
                assertTrue(mail.contains("between 12 and 19 May 2027"), kind + "." + variant + ":\n" + mail);
                String plain = render(kind, variant, letter(kind, DELAYED));
                assertTrue(plain.contains("on Sunday 20 December 2026") && !plain.contains("between"),
                        kind + "." + variant + " without a range says the day as before:\n" + plain);
            }
        }
    }

    @Test
    void aBackInStockMailLinksToTheProductAndNoOrder() {
        Mails.Letter letter = letter(NotificationKind.BACK_IN_STOCK, new Notice("ARM-1", "Monitor arm", null, null,
                null));
        assertEquals("Monitor arm can be ordered again", letter.subject());
        assertEquals("https://shop.example/products/ARM-1", letter.productLink());
        assertNull(letter.orderLink());
        assertNull(letter.cancelLink());
    }

    @Test
    void aPurchaseOrdersMailLinksToThatOrderAloneOnTheServicesOwnPage() {
        PurchaseOrderLinks orderLinks = new PurchaseOrderLinks(KEYS, Duration.ofDays(120), CLOCK);
        Mails.SupplierLetter letter = Mails.supplierLetter(NotificationKind.PURCHASE_ORDER, new Notice.PurchaseOrderSent(12, 3, "Acme", List.of(
                new Notice.PurchaseOrderSent.Line(1, "ARM-1", "Monitor arm", 40, LocalDate.parse("2026-12-09")))),
                new Mails.Links("https://shop.example", "https://backorders.shop.example", LINKS, orderLinks));
        assertEquals("Purchase order #12: please confirm the delivery dates", letter.subject());
        assertEquals("Wednesday 9 December 2026", letter.lines().get(0).expectedAt());
        String token = token(letter.answerLink(), "https://backorders.shop.example/supplier/purchase-orders/12?token=");
        assertEquals(new PurchaseOrderLinks.Link(12, 3, NOW.plus(Duration.ofDays(120)).truncatedTo(ChronoUnit.SECONDS)),
                orderLinks.verify(token));
        assertThrows(ShopException.class, () -> LINKS.verify(token), "not a customer's action link");
        for (String variant : new String[] { "html", "txt" }) {
            String mail = TEMPLATES.getTemplate("Mails/PurchaseOrder." + variant).data("letter", letter).render();
            assertTrue(mail.contains("Monitor arm (ARM-1)") && mail.contains(letter.answerLink())
                    && mail.contains("because we order from you"), variant + ":\n" + mail);
        }
        Mails.SupplierLetter cancelled = Mails.supplierLetter(NotificationKind.PURCHASE_ORDER_CANCELLED,
                new Notice.PurchaseOrderSent(12, 3, "Acme", List.of()), new Mails.Links("https://shop.example",
                        "https://backorders.shop.example", LINKS, orderLinks));
        assertEquals("Purchase order #12 is cancelled", cancelled.subject());
        assertNull(cancelled.answerLink(), "a cancelled order cannot be answered");
        TEMPLATES.getTemplate("Mails/PurchaseOrderCancelled.txt").data("letter", cancelled).render();
    }

    @Test
    void aRefusedMailIsTriedAgainDoublingUpToTheCap() {
        Duration first = Duration.ofSeconds(5);
        Duration cap = Duration.ofMinutes(5);
        assertEquals(Duration.ofSeconds(5), MailDispatcher.retryDelay(1, first, cap));
        assertEquals(Duration.ofSeconds(10), MailDispatcher.retryDelay(2, first, cap));
        assertEquals(Duration.ofSeconds(160), MailDispatcher.retryDelay(6, first, cap));
        assertEquals(cap, MailDispatcher.retryDelay(7, first, cap));
        assertEquals(cap, MailDispatcher.retryDelay(100, first, cap), "no overflow however many attempts");
    }

    private static Mails.Letter letter(NotificationKind kind, Notice notice) {
        return Mails.letter(kind, notice, "https://shop.example", ZoneOffset.UTC, false, LINKS);
    }

    /** The mail's own template (HTML left unescaped: nothing checked here needs escaping). */
    private static String render(NotificationKind kind, String variant, Mails.Letter letter) {
        String name = Mails.template(kind, letter).getClass().getSimpleName();
        return TEMPLATES.getTemplate("Mails/" + name + "." + variant).data("letter", letter).render();
    }

    private static String token(String link, String prefix) {
        assertTrue(link.startsWith(prefix), link);
        return link.substring(prefix.length());
    }
}
