package shop.backorders.api.view;

import java.time.LocalDate;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

import shop.backorders.inventory.InboundShipmentState;

@Name("InboundShipment")
@Description("Supply a supplier has promised; it feeds delivery estimates and changes no stock until received.")
public record InboundShipmentView(
        @NonNull @Id @Description("Stable identifier.") String id,
        @NonNull @Description("SKU of the product expected.") String sku,
        @NonNull @Description("Units still expected.") int quantity,
        @NonNull @Description("Units that have arrived from it so far.") int received,
        @NonNull @Description("Day the units are expected (YYYY-MM-DD).") LocalDate expectedAt,
        @NonNull @Description("Whether it is still expected.") InboundStatus status,
        @Id @Description("The purchase order line it delivers; null for supply recorded by hand.")
        String purchaseOrderLineId,
        @Description("The day the shop asked for on the purchase order; null for supply recorded by hand and for"
                + " a delivery the supplier added.") LocalDate requestedAt,
        @Description("The first day the supplier confirmed for it: the promise it is measured by, whatever"
                + " expectedAt says now. Null until the supplier answers.") LocalDate firstConfirmedAt,
        @NonNull @Description("How often its expected day moved once it was on a purchase order.") int dateMoves) {

    public static InboundShipmentView from(InboundShipmentState shipment) {
        return new InboundShipmentView(Ids.of(shipment.id()), shipment.sku(), shipment.quantity(), shipment.received(),
                shipment.expectedAt(), Enums.map(shipment.status(), InboundStatus.class),
                shipment.purchaseOrderLineId() == null ? null : Ids.of(shipment.purchaseOrderLineId()),
                shipment.requestedAt(), shipment.firstConfirmedAt(), shipment.dateMoves());
    }

    @Name("InboundStatus")
    @Description("OPEN → RECEIVED once all has arrived, or OPEN → CANCELLED.")
    public enum InboundStatus {
        @Description("Still expected; it counts towards estimates.")
        OPEN,
        @Description("Everything expected has arrived.")
        RECEIVED,
        @Description("Called off, by the supplier or staff.")
        CANCELLED
    }
}
