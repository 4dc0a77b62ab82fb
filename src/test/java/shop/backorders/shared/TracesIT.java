package shop.backorders.shared;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static shop.backorders.support.Fixtures.createProduct;
import static shop.backorders.support.Fixtures.order;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.restassured.RestAssured;
import io.vertx.core.Vertx;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import shop.backorders.support.GraphQLClient;
import shop.backorders.support.PackagedDatabase;
import shop.backorders.support.PackagedReplicas;
import shop.backorders.support.PackagedService;
import shop.backorders.support.Tokens;
import shop.backorders.support.TraceCollector;
import shop.backorders.support.TraceCollector.Kind;
import shop.backorders.support.TraceCollector.Span;

/**
 * The packaged service with traces turned on as an operator does, by naming a collector (a real OTLP receiver
 * here, {@link TraceCollector}): an order placed over GraphQL is one trace, continuing the caller's, from the
 * HTTP request through the GraphQL operation to its SQL statements, and the request's log line carries the
 * trace id. Production logs are JSON, one object a line.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TracesIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private final Vertx vertx = Vertx.vertx();
    /** HTTP/1.1, as an ingress forwards requests (an h2c upgrade's access-log line lacks the trace id). */
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private TraceCollector collector;
    private PackagedService traced;

    @BeforeAll
    void startATracedInstance() throws Exception {
        collector = TraceCollector.start(vertx);
        traced = PackagedService.start("traced", PackagedDatabase.get().getPort(), Map.of(
                "QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT", collector.endpoint(),
                // Batches sooner than every 5 s, so the test waits less for them.
                "QUARKUS_OTEL_BSP_SCHEDULE_DELAY", "100ms",
                "QUARKUS_HTTP_ACCESS_LOG_ENABLED", "true"));
        traced.awaitReady();
    }

    @AfterAll
    void stop() {
        traced.stop();
        collector.close();
        vertx.close();
    }

    @Test
    void anOrderPlacedOverGraphQLIsOneTraceFromTheRequestToItsSql() throws Exception {
        RestAssured.port = traced.port();
        String sku = createProduct("ALLOW", null, 5);
        String traceId = randomHex(16);
        String callerSpan = randomHex(8);

        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + traced.port() + "/graphql"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + Tokens.staff())
                .header("traceparent", "00-" + traceId + "-" + callerSpan + "-01")
                .POST(HttpRequest.BodyPublishers.ofString(new JsonObject()
                        .put("query", GraphQLClient.document("PlaceOrder")).put("operationName", "PlaceOrder")
                        .put("variables", order("traced@example.com", sku, 2)).encode()))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, response.statusCode(), response.body());
        assertNull(new JsonObject(response.body()).getValue("errors"), response.body());

        Span request = collector.await("for the request", span -> span.traceId().equals(traceId)
                && span.kind() == Kind.SERVER);
        assertEquals(callerSpan, request.parentSpanId(), "the request continues the caller's trace");
        Span operation = collector.await("for the GraphQL operation", span -> span.traceId().equals(traceId)
                && span.name().contains("PlaceOrder"));
        assertEquals(request.spanId(), operation.parentSpanId());
        Span statement = collector.await("for an SQL statement", span -> span.traceId().equals(traceId)
                && span.kind() == Kind.CLIENT && span.attributes().containsKey("db.statement"));
        assertFalse(statement.parentSpanId().isEmpty(), "a statement of the request: " + statement);

        JsonObject line = awaitLogLine(traced, record -> traceId.equals(
                record.getJsonObject("mdc", new JsonObject()).getString("traceId")));
        assertTrue(line.getString("message").contains("/graphql"), "the request's line: " + line);
    }

    /** On a replica the other *IT tests start: untraced, in production mode as all of them. */
    @Test
    void productionLogsAreJsonLines() throws Exception {
        PackagedService replica = PackagedReplicas.ready("a").get(0);
        List<JsonObject> records = jsonLines(replica);
        assertTrue(records.stream().anyMatch(record -> record.getString("message", "").contains("started in")),
                "the start is logged: " + records);
        for (JsonObject record : records) {
            assertTrue(record.containsKey("level") && record.containsKey("loggerName"), record.encode());
        }
    }

    /** Every line the instance has logged, each a JSON object. */
    private static List<JsonObject> jsonLines(PackagedService instance) throws Exception {
        return instance.log().lines().map(line -> {
            try {
                return new JsonObject(line);
            } catch (DecodeException notJson) {
                throw new AssertionError("not a JSON log line: " + line, notJson);
            }
        }).toList();
    }

    private static JsonObject awaitLogLine(PackagedService instance, Predicate<JsonObject> wanted)
            throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            for (JsonObject record : jsonLines(instance)) {
                if (wanted.test(record)) {
                    return record;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no such log line within " + WAIT + ":\n" + instance.log());
    }

    private static String randomHex(int bytes) {
        byte[] random = new byte[bytes];
        new SecureRandom().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }
}
