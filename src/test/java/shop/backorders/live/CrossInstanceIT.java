package shop.backorders.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static shop.backorders.support.Fixtures.createProduct;
import static shop.backorders.support.Fixtures.placeOrder;
import static shop.backorders.support.GraphQLClient.data;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jboss.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.restassured.RestAssured;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import shop.backorders.support.PackagedDatabase;
import shop.backorders.support.PackagedReplicas;
import shop.backorders.support.PackagedService;
import shop.backorders.support.Queues;
import shop.backorders.support.SubscriptionClient;
import shop.backorders.support.SubscriptionClient.Protocol;

/**
 * Two independent instances of the packaged service on one PostgreSQL, as two replicas behind one
 * Kubernetes Service: a change made through one reaches subscribers connected to the other, and
 * survives a database restart.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CrossInstanceIT {

    private static final Logger LOG = Logger.getLogger(CrossInstanceIT.class);

    private final HttpClient http = HttpClient.newHttpClient();
    private final Vertx vertx = Vertx.vertx();
    private int databasePort;
    private EmbeddedPostgres database;
    private PackagedService a;
    private PackagedService b;
    private int portB;

    @BeforeAll
    void startDatabaseAndTwoInstances() throws Exception {
        database = PackagedDatabase.get();
        databasePort = database.getPort();
        List<PackagedService> replicas = PackagedReplicas.ready("a", "b");
        a = replicas.get(0);
        b = replicas.get(1);
        portB = b.port();
        RestAssured.port = a.port();
    }

    @AfterAll
    void closeClients() {
        vertx.close();
    }

    @Test
    void aChangeMadeOnOneInstanceReachesSubscribersOfTheOther() throws Exception {
        String sku = createProduct("ALLOW", null, 0);
        try (SubscriptionClient onB = SubscriptionClient.connect(vertx, Protocol.TRANSPORT_WS, portB)) {
            String watch = onB.subscribe("BackorderChanged", Map.of("sku", sku));
            awaitSubscriptions(portB, 1);
            List<Long> mutations = new ArrayList<>();
            List<Long> events = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                long sent = System.nanoTime();
                placeOrder("c" + i + "@example.com", sku, 1);
                long answered = System.nanoTime();
                JsonObject event = onB.next(watch).getJsonObject("data").getJsonObject("backorderChanged");
                mutations.add((answered - sent) / 1_000_000);
                events.add((System.nanoTime() - sent) / 1_000_000);
                assertEquals("CREATED", event.getString("type"));
                assertEquals(i + 1, event.getJsonObject("backorder").getInteger("queuePosition"));
            }
            Collections.sort(mutations);
            Collections.sort(events);
            LOG.infof("20 orders placed on A: mutation answered after median %d ms (max %d), event on B after"
                    + " median %d ms (max %d), both from the moment the mutation was sent", mutations.get(10),
                    mutations.get(19), events.get(10), events.get(19));
        }
    }

    /**
     * One restock on A filling 500 of 600 queued backorders: every subscriber on B hears about its own
     * backorder (filled, or moved up by 500), and one product-wide subscriber hears all 600 in queue
     * order, all from one change_log entry and one NOTIFY.
     */
    @Test
    void aRestockFillingFiveHundredBackordersReachesEverySubscriberOnTheOtherInstance() throws Exception {
        String sku = createProduct("ALLOW", null, 0);
        Queues.queueBackorders(database.getPostgresDatabase(), sku, 600, 1);
        List<SubscriptionClient> clients = new ArrayList<>();
        try {
            for (int c = 0; c < 4; c++) {
                clients.add(SubscriptionClient.connect(vertx, c % 2 == 0 ? Protocol.TRANSPORT_WS : Protocol.LEGACY_WS,
                        portB));
            }
            Map<Integer, String> customers = new HashMap<>();
            for (int customer = 5; customer <= 600; customer += 5) {
                customers.put(customer, clients.get(customer % 4).subscribe("BackorderChanged",
                        Map.of("customerEmail", "queue" + customer + "@example.com")));
            }
            SubscriptionClient wholeQueue = clients.get(0);
            String everyone = wholeQueue.subscribe("BackorderChanged", Map.of("sku", sku));
            awaitSubscriptions(portB, customers.size() + 1);
            assertNull(wholeQueue.poll(everyone, Duration.ZERO), "no event before the restock");
            long entriesBefore = changeLogEntries();

            long sent = System.nanoTime();
            data("ReceiveStock", Map.of("sku", sku, "quantity", 500));
            for (Map.Entry<Integer, String> customer : customers.entrySet()) {
                int place = customer.getKey();
                JsonObject event = clients.get(place % 4).next(customer.getValue()).getJsonObject("data")
                        .getJsonObject("backorderChanged");
                assertEquals(place <= 500 ? "ALLOCATED" : "QUEUE_POSITION_CHANGED", event.getString("type"));
                assertEquals(place <= 500 ? null : place - 500,
                        event.getJsonObject("backorder").getInteger("queuePosition"));
            }
            long customersTold = System.nanoTime();
            for (int place = 1; place <= 600; place++) {
                JsonObject event = wholeQueue.next(everyone).getJsonObject("data").getJsonObject("backorderChanged");
                assertEquals(place <= 500 ? "ALLOCATED" : "QUEUE_POSITION_CHANGED", event.getString("type"));
                if (place > 500) {
                    assertEquals(place - 500, event.getJsonObject("backorder").getInteger("queuePosition"));
                }
            }
            LOG.infof("Restock filling 500 of 600 on A: 120 customer subscribers on B told %d ms after the"
                    + " mutation was sent, the product-wide subscriber's 600 events %d ms after",
                    (customersTold - sent) / 1_000_000, (System.nanoTime() - sent) / 1_000_000);
            assertEquals(entriesBefore + 1, changeLogEntries(), "one change_log entry (and NOTIFY) for the restock");
        } finally {
            clients.forEach(SubscriptionClient::close);
        }
    }

    @Test
    void afterADatabaseRestartSubscribersAreToldToRefetchAndEventsFlowAgain() throws Exception {
        String sku = createProduct("ALLOW", null, 0);
        try (SubscriptionClient onB = SubscriptionClient.connect(vertx, Protocol.LEGACY_WS, portB)) {
            String watch = onB.subscribe("BackorderChanged", Map.of("sku", sku));
            awaitSubscriptions(portB, 1);

            // Long enough for the first reconnects (backing off from 100 ms) to fail; a later one succeeds.
            outage(Duration.ofSeconds(1));
            b.awaitReady();

            assertEquals("RESYNC", onB.next(watch).getJsonObject("data").getJsonObject("backorderChanged")
                    .getString("type"));
            a.awaitReady();
            placeOrder("after@example.com", sku, 1);
            assertEquals("CREATED", onB.next(watch).getJsonObject("data").getJsonObject("backorderChanged")
                    .getString("type"));
        }
    }

    private long changeLogEntries() throws SQLException {
        try (Connection connection = database.getPostgresDatabase().getConnection();
                Statement statement = connection.createStatement();
                ResultSet count = statement.executeQuery("SELECT count(*) FROM change_log")) {
            count.next();
            return count.getLong(1);
        }
    }

    /**
     * What clients see of a database restart: every connection dropped, and no new one accepted for a
     * while. (Restarting the embedded server itself would re-initialise its data directory.)
     */
    private void outage(Duration length) throws Exception {
        try (Connection admin = DriverManager.getConnection(
                "jdbc:postgresql://localhost:" + databasePort + "/template1", "postgres", "postgres");
                Statement statement = admin.createStatement()) {
            statement.execute("ALTER DATABASE postgres ALLOW_CONNECTIONS false");
            statement.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = 'postgres'");
            Thread.sleep(length.toMillis());
            statement.execute("ALTER DATABASE postgres ALLOW_CONNECTIONS true");
        }
    }

    /** Waits until the instance serves this many subscriptions, each past reading its starting state. */
    private void awaitSubscriptions(int port, int expected) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/q/health/ready")).build();
        JsonObject feed = null;
        while (System.nanoTime() < deadline) {
            feed = new JsonObject(http.send(ready, HttpResponse.BodyHandlers.ofString()).body())
                    .getJsonArray("checks").stream().map(JsonObject.class::cast)
                    .filter(check -> check.getString("name").equals("Listening for changes"))
                    .findFirst().orElseThrow().getJsonObject("data");
            if (feed != null && feed.getInteger("subscriptions") == expected && feed.getInteger("starting") == 0) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("expected " + expected + " subscriptions started on port " + port + ": " + feed);
    }
}
