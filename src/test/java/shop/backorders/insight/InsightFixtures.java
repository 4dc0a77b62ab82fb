package shop.backorders.insight;

import java.util.List;
import java.util.Map;

import shop.backorders.support.Fixtures;

/** Fresh suppliers and products of theirs, so that each test reads only its own rows. */
final class InsightFixtures {

    private InsightFixtures() {
    }

    /** A new supplier with this lead time; its id. */
    static String supplier(int leadTimeDays) {
        return Fixtures.createSupplier(leadTimeDays);
    }

    /** A new ALLOW product with this stock, bought from the supplier (null: none) in these packs; its SKU. */
    static String product(String supplierId, int stock, int minOrderQuantity, int packMultiple) {
        return Fixtures.createProductOf(supplierId, "ALLOW", stock, minOrderQuantity, packMultiple);
    }

    static Map<String, Object> skus(String... skus) {
        return Map.of("skus", List.of(skus));
    }
}
