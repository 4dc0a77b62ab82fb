package shop.backorders.insight;

import java.time.Instant;
import java.util.List;

/** Of the orders placed in [from, to): what was allocated at once and what waited, and for how long. */
public record FillRate(Instant from, Instant to, Figures overall, List<ProductFill> products, boolean moreProducts) {

    /**
     * Order lines and units, and the backorders made of them: allocated (with the mean and 90th-percentile hours
     * from backorder to its last unit), still waiting, cancelled.
     */
    public record Figures(int lines, int linesFilledAtOnce, long orderedUnits, long allocatedAtOnceUnits,
            long backorderedUnits, int backorders, int backordersAllocated, Double meanHoursToAllocation,
            Double p90HoursToAllocation, int backordersWaiting, long unitsStillWaiting, int backordersCancelled) {

        /** Share of ordered units allocated when ordered; null without orders. */
        public Double unitFillRate() {
            return orderedUnits == 0 ? null : (double) allocatedAtOnceUnits / orderedUnits;
        }

        /** Share of lines allocated in full when ordered; null without orders. */
        public Double lineFillRate() {
            return lines == 0 ? null : (double) linesFilledAtOnce / lines;
        }
    }

    public record ProductFill(long productId, String sku, String name, Figures figures) {
    }
}
