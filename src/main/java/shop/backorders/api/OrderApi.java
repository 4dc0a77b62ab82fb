package shop.backorders.api;

import jakarta.annotation.security.RolesAllowed;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;

import io.smallrye.mutiny.Uni;
import shop.backorders.api.transport.SessionPerField;
import shop.backorders.api.trust.Callers;
import shop.backorders.api.trust.RateLimits;
import shop.backorders.api.view.Ids;
import shop.backorders.api.view.OrderView;
import shop.backorders.ordering.OrderPlacement;
import shop.backorders.ordering.OrderService;
import shop.backorders.shared.Caller;

/** Orders: customers place, read and cancel their own; staff all of them, and ship. */
@GraphQLApi
@SessionPerField
@RolesAllowed(Callers.STAFF)
public class OrderApi {

    private final OrderPlacement placement;
    private final OrderService orders;
    private final Callers callers;
    private final RateLimits limits;

    public OrderApi(OrderPlacement placement, OrderService orders, Callers callers, RateLimits limits) {
        this.placement = placement;
        this.orders = orders;
        this.callers = callers;
        this.limits = limits;
    }

    @Query
    @RolesAllowed({ Callers.CUSTOMER, Callers.STAFF })
    @Description("The order with this id, or null if there is none (or it is another customer's).")
    public Uni<OrderView> order(@NonNull @Id @Description("Its id.") @Name("id") String id) {
        Long orderId = Ids.parseOrNull(id);
        if (orderId == null) {
            return Uni.createFrom().nullItem();
        }
        return orders.findOrder(orderId, callers.current()).map(order -> order == null ? null : OrderView.from(order));
    }

    @Mutation
    @NonNull
    @RolesAllowed({ Callers.CUSTOMER, Callers.STAFF })
    @Description("Places an order, whole or not at all. Each line takes what is available now and backorders the"
            + " rest within its product's policy; while earlier backorders wait, new orders queue behind them."
            + " Errors: UNKNOWN_PRODUCT, OUT_OF_STOCK, BACKORDER_LIMIT_EXCEEDED, INVALID_QUANTITY, INVALID_INPUT,"
            + " IDEMPOTENCY_KEY_REUSED, FORBIDDEN (a customer naming another address), RATE_LIMITED.")
    public Uni<OrderView> placeOrder(
            @NonNull @Description("The order to place.") @Name("input") Inputs.PlaceOrderInput input) {
        Caller caller = callers.current();
        return limits.take(RateLimits.Kind.ORDERS, caller)
                .chain(() -> placement.place(input.toCommand(), caller))
                .map(OrderView::from);
    }

    @Mutation
    @NonNull
    @RolesAllowed({ Callers.CUSTOMER, Callers.STAFF })
    @Description("Cancels every unit not shipped yet; its allocated units go to the next backorders in line."
            + " After a partial shipment it cancels the rest. Errors: NOT_FOUND, INVALID_STATE (nothing left to"
            + " cancel), RATE_LIMITED.")
    public Uni<OrderView> cancelOrder(@NonNull @Id @Description("Its id.") @Name("id") String id) {
        Caller caller = callers.current();
        return limits.take(RateLimits.Kind.MAIL, caller)
                .chain(() -> orders.cancelOrder(Ids.parse("Order", id), caller))
                .map(OrderView::from);
    }

    @Mutation
    @NonNull
    @Description("Ships every allocated unit and takes it off on hand. A SHIP_COMPLETE order ships only once every"
            + " line is allocated in full. Errors: NOT_FOUND, INVALID_STATE (nothing to ship, or incomplete).")
    public Uni<OrderView> shipOrder(@NonNull @Id @Description("Its id.") @Name("id") String id) {
        return orders.shipOrder(Ids.parse("Order", id)).map(OrderView::from);
    }
}
