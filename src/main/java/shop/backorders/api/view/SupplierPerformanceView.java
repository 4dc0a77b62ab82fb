package shop.backorders.api.view;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

import shop.backorders.insight.SupplierPerformance;

@Name("SupplierPerformance")
@Description("How a supplier kept its promises on the purchase orders sent to it in the window. A delivery's promise is"
        + " the first date the supplier confirmed for it (the date the shop asked for, if it never answered); its"
        + " current date is its expectedAt, which the supplier's answers move. Days late = the day it (last) arrived"
        + " minus the promise, early counting as 0.")
public record SupplierPerformanceView(
        @NonNull @Id @Description("The supplier.") String supplierId,
        @NonNull @Description("Its name.") String name,
        @NonNull @Description("Purchase orders sent to it in the window.") int purchaseOrders,
        @NonNull @Description("Their lines.") int lines,
        @NonNull @Description("Their deliveries that brought units and expect no more (received, or called off after"
                + " a part arrived): the on-time shares and delays are over these.") int deliveriesArrived,
        @Description("Share of them that arrived by their first promise; null without deliveries.")
        Double onTimeFirstPromise,
        @Description("Share of them that arrived by their current date. Above onTimeFirstPromise by the share of"
                + " promises the supplier moved before breaking them.") Double onTimeCurrentPromise,
        @Description("Mean days late against the first promise.") Double meanDelayDays,
        @Description("Most days late against the first promise.") Integer worstDelayDays,
        @Description("Times a delivery's date was moved, per line; null without lines.") Double dateMovesPerLine,
        @NonNull @Description("Lines of which nothing more is expected (no open delivery).") int closedLines,
        @Description("Share of the closed lines whose deliveries brought fewer units than ordered (short, declined, or"
                + " called off); null without closed lines.") Double shortShippedShare,
        @NonNull @Description("Customer-days of delay it caused: for each late delivery, its days late x the units"
                + " backordered (at order time) of the backorders, not cancelled, whose estimate was last planned on"
                + " it. An approximation: a backorder planned on it late, or filled partly from other stock, counts"
                + " all its units for all the days.") int customerDaysOfDelay) {

    public static SupplierPerformanceView from(SupplierPerformance performance) {
        return new SupplierPerformanceView(Ids.of(performance.supplierId()), performance.name(),
                performance.purchaseOrders(), performance.lines(), performance.deliveriesArrived(),
                performance.onTimeFirstPromise(), performance.onTimeCurrentPromise(), performance.meanDelayDays(),
                performance.worstDelayDays(), performance.dateMovesPerLine(), performance.closedLines(),
                performance.shortShippedShare(), Math.toIntExact(performance.customerDaysOfDelay()));
    }
}
