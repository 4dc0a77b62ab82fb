package shop.backorders.api;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static shop.backorders.support.Fixtures.createProduct;
import static shop.backorders.support.Fixtures.order;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.vertx.core.json.JsonObject;
import shop.backorders.support.GraphQLClient;
import shop.backorders.support.Tokens;

/**
 * A customer may place so many orders a minute and take so many mail-sending actions an hour (the
 * defaults: 30 each); past that they are told RATE_LIMITED and when to retry. Others go on.
 */
@QuarkusTest
class RateLimitsTest {

    private static final int ORDERS_PER_MINUTE = 30;
    private static final int MAIL_ACTIONS_PER_HOUR = 30;

    @Test
    void aCustomerPlacingTooManyOrdersIsToldWhenToRetry() {
        String sku = createProduct("ALLOW", null, 1000);
        String eager = Tokens.customer("eager-" + sku + "@example.com");
        // A burst of the whole allowance goes through; the allowance refills one order every 2 s, so a slow
        // machine lets a few more through before the refusal: count them rather than time them.
        int accepted = 0;
        Response answer = send(eager, "PlaceOrder", order(null, sku, 1));
        while (new JsonObject(answer.asString()).getValue("errors") == null && accepted < 2 * ORDERS_PER_MINUTE) {
            accepted++;
            answer = send(eager, "PlaceOrder", order(null, sku, 1));
        }
        assertTrue(accepted >= ORDERS_PER_MINUTE, "the burst is the whole allowance, got " + accepted);
        assertRateLimited(answer, 1);

        GraphQLClient.as(Tokens.customer("patient-" + sku + "@example.com")).data("PlaceOrder", order(null, sku, 1));
        GraphQLClient.data("PlaceOrder", order("eager-" + sku + "@example.com", sku, 1));
    }

    @Test
    void aCustomerCannotMailBombTheirOwnAddress() {
        String sku = createProduct("ALLOW", null, 5);
        String token = Tokens.customer("bomber-" + sku + "@example.com");
        for (int i = 0; i < MAIL_ACTIONS_PER_HOUR; i++) {
            GraphQLClient.as(token).data("NotifyWhenAvailable", Map.of("sku", sku));
            GraphQLClient.as(token).data("StopNotifyWhenAvailable", Map.of("sku", sku));
        }
        assertRateLimited(send(token, "NotifyWhenAvailable", Map.of("sku", sku)), 60);
    }

    private static void assertRateLimited(Response response, long atLeastSeconds) {
        JsonObject body = new JsonObject(response.asString());
        JsonObject extensions = body.getJsonArray("errors").getJsonObject(0).getJsonObject("extensions");
        assertEquals("RATE_LIMITED", extensions.getString("code"), body::encode);
        long retryAfter = extensions.getLong("retryAfterSeconds");
        assertTrue(retryAfter >= atLeastSeconds, "retry after " + retryAfter);
        assertEquals(Long.toString(retryAfter), response.header("Retry-After"));
    }

    private static Response send(String token, String operation, Map<String, ?> variables) {
        return given().contentType("application/json").header("Authorization", "Bearer " + token)
                .body(new JsonObject().put("query", GraphQLClient.load("/graphql/operations.graphql"))
                        .put("operationName", operation).put("variables", new JsonObject(Map.copyOf(variables)))
                        .encode())
                .post("/graphql");
    }
}
