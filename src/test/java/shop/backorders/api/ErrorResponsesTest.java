package shop.backorders.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.core.json.JsonObject;
import shop.backorders.support.GraphQLClient;

/** Every error carries a stable code, whatever went wrong, and never a stack trace. */
@QuarkusTest
class ErrorResponsesTest {

    @Test
    void aDocumentThatDoesNotParseIsInvalidInput() {
        post("{ product(sku: \"X\" { sku }")
                .body("errors[0].extensions.code", org.hamcrest.Matchers.is("INVALID_INPUT"));
    }

    @Test
    void schemaViolationsAreInvalidInput() {
        post("{ noSuchField }").body("errors[0].extensions.code", org.hamcrest.Matchers.is("INVALID_INPUT"));
        post("{ product { sku } }").body("errors[0].extensions.code", org.hamcrest.Matchers.is("INVALID_INPUT"));
        GraphQLClient.error("INVALID_INPUT", "ReceiveStock", Map.of("sku", "X", "quantity", "many"));
        GraphQLClient.error("INVALID_INPUT", "CreateProduct", Map.of("input", Map.of("sku", "X")));
    }

    @Test
    void failuresLeakNoInternals() {
        String message = GraphQLClient.error("INVALID_INPUT", "Products", Map.of("first", 100_000));
        assertEquals("first must be between 1 and 100, got 100000", message);
        post("{ noSuchField }")
                .body("errors.message", everyItem(not(containsString("Exception"))))
                .body("errors.extensions", everyItem(not(org.hamcrest.Matchers.hasKey("exception"))));
    }

    private static io.restassured.response.ValidatableResponse post(String query) {
        return given().contentType(ContentType.JSON)
                .body(new JsonObject().put("query", query).encode())
                .when().post("/graphql")
                .then();
    }
}
