package shop.backorders.support;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.restassured.path.json.JsonPath;

/** Builders for the inputs tests send, and a few common steps. Every product gets a fresh SKU. */
public final class Fixtures {

    private Fixtures() {
    }

    public static String newSku(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    public static Map<String, Object> product(String sku, String policy, Integer limit, int initialStock) {
        Map<String, Object> input = new HashMap<>();
        input.put("sku", sku);
        input.put("name", "Test product " + sku);
        input.put("price", "19.90");
        input.put("backorderPolicy", policy);
        input.put("backorderLimit", limit);
        input.put("leadTimeDays", 7);
        input.put("initialStock", initialStock);
        return input;
    }

    /** Creates a product and returns its SKU. */
    public static String createProduct(String policy, Integer limit, int initialStock) {
        String sku = newSku(policy);
        GraphQLClient.data("CreateProduct", Map.of("input", product(sku, policy, limit, initialStock)));
        return sku;
    }

    /** Creates a PREORDER product released on that date, holding its initial stock until then. */
    public static String createPreorder(LocalDate releaseDate, int initialStock) {
        String sku = newSku("PREORDER");
        Map<String, Object> input = product(sku, "PREORDER", null, initialStock);
        input.put("releaseDate", releaseDate.toString());
        GraphQLClient.data("CreateProduct", Map.of("input", input));
        return sku;
    }

    /** Creates a supplier with a fresh name and address; returns its id. */
    public static String createSupplier(int leadTimeDays) {
        return createSupplier(newSku("supplier").toLowerCase() + "@suppliers.example", leadTimeDays);
    }

    /** Creates a supplier with a fresh name whose orders go to this address; returns its id. */
    public static String createSupplier(String email, int leadTimeDays) {
        return GraphQLClient.data("CreateSupplier", Map.of("input", Map.of("name", newSku("Supplier"),
                "email", email, "leadTimeDays", leadTimeDays))).getString("createSupplier.id");
    }

    /** Creates a product bought from this supplier (so with its lead time) and returns its SKU. */
    public static String createProductOf(String supplierId, String policy, int initialStock) {
        return createProductOf(supplierId, policy, initialStock, 1, 1);
    }

    /**
     * Creates a product bought from this supplier (null: none, and a lead time of its own) in these packs, and
     * returns its SKU.
     */
    public static String createProductOf(String supplierId, String policy, int initialStock, int minOrderQuantity,
            int packMultiple) {
        String sku = newSku(policy);
        Map<String, Object> input = product(sku, policy, null, initialStock);
        if (supplierId != null) {
            input.remove("leadTimeDays");
            input.put("supplierId", supplierId);
        }
        input.put("minOrderQuantity", minOrderQuantity);
        input.put("packMultiple", packMultiple);
        GraphQLClient.data("CreateProduct", Map.of("input", input));
        return sku;
    }

    public static Map<String, Object> order(String email, String sku, int quantity) {
        return orderOf(email, List.of(line(sku, quantity)), "SHIP_AVAILABLE", null);
    }

    public static Map<String, Object> orderOf(String email, List<Map<String, Object>> lines, String shipping,
            String idempotencyKey) {
        Map<String, Object> input = new HashMap<>();
        input.put("customerEmail", email);
        input.put("lines", lines);
        input.put("shipping", shipping);
        input.put("idempotencyKey", idempotencyKey);
        return Map.of("input", input);
    }

    public static Map<String, Object> line(String sku, int quantity) {
        return Map.of("sku", sku, "quantity", quantity);
    }

    /** Places an order that must be accepted and returns it. */
    public static JsonPath placeOrder(String email, String sku, int quantity) {
        return GraphQLClient.data("PlaceOrder", order(email, sku, quantity)).setRootPath("data.placeOrder");
    }

    public static JsonPath product(String sku) {
        return GraphQLClient.data("Product", Map.of("sku", sku)).setRootPath("data.product");
    }

    public static JsonPath backorder(String id) {
        return GraphQLClient.data("Backorder", Map.of("id", id)).setRootPath("data.backorder");
    }
}
