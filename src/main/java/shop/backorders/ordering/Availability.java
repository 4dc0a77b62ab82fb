package shop.backorders.ordering;

import java.time.LocalDate;
import java.util.List;

import shop.backorders.shared.ErrorCode;

/**
 * What an order for this many units of one product would get if placed now: how many ship at once, how many
 * wait and when each part is expected, or why it would be refused. Computed by the decision and the estimate
 * placement makes ({@link AvailabilityService}); it reserves nothing.
 *
 * @param allocated   units that would ship now
 * @param backordered units that would wait
 * @param eta         the day the last waiting unit is expected, as the backorder would be told; null if none wait
 * @param etaLatest   the day by which every waiting unit very likely arrives given the suppliers' records, as the
 *                    backorder would be told; null where none applies
 * @param deliveries  the split: now from stock, each inbound shipment's part, the lead time, the release date
 * @param reason      why it would be refused; null if it is orderable
 */
public record Availability(String sku, int quantity, Status status, int allocated, int backordered, LocalDate eta,
        LocalDate etaLatest, List<Delivery> deliveries, ErrorCode reason) {

    /** An answer without a range: every unit now, or refused. */
    public Availability(String sku, int quantity, Status status, int allocated, int backordered, LocalDate eta,
            List<Delivery> deliveries, ErrorCode reason) {
        this(sku, quantity, status, allocated, backordered, eta, null, deliveries, reason);
    }

    public enum Status {
        /** Every unit ships now. */
        IN_STOCK,
        /** Some ship now, the rest wait. */
        PARTLY_IN_STOCK,
        /** Every unit waits for stock to arrive. */
        BACKORDER,
        /** Every unit waits for the release date. */
        PREORDER,
        /** It would be refused: see the reason. */
        UNAVAILABLE
    }

    public enum Source {
        /** On hand: ships now. */
        STOCK,
        /** An announced inbound shipment. */
        INBOUND_SHIPMENT,
        /** Past the announced supply: the supplier's lead time. */
        LEAD_TIME,
        /** A pre-order: the release date. */
        RELEASE_DATE
    }

    /**
     * Some of the units, the day they are expected, and the day by which they very likely arrive given the
     * supplier's record (null where none applies).
     */
    public record Delivery(int quantity, LocalDate date, Source source, LocalDate latest) {

        /** Units with no range: from stock. */
        public Delivery(int quantity, LocalDate date, Source source) {
            this(quantity, date, source, null);
        }
    }

    public boolean orderable() {
        return reason == null;
    }
}
