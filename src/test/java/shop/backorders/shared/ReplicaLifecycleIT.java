package shop.backorders.shared;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static shop.backorders.support.Fixtures.createProduct;
import static shop.backorders.support.GraphQLClient.data;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;

import org.jboss.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import io.restassured.RestAssured;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import shop.backorders.support.GraphQLClient;
import shop.backorders.support.PackagedDatabase;
import shop.backorders.support.PackagedService;
import shop.backorders.support.Queues;
import shop.backorders.support.SubscriptionClient;
import shop.backorders.support.SubscriptionClient.Protocol;
import shop.backorders.support.Tokens;

/**
 * One replica of the packaged service through a database restart and its own stop, as Kubernetes runs it:
 * readiness follows the database while liveness holds, and a SIGTERM lets the request under way finish,
 * closes subscription connections with 1001 (going away) and leaves no mail claimed. The instance sends mail
 * to a GreenMail of its own, on a free port. The last test ends the instance.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ReplicaLifecycleIT {

    private static final Logger LOG = Logger.getLogger(ReplicaLifecycleIT.class);
    /** GreenMail logs every new recipient; held here, as the log manager keeps its loggers weakly. */
    private static final java.util.logging.Logger MAIL_USERS = java.util.logging.Logger.getLogger(
            "com.icegreen.greenmail.user.UserManager");
    private static final Duration READINESS_FOLLOWS = Duration.ofSeconds(20);
    /** Mails queued before the stop: enough to keep the dispatcher sending when it comes. */
    private static final int MAILS = 300;
    /** Backorders one restock fills during the stop: a request that takes a while. */
    private static final int SLOW_RESTOCK = 10_000;

    /**
     * HTTP/1.1, as a load balancer speaks to the service: Java's HTTP/2 client failed the request in flight when
     * the stopping server announced it with GOAWAY, which the server lets finish all the same.
     */
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final Vertx vertx = Vertx.vertx();
    private GreenMail mailServer;
    private PackagedService instance;

    @BeforeAll
    void startMailServerAndInstance() throws Exception {
        MAIL_USERS.setLevel(Level.WARNING);
        int smtpPort = PackagedService.freePort();
        mailServer = new GreenMail(new ServerSetup(smtpPort, "localhost", ServerSetup.PROTOCOL_SMTP));
        mailServer.start();
        instance = PackagedService.start("lifecycle", PackagedDatabase.get().getPort(), Map.of(
                "SHOP_MAIL_DISPATCH_EVERY", "1s",
                "QUARKUS_MAILER_PORT", Integer.toString(smtpPort),
                // Kubernetes needs seconds for the endpoint to go; here a second is enough to see the order of things
                "QUARKUS_SHUTDOWN_DELAY", "1s"));
        instance.awaitReady();
        RestAssured.port = instance.port();
    }

    @AfterAll
    void stopEverything() {
        instance.stop();
        mailServer.stop();
        vertx.close();
    }

    @Test
    @Order(1)
    void readinessGoesDownWithTheDatabaseAndComesBackWithIt() throws Exception {
        assertEquals(200, status("/q/health/ready"));
        long stopped = System.nanoTime();
        PackagedDatabase.stop();
        long notReady;
        try {
            notReady = awaitReadiness(503, stopped);
        } finally {
            PackagedDatabase.restart();
        }
        long restarted = System.nanoTime();
        long readyAgain = awaitReadiness(200, restarted);
        LOG.infof("Database stopped: not ready after %d ms; started again: ready after %d ms", notReady, readyAgain);
    }

    @Test
    @Order(2)
    void aStopFinishesTheRequestUnderWayClosesSubscriptionsAndLeavesNoMailClaimed() throws Exception {
        String mailed = createProduct("ALLOW", null, 0);
        Queues.queueBackorders(PackagedDatabase.get().getPostgresDatabase(), mailed, MAILS, 1);
        data("ReceiveStock", Map.of("sku", mailed, "quantity", MAILS));
        String slow = createProduct("ALLOW", null, 0);
        Queues.queueBackorders(PackagedDatabase.get().getPostgresDatabase(), slow, SLOW_RESTOCK, 1);
        awaitMailSent();

        try (SubscriptionClient subscriber = SubscriptionClient.connect(vertx, Protocol.TRANSPORT_WS,
                instance.port())) {
            subscriber.subscribe("BackorderChanged", Map.of("sku", slow));
            long sent = System.nanoTime();
            CompletableFuture<String> restock = http.sendAsync(restock(slow, SLOW_RESTOCK),
                    HttpResponse.BodyHandlers.ofString()).handle((response, failure) -> failure != null
                            ? failure.toString() : response.statusCode() + " " + response.body());
            Thread.sleep(200); // on its way into the service
            long terminated = System.nanoTime();
            instance.process().destroy();

            // What the stop did, all of it, then whether it was right.
            String answer = restock.get(30, TimeUnit.SECONDS);
            long answered = System.nanoTime();
            int closeCode = subscriber.closeCode();
            boolean exited = instance.process().waitFor(30, TimeUnit.SECONDS);
            long stopped = System.nanoTime();
            Map<String, Long> mails = mailsByState();
            LOG.infof("Restock of %d sent %d ms before SIGTERM, answered %d ms after it; subscription closed with %d;"
                    + " the instance exited %d ms after SIGTERM; outbox afterwards %s, the mail server took %d",
                    SLOW_RESTOCK, millis(sent, terminated), millis(terminated, answered), closeCode,
                    millis(terminated, stopped), mails, mailServer.getReceivedMessages().length);
            assertAll(
                    () -> assertTrue(answer.startsWith("200 {\"data\":{\"receiveStock\":"), answer),
                    () -> assertEquals(1001, closeCode, "going away: the client's cue to connect again"),
                    () -> assertTrue(exited, "still running 30 s after SIGTERM"),
                    // Well before the 20 s timeout: no connection, open or closed, holds up the stop.
                    () -> assertTrue(millis(terminated, stopped) < 12_000, "the stop waited out its timeout"),
                    () -> assertEquals(0L, mails.getOrDefault("SENDING", 0L), "mail left claimed"),
                    () -> assertTrue(mails.getOrDefault("SENT", 0L) > 0, "some mail was sent before the stop"));
        }
    }

    /** A restock as staff send it. */
    private HttpRequest restock(String sku, int quantity) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + instance.port() + "/graphql"))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + Tokens.staff())
                .POST(HttpRequest.BodyPublishers.ofString(new JsonObject()
                        .put("query", GraphQLClient.document("ReceiveStock"))
                        .put("variables", new JsonObject().put("sku", sku).put("quantity", quantity)).encode()))
                .build();
    }

    private int status(String path) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + instance.port() + path)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    /** Polls readiness until it answers this status, checking liveness holds meanwhile; the milliseconds taken. */
    private long awaitReadiness(int expected, long since) throws Exception {
        long deadline = since + READINESS_FOLLOWS.toNanos();
        while (System.nanoTime() < deadline) {
            if (status("/q/health/ready") == expected) {
                return millis(since, System.nanoTime());
            }
            assertEquals(200, status("/q/health/live"), "liveness holds whatever the database does");
            Thread.sleep(100);
        }
        throw new AssertionError("readiness not " + expected + " within " + READINESS_FOLLOWS);
    }

    private void awaitMailSent() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (mailServer.getReceivedMessages().length == 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no mail sent within 20 s");
            }
            Thread.sleep(50);
        }
    }

    private static Map<String, Long> mailsByState() throws SQLException {
        try (Connection connection = PackagedDatabase.get().getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT state, count(*) FROM notification GROUP BY state")) {
            Map<String, Long> counts = new TreeMap<>();
            while (rows.next()) {
                counts.put(rows.getString(1), rows.getLong(2));
            }
            return counts;
        }
    }

    private static long millis(long from, long to) {
        return (to - from) / 1_000_000;
    }
}
