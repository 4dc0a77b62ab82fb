package shop.backorders.api.view;

import java.time.LocalDate;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

import shop.backorders.insight.ProductOutlook;

@Name("AtRiskProduct")
@Description("A product whose stock runs out before a refill ordered by orderBy could arrive.")
public record AtRiskProductView(
        @NonNull @Description("The product.") String sku,
        @NonNull @Description("Its name.") String name,
        @Id @Description("Its supplier; null if it has none.") String supplierId,
        @Description("Its supplier's name.") String supplierName,
        @NonNull @Description("Units on hand not allocated.") int available,
        @NonNull @Description("Units customers wait for: with any, the product counts as out of stock now.")
        int waitingUnits,
        @NonNull @Description("Open inbound units whose date is confirmed: recorded by staff, or purchase order"
                + " deliveries the supplier answered. Only these count in the cover: a date the supplier has not"
                + " confirmed is the shop's wish.") int confirmedInbound,
        @NonNull @Description("Open purchase order units the supplier has not confirmed yet (not in the cover).")
        int unconfirmedInbound,
        @NonNull @Description("Units ordered in the demand window (shop.insight.demand-window, all lines whatever"
                + " became of them).") int demandUnits,
        @NonNull @Description("demandUnits divided by the window's days.") double dailyDemand,
        @NonNull @Description("Days from ordering to arrival (the supplier's, if it has one).") int leadTimeDays,
        @Description("The supplier's 90th-percentile delay in days against its first confirmed dates, over its last 50"
                + " received deliveries; null with fewer than 5 or no supplier.") Integer p90DelayDays,
        @Description("Days until available stock, then each confirmed delivery from its expected day on (an overdue"
                + " one as if today), runs out at the daily demand: the first stretch that runs out before the next"
                + " delivery. 0 with customers waiting; null without demand.") Double daysOfCover,
        @Description("Today plus the whole days of cover; null without demand.") LocalDate stockOutDate,
        @NonNull @Description("The earliest a refill ordered today could arrive: today + lead time + the p90 delay"
                + " (where known).") LocalDate refillArrives,
        @Description("The last day to order a refill that arrives by the stock-out: stockOutDate minus (lead time +"
                + " p90 delay where known); null without demand.") LocalDate orderBy,
        @NonNull @Description("Whether the cover ends before a refill ordered today could arrive (orderBy before"
                + " today).") boolean atRisk) {

    public static AtRiskProductView from(ProductOutlook product) {
        return new AtRiskProductView(product.sku(), product.name(),
                product.supplierId() == null ? null : Ids.of(product.supplierId()), product.supplierName(),
                Math.toIntExact(product.available()), Math.toIntExact(product.waitingUnits()),
                Math.toIntExact(product.confirmedInbound()),
                Math.toIntExact(product.openInbound() - product.confirmedInbound()),
                Math.toIntExact(product.demandUnits()), product.dailyDemand(), product.leadTimeDays(),
                product.p90DelayDays(), product.daysOfCover(), product.stockOutDate(),
                product.refillArrives(),
                product.orderBy(), product.atRisk());
    }
}
