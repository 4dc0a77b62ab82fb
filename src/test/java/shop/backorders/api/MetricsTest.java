package shop.backorders.api;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static shop.backorders.support.Fixtures.createProduct;
import static shop.backorders.support.Fixtures.createProductOf;
import static shop.backorders.support.Fixtures.createSupplier;
import static shop.backorders.support.Fixtures.line;
import static shop.backorders.support.Fixtures.order;
import static shop.backorders.support.Fixtures.placeOrder;
import static shop.backorders.support.GraphQLClient.data;
import static shop.backorders.support.GraphQLClient.error;

import java.sql.SQLException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.hibernate.exception.LockAcquisitionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.restassured.path.json.JsonPath;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import shop.backorders.changes.BeforeCommit;
import shop.backorders.changes.Changes;
import shop.backorders.insight.ShopGauges;
import shop.backorders.support.FailBeforeCommit;
import shop.backorders.support.GraphQLClient;
import shop.backorders.support.LiveTest;
import shop.backorders.support.MovableClock;
import shop.backorders.support.SubscriptionClient;
import shop.backorders.support.SubscriptionClient.Protocol;
import shop.backorders.support.Tokens;

/**
 * /q/metrics as Prometheus scrapes it: each of the shop's figures moves with what happens (read before and after,
 * as the suite shares one application), counted once a change committed, and no label carries a SKU, an address,
 * an id or a token, whatever callers send; the HTTP and GraphQL figures, the pools' and the JVM's are there too.
 */
@QuarkusTest
class MetricsTest extends LiveTest {

    private static final Pattern SERIES = Pattern.compile("([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})?");
    private static final Pattern LABEL = Pattern.compile("(\\w+)=\"((?:[^\"\\\\]|\\\\.)*)\"");

    @Inject
    ShopGauges gauges;

    @Inject
    MovableClock clock;

    /** What this test sent that no label value may contain. */
    private final Set<String> secrets = new HashSet<>();
    /** Ids of what this test made, which no label value may be (small numbers: as part of one, a status may be). */
    private final Set<String> ids = new HashSet<>();
    private final List<SubscriptionClient> clients = new ArrayList<>();

    @AfterEach
    void noLabelCarriesWhatCallersSent() throws InterruptedException {
        clients.forEach(SubscriptionClient::close);
        awaitSubscriptions(0);
        Map<String, Double> samples = scrape();
        for (String series : samples.keySet()) {
            for (String value : labels(series).values()) {
                for (String secret : secrets) {
                    assertFalse(value.contains(secret), series + " carries " + secret);
                }
                assertFalse(ids.contains(value), series + " carries an id");
            }
        }
    }

    @Test
    void ordersQuotesAndRestocksMoveTheirFigures() {
        String sku = keep(createProduct("ALLOW", null, 2));
        String denied = keep(createProduct("DENY", null, 0));
        String quoted = keep(createProduct("ALLOW", null, 1));
        String first = keep("first-" + sku.toLowerCase() + "@example.com");
        String second = keep("second-" + sku.toLowerCase() + "@example.com");
        Map<String, Double> before = scrape();
        sample();
        Map<String, Double> gaugesBefore = scrape();

        keepId(placeOrder(first, sku, 1).getString("id"));
        keepId(placeOrder(second, sku, 3).getString("id"));
        error("OUT_OF_STOCK", "PlaceOrder", order(keep("third-" + sku.toLowerCase() + "@example.com"), denied, 1));
        String token = keep(data("Quote", Map.of("lines", List.of(line(quoted, 1)))).getString("quote.token"));
        keepId(placeOrder(first, quoted, 1).getString("id"));
        error("QUOTE_CHANGED", "PlaceOrder", withQuote(order(second, quoted, 1), token));

        Map<String, Double> placed = scrape();
        assertEquals(2, delta(before, placed, "shop_order_placements_total", "outcome=allocated", "quoted=false"));
        assertEquals(1, delta(before, placed, "shop_order_placements_total", "outcome=backordered", "quoted=false"));
        assertEquals(1, delta(before, placed, "shop_order_placements_total", "outcome=refused", "code=OUT_OF_STOCK",
                "quoted=false"));
        assertEquals(1, delta(before, placed, "shop_order_placements_total", "outcome=refused", "code=QUOTE_CHANGED",
                "quoted=true"));
        assertEquals(5, delta(before, placed, "shop_order_placements_total"));
        assertEquals(3, delta(before, placed, "shop_order_units_allocated_total"));
        assertEquals(2, delta(before, placed, "shop_order_units_backordered_total"));
        assertEquals(1, delta(before, placed, "shop_quotes_total"));

        sample();
        Map<String, Double> waiting = scrape();
        assertEquals(1, delta(gaugesBefore, waiting, "shop_backorders_waiting"));
        assertEquals(2, delta(gaugesBefore, waiting, "shop_backorder_units_waiting"));
        assertTrue(delta(gaugesBefore, waiting, "shop_mail_pending") >= 1, "the backorder's mail waits to be sent");
        assertTrue(value(waiting, "shop_mail_oldest_due_age_seconds") >= 0);
        assertTrue(value(waiting, "shop_metrics_sample_age_seconds") < 5);

        data("ReceiveStock", Map.of("sku", sku, "quantity", 2));
        Map<String, Double> filled = scrape();
        assertEquals(1, delta(waiting, filled, "shop_queue_fill_seconds_count"));
        assertTrue(delta(waiting, filled, "shop_queue_fill_seconds_sum") > 0);
        sample();
        Map<String, Double> restocked = scrape();
        assertEquals(0, delta(gaugesBefore, restocked, "shop_backorders_waiting"), "the restock filled the queue");
        assertEquals(0, delta(gaugesBefore, restocked, "shop_backorder_units_waiting"));
    }

    @Test
    void purchaseOrdersAndSupplierAnswersMoveTheirFigures() {
        String supplier = createSupplier(5);
        String sku = keep(createProductOf(supplier, "ALLOW", 0));
        LocalDate today = LocalDate.now(clock);
        sample();
        Map<String, Double> before = scrape();

        JsonPath order = data("CreatePurchaseOrder", Map.of("input", Map.of("supplierId", supplier, "lines",
                List.of(Map.of("sku", sku, "quantity", 4, "expectedAt", today.plusDays(5).toString())))))
                .setRootPath("data.createPurchaseOrder");
        keepId(order.getString("id"));
        sample();
        Map<String, Double> sent = scrape();
        assertEquals(1, delta(before, sent, "shop_purchase_orders_open", "status=SENT"));

        Map<String, Object> delivery = new HashMap<>(Map.of("quantity", 4, "expectedAt", today.plusDays(6).toString()));
        data("AnswerPurchaseOrder", Map.of("id", order.getString("id"), "lines",
                List.of(Map.of("lineId", order.getString("lines[0].id"), "deliveries", List.of(delivery)))));
        sample();
        Map<String, Double> answered = scrape();
        assertEquals(1, delta(sent, answered, "shop_supplier_answers_total", "via=signed_in"));
        assertEquals(0, delta(before, answered, "shop_purchase_orders_open", "status=SENT"));
        assertEquals(1, delta(before, answered, "shop_purchase_orders_open", "status=CONFIRMED"));
        assertEquals(0, delta(before, answered, "shop_purchase_orders_open", "status=PARTLY_RECEIVED"));
    }

    @Test
    void aTransactionRunAgainCountsItsOrderOnceAndOneRolledBackNotAtAll() {
        String sku = keep(createProduct("ALLOW", null, 5));
        String email = keep("retried-" + sku.toLowerCase() + "@example.com");
        Map<String, Double> before = scrape();

        DeadlockOnce.armed.set(true);
        keepId(placeOrder(email, sku, 1).getString("id"));
        assertFalse(DeadlockOnce.armed.get(), "the placement's first attempt was aborted");
        Map<String, Double> retried = scrape();
        assertEquals(1, delta(before, retried, "shop_transaction_retries_total", "reason=deadlock"));
        assertEquals(1, delta(before, retried, "shop_order_placements_total", "outcome=allocated"));
        assertEquals(1, delta(before, retried, "shop_order_units_allocated_total"));

        FailBeforeCommit.arm();
        try {
            JsonPath failed = GraphQLClient.execute("PlaceOrder", order(email, sku, 1));
            assertTrue(failed.getList("errors") != null && !failed.getList("errors").isEmpty(), failed::prettify);
        } finally {
            FailBeforeCommit.disarm();
        }
        Map<String, Double> rolledBack = scrape();
        assertEquals(0, delta(retried, rolledBack, "shop_order_placements_total"));
        assertEquals(0, delta(retried, rolledBack, "shop_order_units_allocated_total"));
    }

    @Test
    void liveSubscriptionsTheirRefusalsAndTheFeedsLag() throws Exception {
        String sku = keep(createProduct("ALLOW", null, 0));
        Map<String, Double> before = scrape();
        assertEquals(1, value(before, "shop_change_feed_listening"));

        SubscriptionClient client = SubscriptionClient.connectFrom(vertx, Protocol.TRANSPORT_WS, "127.0.0.61", null);
        clients.add(client);
        List<String> subscriptions = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            subscriptions.add(client.subscribe("StockChanged", Map.of("sku", sku)));
        }
        awaitSubscriptions(10);
        Map<String, Double> subscribed = scrape();
        assertEquals(10, value(subscribed, "shop_live_subscriptions"));
        assertEquals(1, delta(before, subscribed, "shop_live_subscription_refusals_total", "kind=connection"));

        data("ReceiveStock", Map.of("sku", sku, "quantity", 1));
        int delivered = 0;
        for (String id : subscriptions) {
            JsonObject first = client.next(id);
            if (first.getValue("errors") == null) {
                delivered++;
            }
        }
        assertEquals(10, delivered);
        Map<String, Double> after = scrape();
        assertEquals(1, delta(subscribed, after, "shop_change_feed_lag_seconds_count"), "one change read");
        assertTrue(value(after, "shop_change_feed_lag_seconds_max") < 5, "read within moments of its commit");
    }

    @Test
    void aCustomerOverTheirRateCountsARefusal() {
        String sku = keep(createProduct("ALLOW", null, 1000));
        String token = Tokens.customer(keep("eager-" + sku.toLowerCase() + "@example.com"));
        Map<String, Double> before = scrape();

        JsonPath answer;
        int placed = 0;
        do {
            answer = GraphQLClient.as(token).execute("PlaceOrder", order(null, sku, 1));
        } while (answer.get("errors") == null && ++placed < 100);
        assertEquals("RATE_LIMITED", answer.getString("errors[0].extensions.code"), answer::prettify);

        Map<String, Double> after = scrape();
        assertEquals(1, delta(before, after, "shop_rate_limit_refusals_total", "kind=orders"));
        assertEquals(placed, delta(before, after, "shop_order_placements_total"), "a refused request placed nothing");
    }

    @Test
    void requestsArePerPageAndPerFieldWithoutIdsTokensOrOperationNames() {
        String token = keep(UUID.randomUUID().toString());
        String backorderId = keep("918273645");
        String purchaseOrderId = keep("918273646");
        given().get("/backorders/" + backorderId + "/cancel?token=" + token).then().statusCode(200);
        given().get("/backorders/" + backorderId + "/accept-new-date?token=" + token).then().statusCode(200);
        given().get("/supplier/purchase-orders/" + purchaseOrderId + "?token=" + token).then().statusCode(200);
        given().get("/assets/ui.js").then().statusCode(200);
        // No route answers these: their paths are no route's template.
        given().post("/backorders/" + backorderId + "/cancel?token=" + token).then().statusCode(405);
        given().get("/scanner/" + keep(UUID.randomUUID().toString())).then().statusCode(404);
        String operation = keep("CallerNamed" + backorderId);
        String alias = keep("alias" + purchaseOrderId);
        String sku = keep("SKU-" + token);
        JsonObject answer = new JsonObject(given().contentType("application/json")
                .body(new JsonObject().put("operationName", operation).put("query", "query " + operation + " { "
                        + alias + ": product(sku: \"" + sku + "\") { sku } }").encode())
                .post("/graphql").then().statusCode(200).extract().asString());
        assertTrue(answer.getJsonObject("data").containsKey(alias), answer::encode);

        Map<String, Double> samples = scrape();
        for (String uri : List.of("/backorders/{id}/cancel", "/backorders/{id}/accept-new-date",
                "/supplier/purchase-orders/{id}", "/assets/{file}", "/graphql", "NOT_FOUND")) {
            assertTrue(value(samples, "http_server_requests_seconds_count", "uri=" + uri) >= 1, uri);
        }
        assertTrue(value(samples, "mp_graphql_seconds_count", "name=product", "type=QUERY") >= 1);
        for (String name : List.of("jvm_memory_used_bytes", "jvm_threads_live_threads", "process_cpu_usage",
                "sql_pool_active", "sql_pool_queue_size", "postgresql_queue_delay_seconds_count",
                "postgresql_listen_completed_total", "agroal_active_count", "http_server_active_requests",
                "shop_mail_sent_total", "shop_mail_attempts_failed_total", "shop_mail_given_up_total",
                "shop_mail_failed", "shop_live_connections_stalled_total", "shop_transaction_retries_total",
                "shop_rate_limit_refusals_total", "shop_live_subscription_refusals_total", "shop_supplier_answers_total",
                "shop_queue_fill_seconds_count", "shop_change_feed_lag_seconds_count")) {
            assertTrue(present(samples, name), name);
        }
        // Prometheus' prefix for a name Micrometer could not convert (a client without a metrics name).
        assertEquals(Set.of(), samples.keySet().stream().map(MetricsTest::name).filter(name -> name.startsWith("m_"))
                .collect(Collectors.toCollection(TreeSet::new)));
    }

    /** A business transaction aborted as a deadlock victim once, when armed, just before its change log. */
    @ApplicationScoped
    static class DeadlockOnce implements BeforeCommit {

        static final AtomicBoolean armed = new AtomicBoolean();

        @Override
        public int order() {
            return CHANGE_LOG - 2;
        }

        @Override
        public Uni<Void> beforeCommit(Changes changes) {
            return armed.getAndSet(false)
                    ? Uni.createFrom().failure(new LockAcquisitionException("deadlock",
                            new SQLException("deadlock detected", "40P01")))
                    : Uni.createFrom().voidItem();
        }
    }

    private String keep(String secret) {
        secrets.add(secret);
        return secret;
    }

    private void keepId(String id) {
        ids.add(id);
    }

    private void sample() {
        try {
            VertxContextSupport.subscribeAndAwait(() -> gauges.sample());
        } catch (Throwable failure) {
            throw new AssertionError("sampling the gauges failed", failure);
        }
    }

    private static Map<String, Object> withQuote(Map<String, Object> order, String token) {
        @SuppressWarnings("unchecked")
        Map<String, Object> input = new HashMap<>((Map<String, Object>) order.get("input"));
        input.put("quoteToken", token);
        return Map.of("input", input);
    }

    /** Every sample of /q/metrics, by its series (name and labels). */
    private static Map<String, Double> scrape() {
        String text = given().get("/q/metrics").then().statusCode(200).extract().asString();
        Map<String, Double> samples = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            // Where a trace was under way, a histogram bucket ends with its exemplar: " # {trace_id=...} value".
            String sample = line.contains(" # ") ? line.substring(0, line.indexOf(" # ")) : line;
            int space = sample.lastIndexOf(' ');
            String number = sample.substring(space + 1);
            samples.put(sample.substring(0, space), number.endsWith("Inf")
                    ? (number.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY)
                    : Double.parseDouble(number));
        }
        return samples;
    }

    private static String name(String series) {
        Matcher matcher = SERIES.matcher(series);
        assertTrue(matcher.matches(), series);
        return matcher.group(1);
    }

    private static Map<String, String> labels(String series) {
        Matcher matcher = SERIES.matcher(series);
        assertTrue(matcher.matches(), series);
        Map<String, String> labels = new LinkedHashMap<>();
        if (matcher.group(2) != null) {
            Matcher label = LABEL.matcher(matcher.group(2));
            while (label.find()) {
                labels.put(label.group(1), label.group(2));
            }
        }
        return labels;
    }

    private static boolean present(Map<String, Double> samples, String name) {
        return samples.keySet().stream().anyMatch(series -> name(series).equals(name));
    }

    /** The sum of the series of that name with those labels ({@code name=value}): 0 if none. */
    private static double value(Map<String, Double> samples, String name, String... labels) {
        return samples.entrySet().stream().filter(sample -> name(sample.getKey()).equals(name)
                && hasLabels(sample.getKey(), labels)).mapToDouble(Map.Entry::getValue).sum();
    }

    private static boolean hasLabels(String series, String... wanted) {
        Map<String, String> labels = labels(series);
        for (String label : wanted) {
            String[] pair = label.split("=", 2);
            if (!pair[1].equals(labels.get(pair[0]))) {
                return false;
            }
        }
        return true;
    }

    private static double delta(Map<String, Double> before, Map<String, Double> after, String name,
            String... labels) {
        assertTrue(present(after, name), name + " is scraped");
        return value(after, name, labels) - value(before, name, labels);
    }
}
