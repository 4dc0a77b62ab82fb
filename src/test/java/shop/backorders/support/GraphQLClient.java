package shop.backorders.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;

import io.restassured.path.json.JsonPath;
import io.vertx.core.json.JsonObject;

/**
 * Sends the named operations of src/test/resources/graphql/operations.graphql to /graphql, as a
 * storefront would, with a bearer token. The static methods act as staff (the back office that sets up
 * products, stock and orders in most tests); {@link #as} gives the same calls for another caller.
 * Each request carries its operation and the fragments it spreads, not the whole file: the server reads
 * every definition of the document it is sent, and the whole file made each call several times slower.
 * Synchronous calls go over kept-alive HTTP/1.1 connections ({@link #SYNC}, a fraction of rest-assured's cost
 * per call); {@link Calls#sendAsync} serves the concurrency tests, which need hundreds of requests in flight
 * at once. Responses are {@link ResponsePath}s, read without a Groovy script per path.
 */
public final class GraphQLClient {

    /** Where a definition of operations.graphql starts: at the start of a line. */
    private static final Pattern DEFINITION = Pattern.compile(
            "^(?:query|mutation|subscription|fragment)\\s+(\\w+)", Pattern.MULTILINE);
    /** A fragment spread (an inline fragment, "... on Type", is no spread). */
    private static final Pattern SPREAD = Pattern.compile("\\.\\.\\.(?!\\s*on\\b)\\s*(\\w+)");
    private static final Map<String, String> DEFINITIONS = definitions(load("/graphql/operations.graphql"));
    private static final Map<String, String> DOCUMENTS = new ConcurrentHashMap<>();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final HttpClient SYNC = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final Calls STAFF = new Calls(Tokens.staff());

    private GraphQLClient() {
    }

    /** Calls made with this token; null for an anonymous caller. */
    public static Calls as(String token) {
        return new Calls(token);
    }

    public static Calls anonymous() {
        return new Calls(null);
    }

    public static JsonPath execute(String operation, Map<String, ?> variables) {
        return STAFF.execute(operation, variables);
    }

    public static JsonPath data(String operation, Map<String, ?> variables) {
        return STAFF.data(operation, variables);
    }

    public static String error(String expectedCode, String operation, Map<String, ?> variables) {
        return STAFF.error(expectedCode, operation, variables);
    }

    public static CompletableFuture<JsonObject> sendAsync(String operation, Map<String, ?> variables) {
        return STAFF.sendAsync(operation, variables);
    }

    /** The operations, sent with one caller's token. */
    public static final class Calls {

        private final String token;

        private Calls(String token) {
            this.token = token;
        }

        /** Runs an operation and returns its whole response (data and errors). */
        public JsonPath execute(String operation, Map<String, ?> variables) {
            HttpResponse<String> response;
            try {
                response = SYNC.send(request(operation, variables).build(), HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            assertEquals(200, response.statusCode(), response::body);
            return new ResponsePath(response.body());
        }

        /** Runs an operation that must succeed and returns its data. */
        public JsonPath data(String operation, Map<String, ?> variables) {
            JsonPath response = execute(operation, variables);
            assertNull(response.get("errors"), () -> operation + " failed: " + response.prettify());
            return response.setRootPath("data");
        }

        /** Runs an operation that must fail, asserts the error code, and returns the error's message. */
        public String error(String expectedCode, String operation, Map<String, ?> variables) {
            JsonPath response = execute(operation, variables);
            List<Map<String, Object>> errors = response.getList("errors");
            assertEquals(1, errors == null ? 0 : errors.size(), () -> "expected one error: " + response.prettify());
            assertEquals(expectedCode, response.getString("errors[0].extensions.code"), response::prettify);
            return response.getString("errors[0].message");
        }

        /** Sends an operation without waiting; the future completes with the response body. */
        public CompletableFuture<JsonObject> sendAsync(String operation, Map<String, ?> variables) {
            return HTTP.sendAsync(request(operation, variables).build(), HttpResponse.BodyHandlers.ofString())
                    .thenApply(response -> new JsonObject(response.body()));
        }

        private HttpRequest.Builder request(String operation, Map<String, ?> variables) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUri() + "/graphql"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body(operation, variables).encode()));
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            return request;
        }
    }

    /** The named operation of operations.graphql with the fragments it spreads, directly or through others. */
    public static String document(String operation) {
        return DOCUMENTS.computeIfAbsent(operation, name -> {
            Map<String, String> needed = new LinkedHashMap<>();
            Deque<String> toAdd = new ArrayDeque<>(List.of(name));
            while (!toAdd.isEmpty()) {
                String next = toAdd.pop();
                String definition = DEFINITIONS.get(next);
                if (definition == null) {
                    throw new IllegalArgumentException("no definition " + next + " in operations.graphql");
                }
                if (needed.putIfAbsent(next, definition) == null) {
                    SPREAD.matcher(definition).results().map(spread -> spread.group(1)).forEach(toAdd::add);
                }
            }
            return String.join("\n", needed.values());
        });
    }

    /** Each definition of a document by its name, from its first line to the next definition's. */
    private static Map<String, String> definitions(String document) {
        Map<String, String> definitions = new HashMap<>();
        List<MatchResult> starts = DEFINITION.matcher(document).results().toList();
        for (int i = 0; i < starts.size(); i++) {
            int end = i + 1 < starts.size() ? starts.get(i + 1).start() : document.length();
            definitions.put(starts.get(i).group(1), document.substring(starts.get(i).start(), end));
        }
        return definitions;
    }

    private static JsonObject body(String operation, Map<String, ?> variables) {
        return new JsonObject()
                .put("query", document(operation))
                .put("operationName", operation)
                .put("variables", new HashMap<String, Object>(variables));
    }

    private static String baseUri() {
        return io.restassured.RestAssured.baseURI + ":" + io.restassured.RestAssured.port;
    }

    public static String load(String resource) {
        try (InputStream in = GraphQLClient.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
