package shop.backorders.api.view;

import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

import shop.backorders.ordering.OrderState;

@Name("Order")
@Description("A customer's order. Each line's units are allocated, backordered, shipped or cancelled.")
public record OrderView(
        @NonNull @Id @Description("Stable identifier.") String id,
        @NonNull @Description("Where the order stands.") OrderStatus status,
        @NonNull @Description("Customer's email address, as given.") String customerEmail,
        @NonNull @Description("How the order ships when only part of it is allocated.") Shipping shipping,
        @NonNull @Description("When the order was placed.") Instant createdAt,
        @NonNull @Description("One line per product, in the order given (lines of one SKU are merged).")
        List<@NonNull LineView> lines,
        @NonNull @Description("The order's backorders, in queue order.") List<@NonNull BackorderView> backorders) {

    public static OrderView from(OrderState order) {
        return new OrderView(Ids.of(order.id()), Enums.map(order.status(), OrderStatus.class), order.customerEmail(),
                Enums.map(order.shipping(), Shipping.class), order.createdAt(),
                order.lines().stream().map(LineView::from).toList(),
                order.backorders().stream().map(BackorderView::from).toList());
    }

    @Name("OrderLine")
    @Description("One product on an order: quantity = allocated + backordered + shipped + cancelled.")
    public record LineView(
            @NonNull @Description("SKU of the product ordered.") String sku,
            @NonNull @Description("Units ordered.") int quantity,
            @NonNull @Description("Units reserved for this line on hand, not yet shipped.") int allocated,
            @NonNull @Description("Units still waiting for stock in the backorder queue.") int backordered,
            @NonNull @Description("Units shipped.") int shipped,
            @NonNull @Description("Units cancelled.") int cancelled) {

        static LineView from(OrderState.Line line) {
            return new LineView(line.sku(), line.quantity(), line.allocated(), line.backordered(), line.shipped(),
                    line.cancelled());
        }
    }
}
