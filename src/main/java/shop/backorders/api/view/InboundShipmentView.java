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
        @NonNull @Description("Whether it is still expected.") InboundStatus status) {

    public static InboundShipmentView from(InboundShipmentState shipment) {
        return new InboundShipmentView(Ids.of(shipment.id()), shipment.sku(), shipment.quantity(), shipment.received(),
                shipment.expectedAt(), Enums.map(shipment.status(), InboundStatus.class));
    }

    @Name("InboundStatus")
    @Description("OPEN → RECEIVED once all has arrived, or OPEN → CANCELLED.")
    public enum InboundStatus {
        @Description("Still expected; it counts towards estimates.")
        OPEN,
        @Description("Everything expected has arrived.")
        RECEIVED,
        @Description("Called off by the supplier.")
        CANCELLED
    }
}
