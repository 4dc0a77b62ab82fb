package shop.backorders.api;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

import io.smallrye.graphql.api.Context;
import io.smallrye.graphql.api.Subscription;
import io.smallrye.mutiny.Multi;
import shop.backorders.backorder.BackorderFilter;
import shop.backorders.live.LiveUpdates;
import shop.backorders.live.Subscriber;
import shop.backorders.shared.ShopException;

/**
 * Live updates over WebSocket (graphql-transport-ws and the legacy graphql-ws) on /graphql. Every event
 * is a committed change, sent in commit order, from whichever instance made it.
 */
@GraphQLApi
public class LiveApi {

    private final LiveUpdates live;
    private final SubscriberConnections connections;
    private final Context context;

    public LiveApi(LiveUpdates live, SubscriberConnections connections, Context context) {
        this.live = live;
        this.connections = connections;
        this.context = context;
    }

    @Subscription
    @Description("The product, with its stock and waiting units, after every change to them."
            + " Errors: UNKNOWN_PRODUCT.")
    public Multi<ProductView> stockChanged(@NonNull @Description("SKU of the product.") @Name("sku") String sku) {
        return coded(live.stock(sku, connections.of(context)).map(ProductView::from));
    }

    @Subscription
    @Description("The order after every change to it or its lines. Errors: NOT_FOUND.")
    public Multi<OrderView> orderChanged(@NonNull @Id @Description("Its id.") @Name("id") String id) {
        Subscriber subscriber = connections.of(context);
        return coded(Multi.createFrom().deferred(() -> live.order(Ids.parse("Order", id), subscriber))
                .map(OrderView::from));
    }

    @Subscription
    @Description("What happens to backorders: created, moved up the queue, allocated, shipped, cancelled."
            + " Filters combine; none watches every backorder. Errors: UNKNOWN_PRODUCT, NOT_FOUND.")
    public Multi<BackorderEventView> backorderChanged(
            @Description("Only this product's.") @Name("sku") String sku,
            @Id @Description("Only this order's.") @Name("orderId") String orderId,
            @Description("Only this customer's, compared case-insensitively.") @Name("customerEmail") String email) {
        Subscriber subscriber = connections.of(context);
        return coded(Multi.createFrom().deferred(() -> live.backorders(new BackorderFilter(sku, null, email,
                orderId == null ? null : Ids.parse("Order", orderId)), subscriber)).map(BackorderEventView::from));
    }

    private static <T> Multi<T> coded(Multi<T> stream) {
        return stream.onFailure(ShopException.class).transform(refused -> new CodedError((ShopException) refused));
    }
}
