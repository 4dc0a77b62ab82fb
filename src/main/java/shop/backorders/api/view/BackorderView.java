package shop.backorders.api.view;

import java.time.Instant;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

import shop.backorders.backorder.BackorderState;

@Name("Backorder")
@Description("The part of an order line that waits for stock, in its product's first-come-first-served queue.")
public record BackorderView(
        @NonNull @Id @Description("Stable identifier.") String id,
        @NonNull @Id @Description("The order it belongs to.") String orderId,
        @NonNull @Description("Where it stands.") BackorderStatus status,
        @NonNull @Description("SKU of the product waited for.") String sku,
        @NonNull @Description("Name of the product waited for.") String productName,
        @NonNull @Description("The customer who waits: their order's email address.") String customerEmail,
        @NonNull @Description("Units that waited when the order was placed.") int quantity,
        @NonNull @Description("Units allocated to it so far, shipped ones included.") int allocated,
        @NonNull @Description("Units of it shipped.") int shipped,
        @NonNull @Description("Whether it was placed as a pre-order, before the product's release date.")
        boolean preorder,
        @NonNull @Description("When it joined the queue.") Instant createdAt,
        @Description("1-based place in its product's queue, counted in WAITING backorders in first-come-first-served"
                + " order; it moves up as those ahead are filled or cancelled. Null once it is no longer waiting.")
        Integer queuePosition,
        @Description("When its units are expected; null once it is no longer waiting.") EtaView eta) {

    public static BackorderView from(BackorderState backorder) {
        return new BackorderView(Ids.of(backorder.id()), Ids.of(backorder.orderId()),
                Enums.map(backorder.status(), BackorderStatus.class), backorder.sku(), backorder.productName(),
                backorder.customerEmail(), backorder.quantity(),
                backorder.allocated(), backorder.shipped(), backorder.preorder(), backorder.createdAt(),
                backorder.queuePosition(), EtaView.from(backorder.eta()));
    }
}
