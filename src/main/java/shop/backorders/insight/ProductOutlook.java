package shop.backorders.insight;

import java.time.LocalDate;

/**
 * A product's supply against its demand today: how long it lasts, by when to order, and how much to order.
 * Both atRiskProducts and reorderSuggestions read it, so the two tell the same story.
 *
 * @param available         units on hand not allocated
 * @param waitingUnits      units customers wait for
 * @param confirmedInbound  open inbound units whose date is confirmed: recorded by staff, or a purchase order
 *                          delivery the supplier answered
 * @param openInbound       every open inbound unit, unconfirmed purchase order deliveries too
 * @param demandUnits       units ordered in the demand window (its last moment included, its first not)
 * @param dailyDemand       demandUnits divided by the window's days
 * @param p90DelayDays      the supplier's 90th-percentile delay (supplier_delay); null with too little history
 * @param daysOfCover       days until available stock and confirmed inbound (each from its day on) run out at the
 *                          daily demand: 0 with customers waiting, null without demand
 * @param stockOutDate      today plus the whole days of cover; null without demand
 * @param refillArrives     the earliest a refill ordered today could arrive: today + lead time + the p90 delay
 * @param orderBy           stockOutDate minus (lead time plus the p90 delay, where known)
 * @param atRisk            the cover ends before a refill ordered today could arrive (orderBy before today)
 * @param horizonDays       lead time plus the review period, in days
 * @param demandOverHorizon dailyDemand times horizonDays
 * @param safetyDays        the p90 delay, else the safety-days setting
 * @param safetyStock       dailyDemand times safetyDays
 * @param need              waitingUnits + demandOverHorizon + safetyStock - available - openInbound
 * @param suggestedQuantity need rounded up to whole units, at least minOrderQuantity, a multiple of packMultiple;
 *                          0 when need is not above 0
 */
public record ProductOutlook(long productId, String sku, String name, Long supplierId, String supplierName,
        int leadTimeDays, int minOrderQuantity, int packMultiple, long available, long waitingUnits,
        long confirmedInbound, long openInbound, long demandUnits, double dailyDemand, Integer p90DelayDays,
        Double daysOfCover, LocalDate stockOutDate, LocalDate refillArrives, LocalDate orderBy, boolean atRisk, double horizonDays,
        double demandOverHorizon, double safetyDays, double safetyStock, double need, long suggestedQuantity) {
}
