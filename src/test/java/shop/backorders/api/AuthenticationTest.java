package shop.backorders.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static shop.backorders.support.Fixtures.createProduct;
import static shop.backorders.support.Fixtures.order;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import io.vertx.core.json.JsonObject;
import shop.backorders.support.GraphQLClient;
import shop.backorders.support.LiveTest;
import shop.backorders.support.SubscriptionClient;
import shop.backorders.support.SubscriptionClient.Protocol;
import shop.backorders.support.SubscriptionClient.TokenIn;
import shop.backorders.support.Tokens;

/** Who a token makes the caller, and which tokens are turned away, over HTTP and WebSocket. */
@QuarkusTest
class AuthenticationTest extends LiveTest {

    @Test
    void tokensThatDoNotVerifyAreRefusedWithACodedError() {
        String sku = createProduct("ALLOW", null, 0);
        for (String token : Tokens.invalid()) {
            given().contentType("application/json").header("Authorization", "Bearer " + token)
                    .body(new JsonObject().put("query", "{ product(sku: \"" + sku + "\") { sku } }").encode())
                    .when().post("/graphql")
                    .then().statusCode(401)
                    .header("WWW-Authenticate", startsWith("Bearer"))
                    .contentType(startsWith("application/"))
                    .body("errors[0].extensions.code", equalTo("UNAUTHENTICATED"))
                    .body("data", equalTo(null));
        }
    }

    @Test
    void aCustomerIsTheirVerifiedEmailClaimNeverTheirUpn() {
        String sku = createProduct("ALLOW", null, 5);
        String byEmail = Tokens.sign(Tokens.claims("Mail@Example.com", "customer").upn("login-name"));
        String byUpn = Tokens.sign(Jwt.issuer(Tokens.ISSUER).audience(Tokens.AUDIENCE).upn("upn@example.com")
                .claim("email_verified", true).groups(Set.of("customer")).expiresIn(Duration.ofMinutes(5)));

        assertEquals("mail@example.com", GraphQLClient.as(byEmail).data("PlaceOrder", order(null, sku, 1))
                .getString("placeOrder.customerEmail"));
        GraphQLClient.as(byUpn).error("FORBIDDEN", "PlaceOrder", order(null, sku, 1));
    }

    @Test
    void anAddressTheProviderDidNotVerifyReachesNothingOfItsCustomer() throws Exception {
        String sku = createProduct("ALLOW", null, 0);
        String customer = "unverified-" + sku + "@example.com";
        String orderId = GraphQLClient.data("PlaceOrder", order(customer, sku, 1)).getString("placeOrder.id");
        JwtClaimsBuilder notVerified = Tokens.claims(customer, "customer").claim("email_verified", false);
        JwtClaimsBuilder notSaid = Tokens.claims(customer, "customer");
        notSaid.remove("email_verified");

        for (String token : List.of(Tokens.sign(notVerified), Tokens.sign(notSaid))) {
            GraphQLClient.as(token).error("FORBIDDEN", "Order", Map.of("id", orderId));
            GraphQLClient.as(token).error("FORBIDDEN", "Backorders", Map.of("first", 5));
            GraphQLClient.as(token).error("FORBIDDEN", "CancelOrder", Map.of("id", orderId));
            GraphQLClient.as(token).error("FORBIDDEN", "NotifyWhenAvailable", Map.of("sku", sku, "email", customer));
            try (SubscriptionClient client = SubscriptionClient.connect(vertx, Protocol.TRANSPORT_WS,
                    io.restassured.RestAssured.port, token, TokenIn.INIT_PAYLOAD)) {
                JsonObject refused = client.next(client.subscribe("BackorderChanged", Map.of("orderId", orderId)));
                assertEquals("FORBIDDEN", refused.getJsonArray("errors").getJsonObject(0).getJsonObject("extensions")
                        .getString("code"), refused::encode);
            }
            // The catalogue is everybody's.
            GraphQLClient.as(token).data("Product", Map.of("sku", sku));
        }
        awaitSubscriptions(0);
        assertEquals("AWAITING_STOCK", GraphQLClient.data("Order", Map.of("id", orderId)).getString("order.status"));
    }

    @Test
    void staffNameTheCustomerTheyOrderFor() {
        String sku = createProduct("ALLOW", null, 5);
        GraphQLClient.as(Tokens.staff()).error("INVALID_INPUT", "PlaceOrder", order(null, sku, 1));
    }

    @Test
    void subscriptionsTakeTheTokenFromConnectionInitOrTheUpgradeRequest() throws Exception {
        String sku = createProduct("ALLOW", null, 0);
        String customer = "sub-" + sku + "@example.com";
        for (TokenIn tokenIn : TokenIn.values()) {
            try (SubscriptionClient client = SubscriptionClient.connect(vertx, Protocol.TRANSPORT_WS,
                    io.restassured.RestAssured.port, Tokens.customer(customer), tokenIn)) {
                String watch = client.subscribe("BackorderChanged", Map.of());
                awaitSubscriptions(1);
                GraphQLClient.data("PlaceOrder", order(customer, sku, 1));
                assertEquals("CREATED", client.next(watch).getJsonObject("data").getJsonObject("backorderChanged")
                        .getString("type"));
            }
            awaitSubscriptions(0);
        }
    }

    @Test
    void aConnectionWithABadTokenIsClosed() throws Exception {
        List<String> badTokens = List.of(Tokens.foreign(Tokens.claims("a@example.com", "staff")),
                Tokens.otherAudience(), Tokens.withoutAudience());
        for (Protocol protocol : Protocol.values()) {
            for (String token : badTokens) {
                try (SubscriptionClient client = SubscriptionClient.open(vertx, protocol,
                        io.restassured.RestAssured.port, token, TokenIn.INIT_PAYLOAD)) {
                    JsonObject answer = client.handshake();
                    assertEquals("closed", answer.getString("type"), answer::encode);
                    assertEquals(4403, answer.getInteger("code"), answer::encode);
                }
            }
        }
    }
}
