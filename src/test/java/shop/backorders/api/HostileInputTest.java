package shop.backorders.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static shop.backorders.support.Fixtures.createProduct;
import static shop.backorders.support.Fixtures.line;
import static shop.backorders.support.Fixtures.orderOf;
import static shop.backorders.support.Fixtures.placeOrder;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.lang.reflect.Field;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.inject.Inject;

import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

import org.eclipse.microprofile.config.ConfigProvider;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.vertx.core.Vertx;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import shop.backorders.support.GraphQLClient;
import shop.backorders.support.SubscriptionClient;
import shop.backorders.support.SubscriptionClient.Protocol;
import shop.backorders.support.Tokens;

/**
 * Over a thousand generated hostile requests (wrong types, bad numbers and ids, unknown SKUs, deep,
 * wide and aliased documents, huge and malformed bodies, wrong content types and methods, tokens that do
 * not verify): each gets a 4xx or a GraphQL error, always with a code, never a 5xx, a stack trace or a
 * class name, and the database is exactly as it was. Documents and strings over their size limits are
 * refused alike over HTTP and WebSocket.
 */
@QuarkusTest
class HostileInputTest {

    private static final Logger LOG = Logger.getLogger(HostileInputTest.class);
    private static final String DOCUMENT = GraphQLClient.load("/graphql/operations.graphql");
    private static final List<String> TABLES = List.of("product", "stock", "customer_order", "order_line",
            "backorder", "inbound_shipment", "stock_movement", "change_log", "notification", "stock_alert");
    private static final List<Object> BAD_QUANTITIES = List.of(0, -1, -2147483648, 2147483647, 1_000_001,
            "1", "many", 1.5, true, new JsonArray().add(1), new JsonObject(), "9".repeat(40));
    private static final List<Object> BAD_IDS = List.of("0", "-1", "-0", "abc", "", " ", "null",
            "1; DROP TABLE product", "99999999999999999999999", "1e3", "0x10", "١٢", "' OR '1'='1",
            "9223372036854775807", 12.5);
    private static final List<Object> BAD_SKUS = List.of("", "NO-SUCH-SKU", "x".repeat(65), "x".repeat(100_000),
            "'; DELETE FROM stock; --", "\u0000", "<script>", 42, new JsonObject());
    private static final List<Object> BAD_EMAILS = List.of("", "not-an-email", "a@b", "x".repeat(300) + "@example.com",
            "a@example.com\r\nBcc: everyone@example.com", 7);

    @Inject
    AgroalDataSource dataSource;

    @Inject
    Vertx vertx;

    private final HttpClient http = HttpClient.newHttpClient();

    /** A hostile request: what it is, and how to send it. */
    private record Attack(String what, HttpRequest request) {
    }

    @Test
    void hostileRequestsGetCodedErrorsAndChangeNothing() throws Exception {
        String sku = createProduct("ALLOW_LIMITED", 2, 1);
        String customer = "victim-" + sku + "@example.com";
        String orderId = placeOrder(customer, sku, 2).getString("id");
        List<Attack> attacks = attacks(sku, customer, orderId);
        Map<String, String> before = snapshot();

        Map<Integer, Integer> statuses = new TreeMap<>();
        List<String> wrong = new ArrayList<>();
        for (Attack attack : attacks) {
            HttpResponse<String> response = http.send(attack.request(), HttpResponse.BodyHandlers.ofString());
            statuses.merge(response.statusCode(), 1, Integer::sum);
            String problem = problem(response);
            if (problem != null) {
                wrong.add(attack.what() + " -> " + response.statusCode() + " " + problem + ": "
                        + response.body().substring(0, Math.min(300, response.body().length())));
            }
        }
        Map<String, String> after = snapshot();
        LOG.infof("%d hostile requests: statuses %s, %d without a coded error, tables changed: %s", attacks.size(),
                statuses, wrong.size(), changed(before, after));

        assertTrue(attacks.size() >= 1000, "at least a thousand requests, got " + attacks.size());
        assertTrue(wrong.isEmpty(), wrong.size() + " answers wrong:\n" + String.join("\n", wrong));
        assertEquals(before, after, "the database changed");
    }

    /**
     * Documents over the length limit, strings over theirs in a document or in variables (however deep),
     * each refused as too large over HTTP (JSON and application/graphql bodies) and WebSocket alike.
     */
    @Test
    void largeDocumentsAndStringsAreRefusedOverHttpAndWebSocket() throws Exception {
        String sku = createProduct("ALLOW", null, 1);
        int maxDocument = setting("shop.graphql.max-document-length");
        int maxString = setting("shop.graphql.max-string-length");
        String longString = "x".repeat(maxString + 1);
        Map<String, JsonObject> requests = new LinkedHashMap<>();
        requests.put("document with a long string", new JsonObject().put("query",
                "{ product(sku: \"" + "x".repeat(maxDocument) + "\") { sku } }"));
        requests.put("long document", new JsonObject().put("query", "{ " + "__typename ".repeat(maxDocument / 10)
                + "}"));
        requests.put("string literal", new JsonObject().put("query", "mutation { adjustStock(sku: \"" + sku
                + "\", change: 1, reason: \"" + longString + "\") { sku } }"));
        requests.put("block string literal", new JsonObject().put("query", "{ product(sku: \"\"\"" + longString
                + "\"\"\") { sku } }"));
        Map<String, Object> longSku = orderOf("big@example.com", List.of(line(longString, 1)), null, null);
        requests.put("string in variables", new JsonObject().put("query", DOCUMENT)
                .put("operationName", "PlaceOrder").put("variables", new JsonObject(longSku)));
        requests.put("unused variable", new JsonObject().put("query", DOCUMENT).put("operationName", "Products")
                .put("variables", new JsonObject()
                        .put("pad", new JsonArray().add(new JsonObject().put("x", longString)))));
        Map<String, String> before = snapshot();

        List<String> wrong = new ArrayList<>();
        String staff = Tokens.staff();
        for (Map.Entry<String, JsonObject> request : requests.entrySet()) {
            HttpResponse<String> json = http.send(attack("", staff, "POST", "application/json",
                    request.getValue().encode()).request(), HttpResponse.BodyHandlers.ofString());
            checkTooLarge("HTTP " + request.getKey(), json.statusCode(), json.body(), wrong);
            if (!request.getValue().containsKey("variables")) {
                HttpResponse<String> graphql = http.send(attack("", staff, "POST", "application/graphql",
                        request.getValue().getString("query")).request(), HttpResponse.BodyHandlers.ofString());
                checkTooLarge("HTTP application/graphql " + request.getKey(), graphql.statusCode(), graphql.body(),
                        wrong);
            }
        }
        try (SubscriptionClient socket = SubscriptionClient.connect(vertx, Protocol.TRANSPORT_WS, staff)) {
            for (Map.Entry<String, JsonObject> request : requests.entrySet()) {
                JsonObject answer = socket.next(socket.send(request.getValue()));
                checkTooLarge("WebSocket " + request.getKey(), 200, answer.encode(), wrong);
            }
        }

        assertTrue(wrong.isEmpty(), String.join("\n", wrong));
        assertEquals(before, snapshot(), "the database changed");
    }

    /**
     * A document within the length limit but over the token limit: over WebSocket, graphql-java's parse refuses
     * it as a syntax error, INVALID_INPUT (SmallRye's own first parse, before any hook, has a higher limit).
     */
    @Test
    void aDocumentOverTheTokenLimitIsRefusedWithACodeOverBothTransports() throws Exception {
        // Valid and within the length limit: were the token limit not applied, it would answer with data.
        JsonObject request = new JsonObject().put("query", "{ products(first: 1) { edges { node {"
                + " id".repeat(setting("shop.graphql.max-tokens")) + " } } } }");
        HttpResponse<String> overHttp = http.send(attack("", null, "POST", "application/json", request.encode())
                .request(), HttpResponse.BodyHandlers.ofString());
        assertEquals("REQUEST_TOO_LARGE", new JsonObject(overHttp.body()).getJsonArray("errors").getJsonObject(0)
                .getJsonObject("extensions").getString("code"));
        try (SubscriptionClient socket = SubscriptionClient.connect(vertx, Protocol.TRANSPORT_WS, (String) null)) {
            JsonObject answer = socket.next(socket.send(request));
            assertEquals("INVALID_INPUT", answer.getJsonArray("errors").getJsonObject(0).getJsonObject("extensions")
                    .getString("code"), answer.encode());
        }
    }

    /** SmallRye keeps documents in a cache sized by a system property it reads once: it took the shop's size. */
    @Test
    void theDocumentCacheHasTheShopsSize() throws Exception {
        Field size = Class.forName("io.smallrye.graphql.execution.QueryCache").getDeclaredField("MAX_CACHE_SIZE");
        size.setAccessible(true);
        assertEquals(setting("shop.graphql.document-cache-size"), size.getInt(null));
    }

    private static int setting(String name) {
        return ConfigProvider.getConfig().getValue(name, Integer.class);
    }

    private static void checkTooLarge(String what, int status, String body, List<String> wrong) {
        JsonArray errors = new JsonObject(body).getJsonArray("errors");
        String code = errors == null || errors.isEmpty() ? null
                : errors.getJsonObject(0).getJsonObject("extensions", new JsonObject()).getString("code");
        if (status >= 500 || !"REQUEST_TOO_LARGE".equals(code)) {
            wrong.add(what + " -> " + status + " " + body.substring(0, Math.min(300, body.length())));
        }
    }

    /** What is wrong with an answer to a hostile request, or null if it is a proper refusal. */
    private static String problem(HttpResponse<String> response) {
        if (response.statusCode() >= 500) {
            return "a server error";
        }
        JsonObject body;
        try {
            body = new JsonObject(response.body());
        } catch (DecodeException | ClassCastException notJson) {
            return "no JSON body";
        }
        JsonArray errors = body.getJsonArray("errors");
        if (errors == null || errors.isEmpty()) {
            return "no error";
        }
        for (Object error : errors) {
            JsonObject extensions = ((JsonObject) error).getJsonObject("extensions");
            String code = extensions == null ? null : extensions.getString("code");
            if (code == null || code.equals("INTERNAL")) {
                return "an error without a code of its own";
            }
            String message = ((JsonObject) error).getString("message", "");
            if (message.contains("Exception") || message.contains("shop.backorders") || message.contains("SQL")
                    || message.contains("\tat ")) {
                return "internals in the message";
            }
        }
        return null;
    }

    private List<Attack> attacks(String sku, String customer, String orderId) {
        List<Attack> attacks = new ArrayList<>();
        Map<String, String> tokens = new LinkedHashMap<>();
        tokens.put("anonymous", null);
        tokens.put("customer", Tokens.customer(customer));
        tokens.put("other customer", Tokens.customer("intruder-" + sku + "@example.com"));
        tokens.put("staff", Tokens.staff());

        // Variables of the wrong type or value, as every kind of caller.
        tokens.forEach((who, token) -> {
            for (Object quantity : BAD_QUANTITIES) {
                attacks.add(operation(who, token, "PlaceOrder", orderOf(customer, List.of(line(sku, 1)), null, null),
                        "input.lines", List.of(Map.of("sku", sku, "quantity", quantity))));
                attacks.add(operation(who, token, "ReceiveStock", Map.of("sku", sku), "quantity", quantity));
                attacks.add(operation(who, token, "AdjustStock", Map.of("sku", sku), "change",
                        quantity instanceof Integer units && units == 0 ? "zero" : quantity));
                attacks.add(operation(who, token, "Products", Map.of(), "first", quantity));
            }
            for (Object id : BAD_IDS) {
                // (Lookups answer null for an id no row can have, as for any id not found: no error to code.)
                for (String operation : List.of("CancelOrder", "ShipOrder", "CancelBackorder", "AcceptNewEta",
                        "CancelInbound", "RetryNotification", "ReceiveInbound")) {
                    attacks.add(operation(who, token, operation, Map.of(), "id", id));
                }
                attacks.add(operation(who, token, "OrderChanged", Map.of(), "id", id));
            }
            for (Object badSku : BAD_SKUS) {
                attacks.add(operation(who, token, "PlaceOrder", orderOf(customer, List.of(), null, null),
                        "input.lines", List.of(Map.of("sku", badSku, "quantity", 1))));
                attacks.add(operation(who, token, "ReceiveStock", Map.of("quantity", 1), "sku", badSku));
                attacks.add(operation(who, token, "NotifyWhenAvailable", Map.of("email", customer), "sku", badSku));
                attacks.add(operation(who, token, "UpdateProduct", Map.of("input", Map.of("name", "x")), "sku",
                        badSku));
            }
            for (Object email : BAD_EMAILS) {
                attacks.add(operation(who, token, "PlaceOrder", orderOf(null, List.of(line(sku, 1)), null, null),
                        "input.customerEmail", email));
                attacks.add(operation(who, token, "NotifyWhenAvailable", Map.of("sku", sku), "email", email));
            }
            attacks.add(operation(who, token, "PlaceOrder", orderOf(customer, List.of(line(sku, 1)), null, null),
                    "input.lines", List.of()));
            attacks.add(operation(who, token, "PlaceOrder", orderOf(customer, List.of(line(sku, 1)), null, null),
                    "input.lines", java.util.Collections.nCopies(101, Map.of("sku", sku, "quantity", 1))));
            attacks.add(operation(who, token, "PlaceOrder", orderOf(customer, List.of(line(sku, 1)), null, null),
                    "input.lines", List.of(Map.of("sku", sku, "quantity", 1_000_000), Map.of("sku", sku,
                            "quantity", 1_000_000))));
            attacks.add(operation(who, token, "PlaceOrder", orderOf(customer, List.of(line(sku, 1)), null, null),
                    "input.idempotencyKey", "k".repeat(101)));
            attacks.add(operation(who, token, "CreateProduct", Map.of(), "input", Map.of("sku", "x".repeat(65),
                    "name", "n", "price", "1", "backorderPolicy", "ALLOW")));
            attacks.add(operation(who, token, "CreateProduct", Map.of(), "input", Map.of("sku", "NEW-1",
                    "name", "n".repeat(10_000), "price", "-1", "backorderPolicy", "ALLOW")));
            attacks.add(operation(who, token, "AdjustStock", Map.of("sku", sku, "change", -1_000_000), "reason",
                    "r".repeat(100_000)));
            attacks.add(operation(who, token, "ScheduleInbound", Map.of("sku", sku, "quantity", 1), "expectedAt",
                    "2020-01-01"));
            attacks.add(operation(who, token, "ScheduleInbound", Map.of("sku", sku, "quantity", 1), "expectedAt",
                    "not a date"));
            attacks.add(operation(who, token, "BackorderLink", Map.of(), "token", "forged.token"));
            attacks.add(operation(who, token, "RedeemBackorderLink", Map.of(), "token", "x".repeat(10_000)));

            // Documents too deep, too wide, too many root fields or tokens, or broken.
            for (String document : hostileDocuments(sku)) {
                attacks.add(attack(who + " document " + abbreviate(document), token, "POST", "application/json",
                        new JsonObject().put("query", document).encode()));
            }
        });

        // Valid requests by callers who may not make them: the victim's order is out of others' reach.
        for (String who : List.of("anonymous", "other customer")) {
            String token = tokens.get(who);
            attacks.add(operation(who, token, "CancelOrder", Map.of(), "id", orderId));
            attacks.add(operation(who, token, "ShipOrder", Map.of(), "id", orderId));
            attacks.add(operation(who, token, "PlaceOrder", orderOf(customer, List.of(line(sku, 1)), null, null),
                    "input.shipping", "SHIP_AVAILABLE"));
            attacks.add(operation(who, token, "NotifyWhenAvailable", Map.of("sku", sku), "email", customer));
            attacks.add(operation(who, token, "ReceiveStock", Map.of("sku", sku), "quantity", 5));
            attacks.add(operation(who, token, "Notifications", Map.of(), "first", 5));
        }

        // Bodies and transport.
        String staff = tokens.get("staff");
        String small = new JsonObject().put("query", "{ products { pageInfo { hasNextPage } } }").encode();
        for (String body : List.of("", "{", "[]", "null", "42", "\"query\"", "{\"query\": 42}", "{\"query\": null}",
                "{\"query\": \"{ products { pageInfo { hasNextPage } } }\", \"variables\": [1]}",
                "{\"query\": \"{ products { pageInfo { hasNextPage } } }\", \"variables\": \"x\"}",
                "{\"query\": \"{ products { pageInfo { hasNextPage } } }\", \"operationName\": 7}",
                "{\"query\": \"{ products { pageInfo { hasNextPage } } }\", \"extensions\": 7}",
                "\u0000\u0001\u0002", "{\"query\": \"" + "{".repeat(10_000) + "\"}")) {
            attacks.add(attack("body " + abbreviate(body), staff, "POST", "application/json", body));
        }
        for (int size : new int[] { 300 * 1024, 1024 * 1024, 4 * 1024 * 1024 }) {
            attacks.add(attack("huge body " + size, staff, "POST", "application/json",
                    new JsonObject().put("query", "{ products { pageInfo { hasNextPage } } }")
                            .put("variables", new JsonObject().put("pad", "x".repeat(size))).encode()));
        }
        for (String type : List.of("text/plain", "application/xml", "multipart/form-data; boundary=x",
                "application/x-www-form-urlencoded", "")) {
            attacks.add(attack("content type " + type, staff, "POST", type, small));
        }
        for (String method : List.of("PUT", "DELETE", "PATCH", "OPTIONS", "TRACE")) {
            attacks.add(attack("method " + method, staff, method, "application/json", small));
        }
        attacks.add(get("mutation over GET", staff, "mutation { receiveStock(sku: \"" + sku
                + "\", quantity: 1) { sku } }"));
        attacks.add(get("broken document over GET", staff, "{ products("));

        // Tokens that do not verify.
        for (String token : Tokens.invalid()) {
            for (String operation : List.of("Products", "ReceiveStock", "PlaceOrder")) {
                attacks.add(operation("bad token", token, operation, Map.of("sku", sku, "quantity", 1,
                        "input", orderOf(customer, List.of(line(sku, 1)), null, null).get("input")), "first", 1));
            }
        }
        for (String header : List.of("Basic YWRtaW46YWRtaW4=", "Bearer", "Bearer  ", "bearer " + staff.toUpperCase())) {
            attacks.add(attackWithHeader("authorization header " + header, header, new JsonObject()
                    .put("query", DOCUMENT).put("operationName", "ReceiveStock")
                    .put("variables", new JsonObject().put("sku", sku).put("quantity", 1)).encode()));
        }
        return attacks;
    }

    /** Documents no service should run: too deep, too wide, too many aliases, or broken. */
    private static List<String> hostileDocuments(String sku) {
        List<String> documents = new ArrayList<>();
        documents.add("{ __schema { types { fields { type {" + " ofType {".repeat(13) + " name" + " }".repeat(17)
                + " }");
        StringBuilder aliased = new StringBuilder("{");
        for (int i = 0; i < 200; i++) {
            aliased.append(" p").append(i).append(": product(sku: \"").append(sku).append("\") { sku }");
        }
        documents.add(aliased.append(" }").toString());
        StringBuilder wide = new StringBuilder("{ products(first: 100) { edges { node {");
        for (int i = 0; i < 600; i++) {
            wide.append(" s").append(i).append(": sku");
        }
        documents.add(wide.append(" } } } }").toString());
        documents.add("fragment A on Query { ...B } fragment B on Query { ...A } { ...A }");
        documents.add("{ " + "__typename ".repeat(20_000) + "}");
        documents.add("query { product(sku: \"" + sku + "\") { sku noSuchField } }");
        documents.add("mutation { placeOrder(input: {lines: [{sku: \"" + sku + "\", quantity: \"1\"}]}) { id } }");
        documents.add("query A { products { pageInfo { hasNextPage } } }".repeat(2));
        return documents;
    }

    private Attack operation(String who, String token, String operation, Map<String, Object> base, String path,
            Object value) {
        JsonObject variables = new JsonObject(new HashMap<>(base));
        JsonObject target = variables;
        String[] steps = path.split("\\.");
        for (int i = 0; i < steps.length - 1; i++) {
            Object next = target.getValue(steps[i]);
            JsonObject copy = next instanceof JsonObject object ? object.copy()
                    : new JsonObject(new HashMap<>((Map<String, Object>) next));
            target.put(steps[i], copy);
            target = copy;
        }
        target.put(steps[steps.length - 1], value);
        String body = new JsonObject().put("query", DOCUMENT).put("operationName", operation)
                .put("variables", variables).encode();
        return attack(who + " " + operation + " " + path + "=" + abbreviate(String.valueOf(value)), token, "POST",
                "application/json", body);
    }

    private Attack attack(String what, String token, String method, String contentType, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(graphql(""))
                .method(method, HttpRequest.BodyPublishers.ofString(body));
        if (!contentType.isEmpty()) {
            request.header("Content-Type", contentType);
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return new Attack(what, request.build());
    }

    /** A staff-only mutation with this Authorization header: anything but a staff token is refused. */
    private Attack attackWithHeader(String what, String authorization, String body) {
        return new Attack(what, HttpRequest.newBuilder(graphql("")).header("Content-Type", "application/json")
                .header("Authorization", authorization).POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private Attack get(String what, String token, String document) {
        return new Attack(what, HttpRequest.newBuilder(graphql("?query=" + URLEncoder.encode(document,
                StandardCharsets.UTF_8))).header("Authorization", "Bearer " + token).GET().build());
    }

    private static URI graphql(String query) {
        return URI.create("http://localhost:" + RestAssured.port + "/graphql" + query);
    }

    /** A digest of every table's rows: equal digests, equal data. */
    private Map<String, String> snapshot() throws SQLException {
        Map<String, String> digests = new TreeMap<>();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            for (String table : TABLES) {
                try (ResultSet rows = statement.executeQuery("SELECT count(*) || ':' || coalesce(md5("
                        + "string_agg(t::text, ',' ORDER BY t::text)), '') FROM " + table + " t")) {
                    rows.next();
                    digests.put(table, rows.getString(1));
                }
            }
        }
        return digests;
    }

    private static List<String> changed(Map<String, String> before, Map<String, String> after) {
        return before.keySet().stream().filter(table -> !before.get(table).equals(after.get(table))).toList();
    }

    private static String abbreviate(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "…(" + text.length() + ")" : text;
    }
}
