package shop.backorders.insight;

import static shop.backorders.insight.InsightFixtures.skus;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import shop.backorders.support.GraphQLClient;
import shop.backorders.support.Tokens;

/** Insight is the shop's own: customers and suppliers are refused every figure and the ordering of suggestions. */
@QuarkusTest
class InsightStaffOnlyTest {

    private static final Map<String, Map<String, Object>> OPERATIONS = Map.of(
            "BackorderAging", Map.of(),
            "FillRate", Map.of("from", "2026-01-01", "to", "2026-01-02"),
            "AtRiskProducts", Map.of(),
            "ReorderSuggestions", Map.of(),
            "SupplierPerformance", Map.of(),
            "CreatePurchaseOrdersFromSuggestions", skus("ANY-SKU"));

    @Test
    void customersAndSuppliersAreForbidden() {
        for (String token : List.of(Tokens.customer("curious@example.com"),
                Tokens.sign(Tokens.claims("sales@supplier.example", "supplier")))) {
            OPERATIONS.forEach((operation, variables) -> GraphQLClient.as(token).error("FORBIDDEN", operation,
                    variables));
        }
    }
}
