package shop.backorders.support;

import static io.restassured.RestAssured.given;
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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import io.vertx.core.json.JsonObject;

/**
 * Sends the named operations of src/test/resources/graphql/operations.graphql to /graphql, as a
 * storefront would, with a bearer token. The static methods act as staff (the back office that sets up
 * products, stock and orders in most tests); {@link #as} gives the same calls for another caller.
 * Synchronous calls go through rest-assured; {@link Calls#sendAsync} serves the concurrency tests, which
 * need hundreds of requests in flight at once.
 */
public final class GraphQLClient {

    private static final String DOCUMENT = load("/graphql/operations.graphql");
    private static final HttpClient HTTP = HttpClient.newHttpClient();
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
            RequestSpecification request = given().contentType(ContentType.JSON);
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            return request.body(body(operation, variables).encode())
                    .when().post("/graphql")
                    .then().statusCode(200)
                    .extract().jsonPath();
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
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUri() + "/graphql"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body(operation, variables).encode()));
            if (token != null) {
                request.header("Authorization", "Bearer " + token);
            }
            return HTTP.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString())
                    .thenApply(response -> new JsonObject(response.body()));
        }
    }

    private static JsonObject body(String operation, Map<String, ?> variables) {
        return new JsonObject()
                .put("query", DOCUMENT)
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
