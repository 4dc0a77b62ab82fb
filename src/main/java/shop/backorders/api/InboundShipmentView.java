package shop.backorders.api;

import java.time.LocalDate;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

import shop.backorders.inventory.InboundShipment;

@Name("InboundShipment")
@Description("Supply a supplier has promised; it feeds delivery estimates and changes no stock until received.")
public record InboundShipmentView(
        @NonNull @Id @Description("Stable identifier.") String id,
        @NonNull @Description("SKU of the product expected.") String sku,
        @NonNull @Description("Units expected.") int quantity,
        @NonNull @Description("Day the units are expected (YYYY-MM-DD).") LocalDate expectedAt) {

    static InboundShipmentView from(InboundShipment shipment, String sku) {
        return new InboundShipmentView(Ids.of(shipment.id), sku, shipment.quantity, shipment.expectedAt);
    }
}
