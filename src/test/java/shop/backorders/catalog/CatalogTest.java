package shop.backorders.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static shop.backorders.support.Fixtures.createProduct;
import static shop.backorders.support.Fixtures.newSku;
import static shop.backorders.support.Fixtures.order;
import static shop.backorders.support.Fixtures.placeOrder;
import static shop.backorders.support.GraphQLClient.data;
import static shop.backorders.support.GraphQLClient.error;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.core.json.JsonObject;
import shop.backorders.support.EngineTest;
import shop.backorders.support.Fixtures;
import shop.backorders.support.GraphQLClient;
import shop.backorders.support.GraphQLClient.Calls;
import shop.backorders.support.Tokens;

@QuarkusTest
class CatalogTest extends EngineTest {

    @Test
    void createsAProductWithItsStock() {
        String sku = newSku("CAT");
        Map<String, Object> input = Fixtures.product(sku, "ALLOW_LIMITED", 25, 12);
        input.put("price", "1234.5");

        JsonPath product = data("CreateProduct", Map.of("input", input)).setRootPath("data.createProduct");

        assertEquals(sku, product.getString("sku"));
        assertEquals("1234.50", product.getString("price.amount"));
        assertEquals("ALLOW_LIMITED", product.getString("backorderPolicy"));
        assertEquals(25, product.getInt("backorderLimit"));
        assertEquals(7, product.getInt("leadTimeDays"));
        assertNull(product.get("releaseDate"));
        assertEquals(Map.of("onHand", 12, "allocated", 0, "available", 12), product.getMap("stock"));
        assertEquals(0, product.getInt("waitingBackorders"));
    }

    /** shop.catalogue.exact-counts is on unless a shop turns it off (StatusAndDatesOnlyTest): everyone sees counts. */
    @Test
    void byDefaultAnonymousCallersAndCustomersSeeTheCounts() {
        String sku = createProduct("ALLOW", null, 2);
        Calls customer = GraphQLClient.as(Tokens.customer("counts@example.com"));
        for (Calls caller : List.of(GraphQLClient.anonymous(), customer)) {
            JsonPath product = caller.data("Product", Map.of("sku", sku)).setRootPath("data.product");
            assertEquals(Map.of("onHand", 2, "allocated", 0, "available", 2), product.getMap("stock"));
            assertEquals(0, product.getInt("waitingBackorders"));
            JsonPath availability = caller.data("Availability", Map.of("sku", sku, "quantity", 3))
                    .setRootPath("data.product.availability");
            assertEquals(2, availability.getInt("allocated"));
            assertEquals(1, availability.getInt("backordered"));
            assertEquals(List.of(2, 1), availability.getList("deliveries.quantity"));
        }
    }

    @Test
    void refusesProductsThatBreakTheRules() {
        String sku = createProduct("ALLOW", null, 0);

        error("DUPLICATE_SKU", "CreateProduct", Map.of("input", Fixtures.product(sku, "ALLOW", null, 0)));
        error("INVALID_INPUT", "CreateProduct",
                Map.of("input", Fixtures.product(newSku("X"), "ALLOW_LIMITED", null, 0)));
        error("INVALID_INPUT", "CreateProduct", Map.of("input", Fixtures.product(newSku("X"), "PREORDER", null, 0)));
        error("INVALID_INPUT", "CreateProduct", Map.of("input", Fixtures.product("bad sku!", "ALLOW", null, 0)));
        error("INVALID_QUANTITY", "CreateProduct", Map.of("input", Fixtures.product(newSku("X"), "ALLOW", null, -1)));
        Map<String, Object> negativePrice = Fixtures.product(newSku("X"), "ALLOW", null, 0);
        negativePrice.put("price", "-1");
        error("INVALID_INPUT", "CreateProduct", Map.of("input", negativePrice));
        assertNull(data("Product", Map.of("sku", "NO-SUCH-SKU")).get("product"));
    }

    @Test
    void aNameIsOneLineSoItCannotAddMailHeaders() {
        String sku = createProduct("ALLOW", null, 0);
        for (String name : new String[] { "Arm\r\nBcc: everyone@example.com", "Arm\nX", "Arm\u0000", "Arm\u2028X",
                "Arm\u0085X" }) {
            Map<String, Object> product = Fixtures.product(newSku("X"), "ALLOW", null, 0);
            product.put("name", name);
            error("INVALID_INPUT", "CreateProduct", Map.of("input", product));
            error("INVALID_INPUT", "UpdateProduct", Map.of("sku", sku, "input", Map.of("name", name)));
        }
        assertEquals("Test product " + sku, data("Product", Map.of("sku", sku)).getString("product.name"));
    }

    @Test
    void racingCreationsOfOneSkuMakeOneProduct() {
        String sku = newSku("RACE");

        List<CompletableFuture<JsonObject>> racing = IntStream.range(0, 10)
                .mapToObj(i -> GraphQLClient.sendAsync("CreateProduct",
                        Map.of("input", Fixtures.product(sku, "ALLOW", null, 5))))
                .toList();
        List<JsonObject> responses = racing.stream().map(CompletableFuture::join).toList();

        assertEquals(1, responses.stream().filter(response -> response.getValue("errors") == null).count());
        responses.stream().filter(response -> response.getValue("errors") != null).forEach(response -> assertEquals(
                "DUPLICATE_SKU", response.getJsonArray("errors").getJsonObject(0).getJsonObject("extensions")
                        .getString("code"), response::encode));
        assertEquals(5, Fixtures.product(sku).getInt("stock.onHand"));
    }

    @Test
    void pagesThroughAllProductsWithCursors() {
        List<String> created = List.of(createProduct("ALLOW", null, 0), createProduct("ALLOW", null, 0),
                createProduct("ALLOW", null, 0));
        List<String> seen = new ArrayList<>();
        String after = null;
        boolean more = true;
        while (more) {
            Map<String, Object> variables = new HashMap<>();
            variables.put("first", 2);
            variables.put("after", after);
            JsonPath page = data("Products", variables).setRootPath("data.products");
            List<String> skus = page.getList("edges.node.sku");
            assertTrue(skus.size() <= 2);
            assertEquals(after != null, page.getBoolean("pageInfo.hasPreviousPage"));
            assertEquals(page.getString("edges[0].cursor"), page.getString("pageInfo.startCursor"));
            seen.addAll(skus);
            more = page.getBoolean("pageInfo.hasNextPage");
            after = page.getString("pageInfo.endCursor");
        }
        assertEquals(seen.size(), seen.stream().distinct().count(), "no product twice");
        List<String> ours = seen.stream().filter(created::contains).toList();
        assertEquals(created, ours, "every product once, in creation order");
        error("INVALID_INPUT", "Products", Map.of("first", 2, "after", "garbage"));
    }

    @Test
    void loweringTheCapKeepsTheQueueAndRefusesNewBackorders() {
        String sku = createProduct("ALLOW_LIMITED", 10, 0);
        placeOrder("a@example.com", sku, 6);

        JsonPath updated = data("UpdateProduct",
                Map.of("sku", sku, "input", Map.of("backorderLimit", 4, "name", "Renamed")))
                .setRootPath("data.updateProduct");

        assertEquals(4, updated.getInt("backorderLimit"));
        assertEquals("Renamed", updated.getString("name"));
        assertEquals(6, updated.getInt("waitingBackorders"));
        error("BACKORDER_LIMIT_EXCEEDED", "PlaceOrder", order("b@example.com", sku, 1));
        error("INVALID_INPUT", "UpdateProduct", Map.of("sku", sku, "input", Map.of("leadTimeDays", -1)));
        error("UNKNOWN_PRODUCT", "UpdateProduct", Map.of("sku", "NO-SUCH-SKU", "input", Map.of("name", "x")));
    }
}
