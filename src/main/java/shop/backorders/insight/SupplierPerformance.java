package shop.backorders.insight;

/**
 * How a supplier kept its promises on the purchase orders sent to it in a window.
 *
 * @param deliveriesArrived        deliveries that brought units and expect no more
 * @param onTimeFirstPromise       share of those that arrived by the first date the supplier confirmed (or the
 *                                 date asked, if it never answered); null without deliveries
 * @param onTimeCurrentPromise     share that arrived by their last expected date
 * @param meanDelayDays            mean days late against the first promise (early counts as 0)
 * @param worstDelayDays           most days late against the first promise
 * @param dateMovesPerLine         date moves of the lines' deliveries per line
 * @param closedLines              lines of which nothing more is expected
 * @param shortShippedShare        share of closed lines whose deliveries brought fewer units than ordered
 * @param customerDaysOfDelay      days late times the units of the backorders planned on each late delivery
 */
public record SupplierPerformance(long supplierId, String name, int purchaseOrders, int lines,
        int deliveriesArrived, Double onTimeFirstPromise, Double onTimeCurrentPromise, Double meanDelayDays,
        Integer worstDelayDays, Double dateMovesPerLine, int closedLines, Double shortShippedShare,
        long customerDaysOfDelay) {
}
