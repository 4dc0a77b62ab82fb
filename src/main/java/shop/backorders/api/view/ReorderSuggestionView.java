package shop.backorders.api.view;

import java.time.LocalDate;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

import shop.backorders.insight.ProductOutlook;

@Name("ReorderSuggestion")
@Description("How much of a product to order now: need = waitingUnits + demandOverHorizon + safetyStock - available"
        + " - openInbound, rounded up to whole units, to at least minOrderQuantity and to a multiple of packMultiple.")
public record ReorderSuggestionView(
        @NonNull @Description("The product.") String sku,
        @NonNull @Description("Its name.") String name,
        @Id @Description("Its supplier; null if it has none (it cannot be ordered from suggestions).") String supplierId,
        @Description("Its supplier's name.") String supplierName,
        @NonNull @Description("Units customers wait for.") int waitingUnits,
        @NonNull @Description("Units ordered per day over the demand window (shop.insight.demand-window).")
        double dailyDemand,
        @NonNull @Description("Lead time plus the review period (shop.insight.review-period), in days: until a refill"
                + " ordered at the next review could arrive.") double horizonDays,
        @NonNull @Description("dailyDemand x horizonDays.") double demandOverHorizon,
        @NonNull @Description("Days of demand kept for the supplier's lateness: its p90 delay where known, else"
                + " shop.insight.safety-days.") double safetyDays,
        @NonNull @Description("dailyDemand x safetyDays.") double safetyStock,
        @NonNull @Description("Units on hand not allocated.") int available,
        @NonNull @Description("Units still expected from open inbound supply, confirmed or not (ordered already).")
        int openInbound,
        @NonNull @Description("The need before rounding (above 0 for every suggestion).") double need,
        @NonNull @Description("The fewest units a purchase order asks of the supplier.") int minOrderQuantity,
        @NonNull @Description("Purchase orders ask for a multiple of this many units.") int packMultiple,
        @NonNull @Description("Units to order.") int suggestedQuantity,
        @NonNull @Description("Days from ordering to arrival.") int leadTimeDays,
        @Description("The supplier's 90th-percentile delay in days; null with too little history.") Integer p90DelayDays,
        @Description("The last day to order so it arrives before the stock runs out (as AtRiskProduct.orderBy); null"
                + " without demand.") LocalDate orderBy) {

    public static ReorderSuggestionView from(ProductOutlook product) {
        return new ReorderSuggestionView(product.sku(), product.name(),
                product.supplierId() == null ? null : Ids.of(product.supplierId()), product.supplierName(),
                Math.toIntExact(product.waitingUnits()), product.dailyDemand(), product.horizonDays(),
                product.demandOverHorizon(), product.safetyDays(), product.safetyStock(),
                Math.toIntExact(product.available()), Math.toIntExact(product.openInbound()), product.need(),
                product.minOrderQuantity(), product.packMultiple(), Math.toIntExact(product.suggestedQuantity()),
                product.leadTimeDays(), product.p90DelayDays(), product.orderBy());
    }
}
