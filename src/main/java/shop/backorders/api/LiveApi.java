package shop.backorders.api;

import java.time.Duration;
import java.time.Instant;
import java.util.Currency;
import java.util.Optional;

import jakarta.annotation.security.PermitAll;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

import io.smallrye.graphql.api.Context;
import io.smallrye.graphql.api.Subscription;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import shop.backorders.api.transport.CodedError;
import shop.backorders.api.transport.SubscriberConnections;
import shop.backorders.api.trust.Callers;
import shop.backorders.api.view.BackorderEventView;
import shop.backorders.api.view.Ids;
import shop.backorders.api.view.OrderView;
import shop.backorders.api.view.ProductView;
import shop.backorders.backorder.BackorderFilter;
import shop.backorders.catalog.CatalogService;
import shop.backorders.catalog.StockVisibility;
import shop.backorders.live.LiveUpdates;
import shop.backorders.live.Subscriber;
import shop.backorders.shared.Caller;
import shop.backorders.shared.ErrorCode;
import shop.backorders.shared.ShopConfig;
import shop.backorders.shared.ShopException;

/**
 * Live updates over WebSocket (graphql-transport-ws and the legacy graphql-ws) on /graphql. Every event
 * is a committed change, sent in commit order, from whichever instance made it. Stock is public, like
 * the catalogue; orders and backorders are their customer's and staff's. A subscription made with a
 * token ends with UNAUTHENTICATED when the token expires.
 * <p>
 * Who may subscribe is checked inside each stream, not with {@code @RolesAllowed}: a refusal by the
 * security interceptor fails the stream before it exists, where it cannot be given its code.
 */
@GraphQLApi
@PermitAll
public class LiveApi {

    /** What every subscription may be refused, past the quotas of live subscriptions (docs/security.md). */
    private static final String QUOTAS = " Past the caller's quota of live subscriptions (per connection; per"
            + " customer; per address for anonymous callers): TOO_MANY_SUBSCRIPTIONS; with no room left on this"
            + " instance (or in the anonymous callers' share): UNAVAILABLE.";

    private final LiveUpdates live;
    private final SubscriberConnections connections;
    private final Callers callers;
    private final Context context;
    private final CatalogService catalog;
    private final Currency currency;

    public LiveApi(LiveUpdates live, SubscriberConnections connections, Callers callers, Context context,
            CatalogService catalog, ShopConfig config) {
        this.live = live;
        this.connections = connections;
        this.callers = callers;
        this.context = context;
        this.catalog = catalog;
        this.currency = config.currency();
    }

    @Subscription
    @Description("The product, with its stock and waiting units, after every change to them or to what its"
            + " availability depends on (inbound supply, its terms, a pre-order's release); availability for one"
            + " unit is as of the event or later. Counts as in product. Errors: UNKNOWN_PRODUCT." + QUOTAS)
    public Multi<ProductView> stockChanged(@NonNull @Description("SKU of the product.") @Name("sku") String sku) {
        Caller watcher = callers.browsing();
        StockVisibility visibility = catalog.visibilityFor(watcher);
        return whileValid(live.stock(sku, watcher, connections.of(context))
                .map(product -> ProductView.live(product, currency, visibility)));
    }

    @Subscription
    @Description("The order after every change to it or its lines. Errors: NOT_FOUND (none, or another"
            + " customer's)." + QUOTAS)
    public Multi<OrderView> orderChanged(@NonNull @Id @Description("Its id.") @Name("id") String id) {
        Subscriber subscriber = connections.of(context);
        return whileValid(Multi.createFrom().deferred(() -> live.order(Ids.parse("Order", id),
                callers.current().signedIn(), subscriber)).map(OrderView::from));
    }

    @Subscription
    @Description("What happens to backorders: created, moved up the queue, allocated, shipped, cancelled."
            + " Filters combine; none watches every backorder. A customer watches only their own, whatever"
            + " customerEmail says. Errors: UNKNOWN_PRODUCT, NOT_FOUND." + QUOTAS)
    public Multi<BackorderEventView> backorderChanged(
            @Description("Only this product's.") @Name("sku") String sku,
            @Id @Description("Only this order's.") @Name("orderId") String orderId,
            @Description("Only this customer's (addresses compared in normal form: ASCII case ignored,"
                    + " the domain as IDNA).") @Name("customerEmail") String email) {
        Subscriber subscriber = connections.of(context);
        return whileValid(Multi.createFrom().deferred(() -> live.backorders(new BackorderFilter(sku, null, email,
                orderId == null ? null : Ids.parse("Order", orderId)), callers.current().signedIn(), subscriber))
                .map(BackorderEventView::from));
    }

    /** The stream with refusals coded, ending when the caller's token expires. */
    private <T> Multi<T> whileValid(Multi<T> stream) {
        Optional<Instant> expiry = callers.tokenExpiry();
        Multi<T> bounded = stream;
        if (expiry.isPresent()) {
            Duration left = Duration.between(Instant.now(), expiry.get());
            Multi<T> expired = Uni.createFrom().<T>nullItem()
                    .onItem().delayIt().by(left.isNegative() ? Duration.ZERO : left)
                    .onItem().failWith(() -> new ShopException(ErrorCode.UNAUTHENTICATED,
                            "The token expired: subscribe again with a fresh one"))
                    .toMulti();
            bounded = Multi.createBy().merging().streams(stream, expired);
        }
        return bounded.onFailure().transform(CodedError::of);
    }
}
