package shop.backorders.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.vertx.core.json.JsonObject;
import shop.backorders.support.GraphQLClient;

/** Every error carries a stable code, whatever went wrong, and never a stack trace. */
@QuarkusTest
class ErrorResponsesTest {

    @Test
    void aDocumentThatDoesNotParseIsInvalidInput() {
        post("{ product(sku: \"X\" { sku }")
                .body("errors[0].extensions.code", is("INVALID_INPUT"));
    }

    @Test
    void schemaViolationsAreInvalidInput() {
        post("{ noSuchField }").body("errors[0].extensions.code", is("INVALID_INPUT"));
        post("{ product { sku } }").body("errors[0].extensions.code", is("INVALID_INPUT"));
        GraphQLClient.error("INVALID_INPUT", "ReceiveStock", Map.of("sku", "X", "quantity", "many"));
        GraphQLClient.error("INVALID_INPUT", "CreateProduct", Map.of("input", Map.of("sku", "X")));
    }

    @Test
    void failuresLeakNoInternals() {
        String message = GraphQLClient.error("INVALID_INPUT", "Products", Map.of("first", 100_000));
        assertEquals("first must be between 1 and 100, got 100000", message);
        post("{ noSuchField }")
                .body("errors.message", everyItem(not(containsString("Exception"))))
                .body("errors.extensions", everyItem(not(hasKey("exception"))));
    }

    @Test
    void malformedRequestsAreRefusedWith400AndACode() {
        given().contentType(ContentType.JSON).body("{ not json").when().post("/graphql")
                .then().statusCode(400).body("errors[0].extensions.code", is("INVALID_INPUT"));
        given().contentType(ContentType.JSON).body("{\"query\": \"{ products { pageInfo { hasNextPage } } }\","
                + " \"variables\": [1]}").when().post("/graphql")
                .then().statusCode(400).body("errors[0].message", is("variables must be an object"));
        given().contentType(ContentType.TEXT).body("{ products { pageInfo { hasNextPage } } }").when().post("/graphql")
                .then().statusCode(415).body("errors[0].extensions.code", is("INVALID_INPUT"));
    }

    @Test
    void eachOperationOfADocumentIsCheckedAsWhatItIs() {
        String document = GraphQLClient.load("/graphql/query-and-subscription.graphql");
        // The checks parse the document once and remember it; whichever operation comes first, each is
        // still taken for what it is.
        for (int round = 0; round < 2; round++) {
            operation(document, "FirstProducts").statusCode(200).body("data.products.pageInfo", notNullValue());
            operation(document, "StockOf").statusCode(200)
                    .body("errors[0].extensions.code", is("INVALID_INPUT"))
                    .body("errors[0].message", startsWith("Subscriptions run over WebSocket"));
        }
    }

    /** A bare document (Content-Type: application/graphql) goes through the checks a JSON request does. */
    @Test
    void aBareDocumentIsCheckedLikeAJsonRequest() {
        bare("{ products(first: 1) { pageInfo { hasNextPage } } }").statusCode(200)
                .body("data.products.pageInfo", notNullValue());
        bare("subscription { stockChanged(sku: \"X\") { sku } }").statusCode(200)
                .body("errors[0].extensions.code", is("INVALID_INPUT"))
                .body("errors[0].message", startsWith("Subscriptions run over WebSocket"));
        bare("{ product(sku: \"X\" { sku }").statusCode(200).body("errors[0].extensions.code", is("INVALID_INPUT"));
        bare(" ").statusCode(400).body("errors[0].extensions.code", is("INVALID_INPUT"));
    }

    private static ValidatableResponse bare(String document) {
        return given().contentType("application/graphql").body(document.getBytes(StandardCharsets.UTF_8)).when()
                .post("/graphql").then();
    }

    private static ValidatableResponse operation(String document, String name) {
        return given().contentType(ContentType.JSON)
                .body(new JsonObject().put("query", document).put("operationName", name)
                        .put("variables", new JsonObject().put("sku", "X")).encode())
                .when().post("/graphql")
                .then();
    }

    @Test
    void answersInTheMediaTypeTheClientAskedFor() {
        String query = new JsonObject().put("query", "{ products { pageInfo { hasNextPage } } }").encode();
        given().contentType(ContentType.JSON).accept("application/json").body(query).when().post("/graphql")
                .then().statusCode(200).contentType(startsWith("application/json"));
        given().contentType(ContentType.JSON).accept("application/graphql-response+json").body(query)
                .when().post("/graphql")
                .then().statusCode(200).contentType(startsWith("application/graphql-response+json"));
    }

    private static ValidatableResponse post(String query) {
        return given().contentType(ContentType.JSON)
                .body(new JsonObject().put("query", query).encode())
                .when().post("/graphql")
                .then();
    }
}
