package shop.backorders.catalog;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static shop.backorders.support.Fixtures.createProduct;
import static shop.backorders.support.Fixtures.newSku;
import static shop.backorders.support.GraphQLClient.data;
import static shop.backorders.support.GraphQLClient.error;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;
import shop.backorders.support.EngineTest;
import shop.backorders.support.Fixtures;
import shop.backorders.support.GraphQLClient;
import shop.backorders.support.SubscriptionClient;
import shop.backorders.support.SubscriptionClient.Protocol;
import shop.backorders.support.Tokens;

/**
 * Prices are Money: a decimal string with the shop's currency (CHF in tests), taken as a string or, for clients
 * written before, a JSON number, and never through a binary float.
 */
@QuarkusTest
class PriceTest extends EngineTest {

    @Inject
    Vertx vertx;

    @Test
    void aStorefrontReadsThePriceAsADecimalStringInTheShopsCurrency() {
        String sku = createProduct("ALLOW", null, 0);

        JsonPath product = GraphQLClient.anonymous().data("Product", Map.of("sku", sku));

        assertEquals(Map.of("amount", "19.90", "currencyCode", "CHF"), product.getMap("product.price"));
    }

    @Test
    void aPriceAsAStringOrAJsonNumberIsTheSameAmount() {
        for (Object price : List.of("19.9", "19.90", "19.900", new BigDecimal("19.9"), new BigDecimal("19.90"))) {
            assertEquals("19.90", created(price), () -> price + " as " + price.getClass().getSimpleName());
        }
        assertEquals("20.00", created(20), "a whole JSON number");
        assertEquals("0.00", created("0"), "free");
        assertEquals("9999999999.99", created("9999999999.99"), "the most a price may be");

        for (String literal : List.of("19.9", "19.90", "\"19.9\"", "1990e-2")) {
            JsonPath response = inline(newSku("INLINE"), literal);
            assertNull(response.get("errors"), response::prettify);
            assertEquals("19.90", response.getString("data.createProduct.price.amount"), literal);
        }
    }

    @Test
    void aJsonNumberOverWebSocketIsTheSameAmount() throws Exception {
        for (Protocol protocol : Protocol.values()) {
            Map<String, Object> input = Fixtures.product(newSku("WS"), "ALLOW", null, 0);
            input.put("price", new BigDecimal("19.9"));
            try (SubscriptionClient client = SubscriptionClient.connect(vertx, protocol)) {
                JsonObject created = client.next(client.subscribe("CreateProduct", Map.of("input", input)));
                assertEquals("19.90", created.getJsonObject("data").getJsonObject("createProduct")
                        .getJsonObject("price").getString("amount"), () -> protocol + ": " + created.encode());
            }
        }
    }

    @Test
    void aChangedPriceIsStoredAsGivenToTheCent() {
        String sku = createProduct("ALLOW", null, 0);

        data("UpdateProduct", Map.of("sku", sku, "input", Map.of("price", new BigDecimal("0.1"))));
        assertEquals("0.10", Fixtures.product(sku).getString("price.amount"));
        data("UpdateProduct", Map.of("sku", sku, "input", Map.of("price", "1234567.89")));
        assertEquals("1234567.89", Fixtures.product(sku).getString("price.amount"));

        error("INVALID_INPUT", "UpdateProduct", Map.of("sku", sku, "input", Map.of("price", "0.001")));
        error("INVALID_INPUT", "UpdateProduct", Map.of("sku", sku, "input", Map.of("price", "abc")));
        assertEquals("1234567.89", Fixtures.product(sku).getString("price.amount"), "refused changes change nothing");
    }

    @Test
    void whatIsNoPriceIsRefusedAndNothingIsCreated() {
        for (Object price : List.of("1.234", "abc", "", " 19.90", "19,90", "1e2", "NaN", "Infinity", "-Infinity",
                "0x10", "+1", "-1", "-0.01", "10000000000", "1".repeat(40), new BigDecimal("1.234"),
                new BigDecimal("-1"), -1, new BigDecimal("1e400"), new BigDecimal("1e-400"), true,
                Map.of("amount", "19.90"), List.of("19.90"))) {
            Map<String, Object> input = Fixtures.product(newSku("BAD"), "ALLOW", null, 0);
            input.put("price", price);

            error("INVALID_INPUT", "CreateProduct", Map.of("input", input));

            assertNull(data("Product", Map.of("sku", input.get("sku"))).get("product"), () -> "created at " + price);
        }
        for (String literal : List.of("1.234", "-1", "1e400", "1e-400", "\"NaN\"", "\"1e2\"", "true", "ALLOW",
                "[19.9]", "{amount: 19.9}")) {
            String sku = newSku("BAD");
            JsonPath response = inline(sku, literal);
            assertEquals(List.of("INVALID_INPUT"), response.getList("errors.extensions.code"), response::prettify);
            assertNull(data("Product", Map.of("sku", sku)).get("product"), () -> "created at " + literal);
        }
    }

    /** Creates a product with this literal as its price in the document. */
    private static JsonPath inline(String sku, String literal) {
        String document = GraphQLClient.load("/graphql/price-literal.graphql").replace("PRICE", literal);
        return given().contentType(ContentType.JSON).header("Authorization", "Bearer " + Tokens.staff())
                .body(new JsonObject().put("query", document).put("variables", Map.of("sku", sku)).encode())
                .when().post("/graphql")
                .then().statusCode(200)
                .extract().jsonPath();
    }

    private static String created(Object price) {
        Map<String, Object> input = Fixtures.product(newSku("PRICE"), "ALLOW", null, 0);
        input.put("price", price);
        data("CreateProduct", Map.of("input", input));
        return Fixtures.product((String) input.get("sku")).getString("price.amount");
    }
}
