package shop.backorders.api.view;

import java.time.LocalDate;
import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

import shop.backorders.catalog.StockVisibility;
import shop.backorders.ordering.Availability;

@Name("Availability")
@Description("What an order for this many units would get if placed now: what ships at once, what waits and when"
        + " each part is expected, or why it would be refused. The rule and estimate placement uses; nothing is"
        + " reserved, so another order may take the units first.")
public record AvailabilityView(
        @NonNull @Description("The product's SKU.") String sku,
        @NonNull @Description("The units asked about.") int quantity,
        @NonNull @Description("In one word.") Status status,
        @NonNull @Description("Whether an order for this quantity would be accepted.") boolean orderable,
        @Description("Units that would ship now; null for callers other than staff where the shop tells status and"
                + " dates only (shop.catalogue.exact-counts=false).") Integer allocated,
        @Description("Units that would wait; null for callers other than staff where the shop tells status and dates"
                + " only (shop.catalogue.exact-counts=false).") Integer backordered,
        @Description("When the last waiting unit is expected (YYYY-MM-DD, shop's time zone), as the backorder would"
                + " be told; null when none would wait or it is not orderable.") LocalDate eta,
        @Description("The day by which every waiting unit very likely arrives given the suppliers' records, as the"
                + " backorder would be told (see Eta.latest); null where none applies.") LocalDate etaLatest,
        @NonNull @Description("The split, earliest first: now from stock, each inbound shipment's part, the"
                + " supplier's lead time beyond announced supply, the release date of a pre-order. Empty when not"
                + " orderable.") List<@NonNull Delivery> deliveries,
        @Description("Why it would be refused, an error code placing it would answer (OUT_OF_STOCK,"
                + " BACKORDER_LIMIT_EXCEEDED); null when orderable.") String reason) {

    /** As the caller may see it: without counts of units for those told status and dates only. */
    public static AvailabilityView from(Availability availability, StockVisibility visibility) {
        boolean counts = visibility.showsCounts();
        return new AvailabilityView(availability.sku(), availability.quantity(),
                Enums.map(availability.status(), Status.class), availability.orderable(),
                counts ? availability.allocated() : null, counts ? availability.backordered() : null,
                availability.eta(), availability.etaLatest(), availability.deliveries().stream()
                        .map(part -> new Delivery(counts ? part.quantity() : null, part.date(),
                                Enums.map(part.source(), Source.class), part.latest()))
                        .toList(),
                availability.reason() == null ? null : availability.reason().name());
    }

    @Name("Delivery")
    @Description("Some of the units asked about, and the day they are expected.")
    public record Delivery(
            @Description("How many; null for callers other than staff where the shop tells status and dates only"
                    + " (shop.catalogue.exact-counts=false).") Integer quantity,
            @NonNull @Description("The day (YYYY-MM-DD, shop's time zone).") LocalDate date,
            @NonNull @Description("Where the day comes from.") Source source,
            @Description("The day by which they very likely arrive given the supplier's record (see Eta.latest);"
                    + " null for stock, a release date, or a supplier without enough history.") LocalDate latest) {
    }

    @Name("AvailabilityStatus")
    @Description("What an order for a quantity would get, in one word.")
    public enum Status {
        @Description("Every unit ships now.")
        IN_STOCK,
        @Description("Some units ship now, the rest wait.")
        PARTLY_IN_STOCK,
        @Description("Every unit waits for stock to arrive.")
        BACKORDER,
        @Description("Every unit waits for the release date.")
        PREORDER,
        @Description("It would be refused: see reason.")
        UNAVAILABLE
    }

    @Name("DeliverySource")
    @Description("Where a delivery's day comes from.")
    public enum Source {
        @Description("On hand: ships now.")
        STOCK,
        @Description("An inbound shipment the supplier announced.")
        INBOUND_SHIPMENT,
        @Description("Beyond announced supply: the supplier's lead time.")
        LEAD_TIME,
        @Description("A pre-order: the product's release date.")
        RELEASE_DATE
    }
}
