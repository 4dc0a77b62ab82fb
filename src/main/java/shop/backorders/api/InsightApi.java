package shop.backorders.api;

import java.time.LocalDate;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;

import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;

import io.smallrye.mutiny.Uni;
import shop.backorders.api.transport.SessionPerField;
import shop.backorders.api.trust.Callers;
import shop.backorders.api.view.AtRiskProductView;
import shop.backorders.api.view.BackorderAgingView;
import shop.backorders.api.view.FillRateView;
import shop.backorders.api.view.Ids;
import shop.backorders.api.view.ReorderSuggestionView;
import shop.backorders.api.view.SupplierPerformanceView;
import shop.backorders.insight.InsightService;

/** What staff read to restock before customers wait (docs/design.md, Insight). Staff only, read-only. */
@GraphQLApi
@SessionPerField
@RolesAllowed(Callers.STAFF)
public class InsightApi {

    private static final String SKUS = "Only these products (at most 1000); all without.";
    private static final String FIRST = "Most products to list, 1-1000.";

    private final InsightService insight;

    public InsightApi(InsightService insight) {
        this.insight = insight;
    }

    @Query
    @NonNull
    @Description("How long customers have waited, by age bucket, overall and per product (worst off first). Errors:"
            + " INVALID_INPUT.")
    public Uni<BackorderAgingView> backorderAging(
            @Description(SKUS) @Name("skus") List<String> skus,
            @DefaultValue("20") @Description(FIRST) @Name("first") int first) {
        return insight.backorderAging(skus, first).map(BackorderAgingView::from);
    }

    @Query
    @NonNull
    @Description("Units allocated when ordered against units backordered, and the time backorders took to be allocated,"
            + " for the orders placed from the start of day `from` to the start of day `to` (excluded), in the shop's"
            + " time zone. Errors: INVALID_INPUT.")
    public Uni<FillRateView> fillRate(
            @NonNull @Description("First day of the window.") @Name("from") LocalDate from,
            @NonNull @Description("The day after the window (a one-day window: from + 1).") @Name("to") LocalDate to,
            @Description(SKUS) @Name("skus") List<String> skus,
            @DefaultValue("20") @Description(FIRST) @Name("first") int first) {
        return insight.fillRate(from, to, skus, first).map(FillRateView::from);
    }

    @Query
    @NonNull
    @Description("Products whose order-by date comes before today + orderWithinDays, soonest first: with the default"
            + " 0, those at risk (their cover ends before a refill ordered today could arrive). Errors: INVALID_INPUT.")
    public Uni<List<@NonNull AtRiskProductView>> atRiskProducts(
            @Description(SKUS) @Name("skus") List<String> skus,
            @Id @Description("Only this supplier's products.") @Name("supplierId") String supplierId,
            @DefaultValue("0") @Description("Also list products to order within this many days, 0-3650.")
            @Name("orderWithinDays") int orderWithinDays,
            @DefaultValue("100") @Description(FIRST) @Name("first") int first) {
        return insight.atRiskProducts(skus, supplier(supplierId), orderWithinDays, first)
                .map(products -> products.stream().map(AtRiskProductView::from).toList());
    }

    @Query
    @NonNull
    @Description("Products with something to reorder now, soonest order-by date first (those without demand last)."
            + " Errors: INVALID_INPUT.")
    public Uni<List<@NonNull ReorderSuggestionView>> reorderSuggestions(
            @Description(SKUS) @Name("skus") List<String> skus,
            @Id @Description("Only this supplier's products.") @Name("supplierId") String supplierId,
            @DefaultValue("100") @Description(FIRST) @Name("first") int first) {
        return insight.reorderSuggestions(skus, supplier(supplierId), first)
                .map(products -> products.stream().map(ReorderSuggestionView::from).toList());
    }

    @Query
    @NonNull
    @Description("Suppliers' record on the purchase orders sent to them from the start of day `from` to the start of"
            + " day `to` (excluded; either open-ended when left out), those that kept customers waiting longest"
            + " first. Errors: INVALID_INPUT.")
    public Uni<List<@NonNull SupplierPerformanceView>> supplierPerformance(
            @Description("First day orders were sent.") @Name("from") LocalDate from,
            @Description("The day after the last.") @Name("to") LocalDate to,
            @Description("Only these suppliers, by id (at most 1000); all without.") @Name("supplierIds")
            List<String> supplierIds,
            @DefaultValue("100") @Description("Most suppliers to list, 1-1000.") @Name("first") int first) {
        List<Long> ids = supplierIds == null ? null : supplierIds.stream().map(Ids::parseOrNone).toList();
        return insight.supplierPerformance(from, to, ids, first)
                .map(suppliers -> suppliers.stream().map(SupplierPerformanceView::from).toList());
    }

    /** A supplier to filter by, or null for any. */
    private static Long supplier(String id) {
        return id == null ? null : Ids.parseOrNone(id);
    }
}
