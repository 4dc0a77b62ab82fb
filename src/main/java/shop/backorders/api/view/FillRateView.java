package shop.backorders.api.view;

import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

import shop.backorders.insight.FillRate;

@Name("FillRate")
@Description("Of the orders placed in [from, to): the units allocated when ordered against those backordered, and how"
        + " long the backorders took to be allocated.")
public record FillRateView(
        @NonNull @Description("Start of the window (included): the first day's start in the shop's zone.") Instant from,
        @NonNull @Description("End of the window (excluded).") Instant to,
        @NonNull @Description("All lines of those orders (of the SKUs asked, if any), whatever the page.")
        FillFiguresView overall,
        @NonNull @Description("Per product ordered, most units backordered first.") List<@NonNull ProductFillView> products,
        @NonNull @Description("Whether more products were ordered than listed.") boolean moreProducts) {

    public static FillRateView from(FillRate rate) {
        return new FillRateView(rate.from(), rate.to(), FillFiguresView.from(rate.overall()),
                rate.products().stream().map(product -> new ProductFillView(product.sku(), product.name(),
                        FillFiguresView.from(product.figures()))).toList(),
                rate.moreProducts());
    }

    @Name("FillFigures")
    @Description("Order lines, their units and their backorders. A line's backordered units are its backorder's quantity"
            + " (what waited when it was ordered); the rest of the line was allocated at once. A backorder is allocated"
            + " when its last unit was (whatever happened after: shipped or cancelled), waiting while units are still"
            + " missing, cancelled when it was cancelled before being allocated: allocated + waiting + cancelled ="
            + " backorders.")
    public record FillFiguresView(
            @NonNull @Description("Order lines.") int lines,
            @NonNull @Description("Lines allocated in full when ordered (no backorder).") int linesFilledAtOnce,
            @Description("linesFilledAtOnce / lines; null without lines.") Double lineFillRate,
            @NonNull @Description("Units ordered.") int orderedUnits,
            @NonNull @Description("Units allocated when ordered.") int allocatedAtOnceUnits,
            @NonNull @Description("Units backordered when ordered.") int backorderedUnits,
            @Description("allocatedAtOnceUnits / orderedUnits; null without lines.") Double unitFillRate,
            @NonNull @Description("Backorders made of these lines.") int backorders,
            @NonNull @Description("Backorders allocated in full since.") int backordersAllocated,
            @Description("Mean hours from a backorder's creation to its last unit's allocation, over the allocated"
                    + " ones; null if none.") Double meanHoursToAllocation,
            @Description("90th percentile of those hours (a value observed: the least one that 90 % of them do not"
                    + " exceed); null if none.") Double p90HoursToAllocation,
            @NonNull @Description("Backorders still waiting: not in the hours above.") int backordersWaiting,
            @NonNull @Description("Units those still wait for.") int unitsStillWaiting,
            @NonNull @Description("Backorders cancelled before being allocated: not in the hours above.")
            int backordersCancelled) {

        static FillFiguresView from(FillRate.Figures figures) {
            return new FillFiguresView(figures.lines(), figures.linesFilledAtOnce(), figures.lineFillRate(),
                    Math.toIntExact(figures.orderedUnits()), Math.toIntExact(figures.allocatedAtOnceUnits()),
                    Math.toIntExact(figures.backorderedUnits()), figures.unitFillRate(), figures.backorders(),
                    figures.backordersAllocated(), figures.meanHoursToAllocation(), figures.p90HoursToAllocation(),
                    figures.backordersWaiting(), Math.toIntExact(figures.unitsStillWaiting()),
                    figures.backordersCancelled());
        }
    }

    @Name("ProductFill")
    @Description("One product's fill rate.")
    public record ProductFillView(
            @NonNull @Description("The product.") String sku,
            @NonNull @Description("Its name.") String name,
            @NonNull @Description("Its lines' figures.") FillFiguresView figures) {
    }
}
