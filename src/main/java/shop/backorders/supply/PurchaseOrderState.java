package shop.backorders.supply;

import java.time.Instant;
import java.util.List;

import shop.backorders.catalog.Supplier;
import shop.backorders.inventory.InboundShipment;
import shop.backorders.inventory.InboundShipmentState;

/** A purchase order as it stood at one moment, with its lines and their deliveries: what queries answer. */
public record PurchaseOrderState(long id, Supplier supplier, PurchaseOrderStatus status, Instant createdAt,
        Instant answeredAt, List<Line> lines) {

    /** A line: units ordered of a product, and the deliveries that bring them, by expected day. */
    public record Line(long id, int position, String sku, String productName, int quantity,
            List<InboundShipmentState> deliveries) {

        /** Units the deliveries still bring or brought: fewer than ordered when short, 0 when declined. */
        public int coming() {
            return deliveries.stream()
                    .mapToInt(delivery -> delivery.received()
                            + (delivery.status() == InboundShipment.Status.OPEN
                                    ? delivery.quantity() : 0))
                    .sum();
        }
    }
}
