package shop.backorders.insight;

import static shop.backorders.support.GraphQLClient.data;

import java.util.List;
import java.util.Map;

import shop.backorders.support.Fixtures;

/** Fresh suppliers and products of theirs, so that each test reads only its own rows. */
final class InsightFixtures {

    private InsightFixtures() {
    }

    /** A new supplier with this lead time; its id. */
    static String supplier(int leadTimeDays) {
        String name = Fixtures.newSku("Supplier");
        return data("InsightCreateSupplier", Map.of("input", Map.of("name", name,
                "email", name.toLowerCase() + "@supplier.example", "leadTimeDays", leadTimeDays)))
                .getString("createSupplier.id");
    }

    /** A new ALLOW product with this stock, bought from the supplier (null: none) in these packs; its SKU. */
    static String product(String supplierId, int stock, int minOrderQuantity, int packMultiple) {
        String sku = Fixtures.newSku("INSIGHT");
        Map<String, Object> input = Fixtures.product(sku, "ALLOW", null, stock);
        if (supplierId != null) {
            // The supplier's lead time becomes the product's.
            input.remove("leadTimeDays");
            input.put("supplierId", supplierId);
        }
        input.put("minOrderQuantity", minOrderQuantity);
        input.put("packMultiple", packMultiple);
        data("CreateProduct", Map.of("input", input));
        return sku;
    }

    static Map<String, Object> skus(String... skus) {
        return Map.of("skus", List.of(skus));
    }
}
