package shop.backorders.api;

import java.util.List;

import jakarta.annotation.security.PermitAll;
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
import shop.backorders.api.view.QuoteView;
import shop.backorders.catalog.CatalogService;
import shop.backorders.catalog.StockVisibility;
import shop.backorders.inventory.AllocationPolicy;
import shop.backorders.ordering.AvailabilityService;
import shop.backorders.ordering.OrderPlacement;
import shop.backorders.ordering.OrderService;
import shop.backorders.ordering.QuoteChanged;
import shop.backorders.shared.Caller;

/** Orders: anyone may ask for a quote; customers place, read and cancel their own; staff all of them, and ship. */
@GraphQLApi
@SessionPerField
@RolesAllowed(Callers.STAFF)
public class OrderApi {

    private final OrderPlacement placement;
    private final OrderService orders;
    private final AvailabilityService availability;
    private final CatalogService catalog;
    private final Callers callers;
    private final RateLimits limits;

    public OrderApi(OrderPlacement placement, OrderService orders, AvailabilityService availability,
            CatalogService catalog, Callers callers, RateLimits limits) {
        this.placement = placement;
        this.orders = orders;
        this.availability = availability;
        this.catalog = catalog;
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

    @Query
    @NonNull
    @PermitAll
    @Description("What an order of these lines would get if placed now, with a token to place it with and be held"
            + " to it. Anyone may ask, signed in or not. Errors: UNKNOWN_PRODUCT, INVALID_QUANTITY, INVALID_INPUT.")
    public Uni<QuoteView> quote(@NonNull @Description("1-100 lines; lines of one SKU are merged.") @Name("lines")
            List<Inputs.@NonNull OrderLineInput> lines) {
        StockVisibility visibility = catalog.visibilityFor(callers.browsing());
        return availability.quote(Inputs.lines(lines)).map(quote -> QuoteView.from(quote, visibility));
    }

    @Mutation
    @NonNull
    @RolesAllowed({ Callers.CUSTOMER, Callers.STAFF })
    @Description("Places an order, whole or not at all. Each line takes what is available now and backorders the"
            + " rest within its product's policy; while earlier backorders wait, new orders queue behind them."
            + " Errors: UNKNOWN_PRODUCT, OUT_OF_STOCK, BACKORDER_LIMIT_EXCEEDED, INVALID_QUANTITY, INVALID_INPUT,"
            + " IDEMPOTENCY_KEY_REUSED, FORBIDDEN (a customer naming another address), RATE_LIMITED; with a"
            + " quoteToken also QUOTE_CHANGED (extensions.quote: the fresh quote), QUOTE_EXPIRED, LINK_INVALID.")
    public Uni<OrderView> placeOrder(
            @NonNull @Description("The order to place.") @Name("input") Inputs.PlaceOrderInput input) {
        Caller caller = callers.current();
        StockVisibility visibility = catalog.visibilityFor(caller);
        return limits.take(RateLimits.Kind.ORDERS, caller)
                .chain(() -> placement.place(input.toCommand(), caller))
                .map(OrderView::from)
                .onFailure(QuoteChanged.class).transform(changed -> new QuoteView.Changed((QuoteChanged) changed,
                        visibility))
                .onFailure(refusal -> refusal instanceof AllocationPolicy.Refusal && !visibility.showsCounts())
                .transform(refusal -> ((AllocationPolicy.Refusal) refusal).withoutCounts());
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
