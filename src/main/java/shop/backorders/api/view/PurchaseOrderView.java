package shop.backorders.api.view;

import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

import shop.backorders.supply.PurchaseOrderState;

@Name("PurchaseOrder")
@Description("Units the shop ordered from a supplier. Each line's deliveries are inbound shipments: the supply"
        + " customers' estimates are planned with.")
public record PurchaseOrderView(
        @NonNull @Id @Description("Stable identifier.") String id,
        @NonNull @Description("Who it is ordered from.") SupplierView supplier,
        @NonNull @Description("Where it stands.") PurchaseOrderStatus status,
        @NonNull @Description("When it was sent.") Instant createdAt,
        @Description("When the supplier first answered; null until it does.") Instant answeredAt,
        @NonNull @Description("What is ordered, in the order asked.") List<@NonNull Line> lines) {

    public static PurchaseOrderView from(PurchaseOrderState order) {
        return new PurchaseOrderView(Ids.of(order.id()), SupplierView.from(order.supplier()),
                Enums.map(order.status(), PurchaseOrderStatus.class), order.createdAt(), order.answeredAt(),
                order.lines().stream().map(line -> new Line(Ids.of(line.id()), line.position(), line.sku(),
                        line.productName(), line.quantity(), line.coming(),
                        line.deliveries().stream().map(InboundShipmentView::from).toList())).toList());
    }

    @Name("PurchaseOrderLine")
    @Description("Units of one product on a purchase order, and the deliveries that bring them.")
    public record Line(
            @NonNull @Id @Description("Stable identifier; name it when answering.") String id,
            @NonNull @Description("1-based place on the order.") int position,
            @NonNull @Description("SKU of the product.") String sku,
            @NonNull @Description("Name of the product.") String productName,
            @NonNull @Description("Units ordered.") int quantity,
            @NonNull @Description("Units its deliveries brought or still bring: fewer than ordered when the supplier"
                    + " ships short, 0 when it declined the line.") int coming,
            @NonNull @Description("Its deliveries, by expected day, with the first day the supplier confirmed for"
                    + " each.") List<@NonNull InboundShipmentView> deliveries) {
    }
}
