package shop.backorders.notification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static shop.backorders.support.Fixtures.createProduct;
import static shop.backorders.support.Fixtures.line;
import static shop.backorders.support.Fixtures.orderOf;
import static shop.backorders.support.Fixtures.placeOrder;
import static shop.backorders.support.GraphQLClient.data;
import static shop.backorders.support.GraphQLClient.error;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.jboss.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.path.json.JsonPath;
import shop.backorders.notification.MailClaims.Claimed;
import shop.backorders.support.EngineTest;
import shop.backorders.support.FailBeforeCommit;
import shop.backorders.support.GraphQLClient;
import shop.backorders.support.Inbox;
import shop.backorders.support.Inbox.Mail;
import shop.backorders.support.MovableClock;
import shop.backorders.support.Queues;

/** Mail through the outbox to a real SMTP server: what arrives, when, and that it arrives once. */
@QuarkusTest
class MailTest extends EngineTest {

    private static final Logger LOG = Logger.getLogger(MailTest.class);

    @Inject
    MailDispatcher dispatcher;

    @Inject
    MovableClock clock;

    @Inject
    MailClaims claims;

    private Inbox inbox;

    @BeforeEach
    void startMailServerWithAnEmptyOutbox() throws SQLException {
        inbox = Inbox.startWithEmptyOutbox(dataSource);
    }

    @AfterEach
    void stopMailServer() {
        inbox.close();
        clock.reset();
    }

    @Test
    void everyKindOfMailArrivesSayingWhatHappened() {
        String sku = createProduct("ALLOW", null, 0);
        String customer = customer();
        LocalDate today = LocalDate.now(clock);
        JsonPath order = placeOrder(customer, sku, 2);
        String orderId = order.getString("id");
        dispatch();
        Mail created = inbox.latest(customer, 1);
        assertTrue(created.subject().startsWith("Backordered: 2 × Test product " + sku), created.subject());
        assertTrue(created.subject().contains("(order #" + orderId + ")"), created.subject());
        assertTrue(created.text().contains("Your place in line: #1"), created.text());
        assertTrue(created.text().contains(day(today.plusDays(7))), "the lead-time estimate: " + created.text());
        assertTrue(created.html().contains("<strong>#1</strong>"), created.html());
        assertTrue(created.messageId().matches("<notification-\\d+@localhost>"), created.messageId());

        // Announced supply brings the date forward: a new date, after the coalescing window.
        String shipment = data("ScheduleInbound", Map.of("sku", sku, "quantity", 2,
                "expectedAt", today.plusDays(3).toString())).getString("scheduleInbound.id");
        dispatch();
        assertEquals(1, inbox.to(customer).size(), "the date change waits out its window");
        clock.advance(Duration.ofMinutes(2));
        dispatch();
        Mail moved = inbox.latest(customer, 2);
        assertTrue(moved.subject().startsWith("New expected date for Test product " + sku + ": "
                + day(today.plusDays(3))), moved.subject());
        assertTrue(moved.text().contains("instead of " + day(today.plusDays(7))), moved.text());

        // The supplier slips past the promise: the customer is asked.
        data("UpdateInbound", Map.of("id", shipment, "quantity", 2, "expectedAt", today.plusDays(12).toString()));
        dispatch();
        Mail consent = inbox.latest(customer, 3);
        assertTrue(consent.subject().contains("is delayed to " + day(today.plusDays(12))
                + ": keep your order or cancel?"), consent.subject());
        assertTrue(consent.text().contains("later than the " + day(today.plusDays(7))), consent.text());
        // The answer links open (and redeem) without a sign-in, for this backorder and date only.
        Matcher accept = Pattern.compile("/backorders/(\\d+)/accept-new-date\\?token=([\\w.-]+)")
                .matcher(consent.text());
        assertTrue(accept.find(), consent.text());
        JsonPath link = GraphQLClient.anonymous().data("BackorderLink", Map.of("token", accept.group(2)))
                .setRootPath("data.backorderLink");
        assertEquals("ACCEPT_NEW_DATE", link.getString("action"));
        assertEquals(today.plusDays(12).toString(), link.getString("eta"));
        assertEquals(accept.group(1), link.getString("backorder.id"));
        assertTrue(consent.html().contains("/backorders/" + accept.group(1) + "/cancel?token="), consent.html());
        assertTrue(consent.text().contains("we will keep your backorder for the new date"), consent.text());
        data("UpdateInbound", Map.of("id", shipment, "quantity", 2, "expectedAt", today.plusDays(13).toString()));
        clock.advance(Duration.ofMinutes(2));
        dispatch();
        assertEquals(3, inbox.to(customer).size(), "no date mails while the customer is asked");

        data("ReceiveInbound", Map.of("id", shipment, "quantity", 2));
        dispatch();
        Mail allocated = inbox.latest(customer, 4);
        assertTrue(allocated.subject().contains("is set aside for you and ready to ship"), allocated.subject());
        assertTrue(allocated.text().contains("set aside 2 × Test product " + sku + " for your order #" + orderId),
                allocated.text());

        data("ShipOrder", Map.of("id", orderId));
        dispatch();
        Mail shipped = inbox.latest(customer, 5);
        assertTrue(shipped.subject().startsWith("Shipped: 2 × Test product " + sku), shipped.subject());
        assertTrue(shipped.html().contains("from your order #" + orderId), shipped.html());

        String backorder = placeOrder(customer, sku, 1).getString("backorders[0].id");
        data("CancelBackorder", Map.of("id", backorder));
        dispatch();
        List<Mail> all = inbox.to(customer);
        assertEquals(7, all.size());
        assertTrue(all.get(6).subject().startsWith("Cancelled: your backorder of Test product " + sku),
                all.get(6).subject());
        assertTrue(all.get(6).text().contains("Nothing more will ship for it."), all.get(6).text());
        assertEquals(7, new HashSet<>(all.stream().map(Mail::messageId).toList()).size(), "one Message-ID per mail");
        all.forEach(mail -> LOG.infof("Mail: %s", mail.subject()));
    }

    @Test
    void datesMovedWithinTheWindowMakeOneMailAndADateMovedBackMakesNone() {
        String sku = createProduct("ALLOW", null, 0);
        String customer = customer();
        LocalDate today = LocalDate.now(clock);
        placeOrder(customer, sku, 1);
        String shipment = data("ScheduleInbound", Map.of("sku", sku, "quantity", 1,
                "expectedAt", today.plusDays(4).toString())).getString("scheduleInbound.id");
        for (int days : new int[] {5, 6}) {
            data("UpdateInbound", Map.of("id", shipment, "quantity", 1, "expectedAt", today.plusDays(days).toString()));
        }
        clock.advance(Duration.ofMinutes(2));
        dispatch();
        List<Mail> mails = inbox.to(customer);
        assertEquals(2, mails.size(), "created, then one mail for three moves");
        assertTrue(mails.get(1).text().contains("now expected on " + day(today.plusDays(6)) + " instead of "
                + day(today.plusDays(7))), mails.get(1).text());

        data("UpdateInbound", Map.of("id", shipment, "quantity", 1, "expectedAt", today.plusDays(5).toString()));
        data("UpdateInbound", Map.of("id", shipment, "quantity", 1, "expectedAt", today.plusDays(6).toString()));
        clock.advance(Duration.ofMinutes(2));
        dispatch();
        assertEquals(2, inbox.to(customer).size(), "back where the customer was told: nothing to say");
    }

    @Test
    void aMailServerOutageDelaysMailWithoutLosingOrDuplicatingIt() {
        String sku = createProduct("ALLOW", null, 0);
        List<String> customers = new ArrayList<>();
        inbox.down();
        for (int i = 0; i < 20; i++) {
            customers.add(customer());
            placeOrder(customers.get(i), sku, 1);
        }
        assertEquals(3, dispatch(), "three refusals in a row: the other mails wait, untried");
        clock.advance(Duration.ofSeconds(3));
        assertEquals(3, dispatch(), "a run after the first retry interval tries a few again");
        assertEquals(0, dispatch(), "nothing is due before the next interval");
        JsonPath pending = data("Notifications", Map.of("status", "PENDING", "first", 100));
        assertEquals(20, pending.getList("notifications.edges").size(), "every mail still waits, none failed");
        assertEquals(6, pending.getList("notifications.edges.node.attempts", Integer.class).stream()
                .mapToInt(Integer::intValue).sum(), "six attempts in all, not forty");
        assertTrue(pending.getString("notifications.edges.find { it.node.attempts > 0 }.node.lastError")
                .contains("Connection refused"));

        inbox.up();
        clock.advance(Duration.ofSeconds(10));
        assertEquals(20, dispatch());
        clock.advance(Duration.ofMinutes(10));
        assertEquals(0, dispatch(), "nothing left to send");
        List<Mail> received = inbox.received();
        long distinct = received.stream().map(Mail::messageId).distinct().count();
        LOG.infof("Mail server outage: %d mails queued, %d delivered after it came back, %d duplicated",
                customers.size(), received.size(), received.size() - distinct);
        assertEquals(20, received.size());
        assertEquals(20, distinct);
        customers.forEach(customer -> assertEquals(1, inbox.to(customer).size(), customer));
    }

    @Test
    void aMailThatKeepsFailingIsFailedUntilStaffRetryIt() {
        String sku = createProduct("ALLOW", null, 0);
        String customer = customer();
        inbox.down();
        placeOrder(customer, sku, 1);
        for (int attempt = 0; attempt < 3; attempt++) {
            dispatch();
            clock.advance(Duration.ofSeconds(11));
        }
        JsonPath failed = data("Notifications", Map.of("status", "FAILED", "first", 100))
                .setRootPath("data.notifications.edges.find { it.node.recipient == '" + customer + "' }.node");
        assertEquals("FAILED", failed.getString("status"));
        assertEquals(3, failed.getInt("attempts"));
        String id = failed.getString("id");
        error("INVALID_STATE", "RetryNotification", Map.of("id", placeAndFindPending(sku)));

        inbox.up();
        assertEquals("PENDING", data("RetryNotification", Map.of("id", id)).getString("retryNotification.status"));
        dispatch();
        assertEquals(1, inbox.to(customer).size());
        error("NOT_FOUND", "RetryNotification", Map.of("id", "987654321"));
    }

    @Test
    void dispatchersRacingOverTheSameMailSendEachOnce() throws Exception {
        String sku = createProduct("ALLOW", null, 0);
        for (int i = 0; i < 40; i++) {
            placeOrder(customer(), sku, 1);
        }
        assertEquals(40, dispatchAtOnce(4), "each mail claimed by exactly one dispatcher");
        List<Mail> received = inbox.received();
        assertEquals(40, received.size());
        assertEquals(40, received.stream().map(Mail::messageId).distinct().count());
    }

    /**
     * Sends under way on every event loop at once, each mail on a new SMTP connection (the test configuration):
     * the Vert.x mail client lost the server's greeting on some of those connections, and their sends hung
     * (see MailSender).
     */
    @Test
    void mailsSentAtOnceFromEveryEventLoopOnNewConnectionsArriveOnceEach() throws Exception {
        String sku = createProduct("ALLOW", null, 0);
        Queues.queueBackorders(dataSource, sku, 80, 1);
        data("ReceiveStock", Map.of("sku", sku, "quantity", 80));

        assertEquals(80, dispatchAtOnce(4));

        List<Mail> received = inbox.received();
        LOG.infof("Sent at once on new connections: %d of 80 mails arrived", received.size());
        assertEquals(80, received.size());
        assertEquals(80, received.stream().map(Mail::messageId).distinct().count());
        assertEquals(80, received.stream().map(Mail::to).distinct().count(), "one mail per backorder filled");
    }

    /** Runs several dispatchers at once, each from a thread of its own, hence on the event loops in turn. */
    private int dispatchAtOnce(int dispatchers) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(dispatchers);
        try {
            List<Future<Integer>> runs = new ArrayList<>();
            for (int i = 0; i < dispatchers; i++) {
                runs.add(pool.submit(this::dispatch));
            }
            int attempted = 0;
            for (Future<Integer> run : runs) {
                attempted += run.get();
            }
            return attempted;
        } finally {
            pool.shutdown();
        }
    }

    /** A batch of many customers' mails goes out once each, one backorder's mails in the order they happened. */
    @Test
    void mailsGoOutTogetherOnceEachAndOneBackordersInTheirOrder() {
        String sku = createProduct("ALLOW", null, 0);
        String first = customer();
        placeOrder(first, sku, 1);
        data("ReceiveStock", Map.of("sku", sku, "quantity", 1));
        for (int i = 0; i < 30; i++) {
            placeOrder(customer(), sku, 1);
        }

        assertEquals(32, dispatch());

        List<Mail> received = inbox.received();
        assertEquals(32, received.size());
        assertEquals(32, received.stream().map(Mail::messageId).distinct().count());
        List<Mail> firsts = inbox.to(first);
        assertEquals(2, firsts.size());
        assertTrue(firsts.get(0).subject().startsWith("Backordered: "), firsts.get(0).subject());
        assertTrue(firsts.get(1).subject().contains("is set aside for you"), firsts.get(1).subject());
    }

    @Test
    void aDispatcherWhoseClaimLapsedCannotMarkTheMail() throws Throwable {
        placeOrder(customer(), createProduct("ALLOW", null, 0), 1);
        Instant now = clock.instant();
        List<Claimed> first = claim(now, now.plusSeconds(1));
        assertEquals(1, first.size());
        assertEquals(0, claim(now, now.plusSeconds(1)).size(), "claimed rows are not claimed again");

        clock.advance(Duration.ofSeconds(2));
        List<Claimed> second = claim(clock.instant(), clock.instant().plusSeconds(60));
        assertEquals(1, second.size(), "a lapsed claim is taken over");
        assertEquals(0, VertxContextSupport.<Integer>subscribeAndAwait(() -> Panache.withTransaction(
                () -> claims.markSent(first.get(0), clock.instant()))), "the first claim is void");
        assertEquals(1, VertxContextSupport.<Integer>subscribeAndAwait(() -> Panache.withTransaction(
                () -> claims.markSent(second.get(0), clock.instant()))));
    }

    private List<Claimed> claim(Instant now, Instant leaseEnds) throws Throwable {
        return VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(
                () -> claims.claim(now, leaseEnds, 10)));
    }

    @Test
    void aChangeRolledBackAfterItsMailWasQueuedSendsNothing() throws SQLException {
        String sku = createProduct("ALLOW", null, 0);
        String customer = customer();
        FailBeforeCommit.arm();
        try {
            error("INTERNAL", "PlaceOrder", orderOf(customer, List.of(line(sku, 1)), "SHIP_AVAILABLE", null));
        } finally {
            FailBeforeCommit.disarm();
        }
        assertEquals(0, dispatch());
        assertEquals(0, inbox.received().size());
        try (Connection connection = dataSource.getConnection();
                PreparedStatement count = connection.prepareStatement(
                        "SELECT count(*) FROM notification WHERE recipient = ?")) {
            count.setString(1, customer);
            try (ResultSet rows = count.executeQuery()) {
                rows.next();
                assertEquals(0, rows.getInt(1), "the outbox row went with the transaction");
            }
        }
    }

    @Test
    void aPartialShipmentSaysHowManyAndNamesAreEscapedInHtml() {
        String sku = createProduct("ALLOW", null, 0);
        data("UpdateProduct", Map.of("sku", sku, "input", Map.of("name", "Mug <Classic> & Co")));
        String customer = customer();
        String orderId = placeOrder(customer, sku, 3).getString("id");
        data("ReceiveStock", Map.of("sku", sku, "quantity", 2));
        data("ShipOrder", Map.of("id", orderId));
        dispatch();
        Mail shipped = inbox.latest(customer, 2);
        assertEquals("Partly shipped: 2 of 3 × Mug <Classic> & Co (order #" + orderId + ")", shipped.subject());
        assertTrue(shipped.text().contains("2 of the 3 × Mug <Classic> & Co"), shipped.text());
        assertTrue(shipped.html().contains("Mug &lt;Classic&gt; &amp; Co"), shipped.html());
        assertFalse(shipped.text().contains("null"), shipped.text());
    }

    @Test
    void oneAlertWhenAProductCanBeOrderedAgain() {
        String sku = createProduct("DENY", null, 0);
        String customer = customer();
        assertTrue(data("NotifyWhenAvailable", Map.of("sku", sku, "email", customer))
                .getBoolean("notifyWhenAvailable"));
        assertFalse(data("NotifyWhenAvailable", Map.of("sku", sku, "email", customer.toUpperCase()))
                .getBoolean("notifyWhenAvailable"), "asking twice is one request");
        String changedMind = customer();
        data("NotifyWhenAvailable", Map.of("sku", sku, "email", changedMind));
        assertTrue(data("StopNotifyWhenAvailable", Map.of("sku", sku, "email", changedMind))
                .getBoolean("stopNotifyWhenAvailable"));
        error("UNKNOWN_PRODUCT", "NotifyWhenAvailable", Map.of("sku", "NO-SUCH-SKU", "email", customer));
        error("INVALID_INPUT", "NotifyWhenAvailable", Map.of("sku", sku, "email", "not an address"));

        data("ReceiveStock", Map.of("sku", sku, "quantity", 3));
        data("ReceiveStock", Map.of("sku", sku, "quantity", 3));
        dispatch();
        assertEquals(1, inbox.to(customer).size());
        Mail alert = inbox.to(customer).get(0);
        assertEquals("Test product " + sku + " can be ordered again", alert.subject());
        assertTrue(alert.text().contains("/products/" + sku), alert.text());
        assertFalse(alert.text().contains("null"), alert.text());
        assertEquals(0, inbox.to(changedMind).size());

        String late = customer();
        data("NotifyWhenAvailable", Map.of("sku", sku, "email", late));
        dispatch();
        assertEquals(1, inbox.to(late).size(), "already orderable: told at once");
    }

    /** A second order makes a fresh PENDING mail; returns its id. */
    private String placeAndFindPending(String sku) {
        String other = customer();
        placeOrder(other, sku, 1);
        return data("Notifications", Map.of("status", "PENDING", "first", 100))
                .setRootPath("data.notifications.edges.find { it.node.recipient == '" + other + "' }.node")
                .getString("id");
    }

    private int dispatch() {
        return Inbox.dispatch(dispatcher);
    }

    private static String customer() {
        return "c-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    }

    private static String day(LocalDate date) {
        return date.format(DateTimeFormatter.ofPattern("EEEE d MMMM yyyy", Locale.ENGLISH));
    }
}
