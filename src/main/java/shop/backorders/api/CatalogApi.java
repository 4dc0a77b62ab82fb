package shop.backorders.api;

import java.util.Currency;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;

import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;
import org.eclipse.microprofile.graphql.Source;

import io.smallrye.graphql.api.Context;
import io.smallrye.mutiny.Uni;
import shop.backorders.api.transport.RequestBatches;
import shop.backorders.api.transport.SessionPerField;
import shop.backorders.api.trust.Callers;
import shop.backorders.api.view.AvailabilityView;
import shop.backorders.api.view.Connections;
import shop.backorders.api.view.Cursors;
import shop.backorders.api.view.Ids;
import shop.backorders.api.view.ProductView;
import shop.backorders.catalog.CatalogService;
import shop.backorders.catalog.StockVisibility;
import shop.backorders.inventory.InventoryService;
import shop.backorders.live.LiveAvailability;
import shop.backorders.ordering.Availability;
import shop.backorders.ordering.AvailabilityService;
import shop.backorders.shared.ShopConfig;

/** The catalogue, open to everyone; staff manage it. */
@GraphQLApi
@RolesAllowed(Callers.STAFF)
public class CatalogApi {

    private final InventoryService inventory;
    private final AvailabilityService availability;
    private final LiveAvailability live;
    private final CatalogService catalog;
    private final Callers callers;
    private final Context context;
    private final Currency currency;

    public CatalogApi(InventoryService inventory, AvailabilityService availability, LiveAvailability live,
            CatalogService catalog, Callers callers, Context context, ShopConfig config) {
        this.inventory = inventory;
        this.availability = availability;
        this.live = live;
        this.catalog = catalog;
        this.callers = callers;
        this.context = context;
        this.currency = config.currency();
    }

    @Query
    @PermitAll
    @SessionPerField
    @Description("The product with this SKU, or null if there is none.")
    public Uni<ProductView> product(@NonNull @Description("SKU of the product.") @Name("sku") String sku) {
        StockVisibility visibility = catalog.visibilityFor(callers.browsing());
        return inventory.findBySku(sku)
                .map(product -> product == null ? null : ProductView.from(product, currency, visibility));
    }

    @Query
    @PermitAll
    @SessionPerField
    @NonNull
    @Description("All products, in the order they were created.")
    public Uni<Connections.Products> products(
            @DefaultValue("20") @Description("Page size, 1-100.") int first,
            @Description("Cursor to continue after (`pageInfo.endCursor`).") String after) {
        StockVisibility visibility = catalog.visibilityFor(callers.browsing());
        return inventory.page(Cursors.decode(after), first).map(page -> {
            var edges = page.items().stream()
                    .map(product -> new Connections.ProductEdge(Cursors.encode(product.id()),
                            ProductView.from(product, currency, visibility)))
                    .toList();
            return new Connections.Products(edges,
                    Connections.pageInfo(edges.stream().map(Connections.ProductEdge::cursor).toList(), page.hasNext(),
                            after));
        });
    }

    @PermitAll
    @NonNull
    @Description("What an order for this many units would get if placed now: what ships at once, what waits and"
            + " when each part is expected, or why it would be refused; counts shown as the product's. In"
            + " stockChanged, for one unit (the default), as of the event or later, worked out once for every"
            + " watcher; for any other quantity, when the event is sent to each watcher. Errors: INVALID_QUANTITY.")
    public Uni<AvailabilityView> availability(@Source ProductView product,
            @DefaultValue("1") @Description("Units asked about, 1-1,000,000.") @Name("quantity") int quantity) {
        long productId = Ids.parse("Product", product.id());
        Uni<Availability> asked = quantity == 1 && product.liveVersion() != null
                ? live.oneUnit(productId, product.liveVersion())
                // loaded for the whole response at once, so not on a session of its own per field (RequestBatches)
                : RequestBatches.load(context, "availability", new AvailabilityService.Asked(productId, quantity),
                        availability::of);
        return asked.map(answer -> AvailabilityView.from(answer, product.visibility()));
    }

    @Mutation
    @SessionPerField
    @NonNull
    @Description("Creates a product with its stock. Errors: INVALID_INPUT, INVALID_QUANTITY, DUPLICATE_SKU.")
    public Uni<ProductView> createProduct(
            @NonNull @Description("The new product.") @Name("input") Inputs.CreateProduct input) {
        return inventory.createProduct(input.toCommand())
                .chain(product -> ProductView.current(inventory, product.sku, currency));
    }

    @Mutation
    @SessionPerField
    @NonNull
    @Description("Changes a product; see UpdateProductInput for what happens to waiting backorders."
            + " Errors: UNKNOWN_PRODUCT, INVALID_INPUT.")
    public Uni<ProductView> updateProduct(@NonNull @Description("SKU of the product.") @Name("sku") String sku,
            @NonNull @Description("The changes.") @Name("input") Inputs.UpdateProduct input) {
        return inventory.updateProduct(sku, input.toCommand())
                .chain(product -> ProductView.current(inventory, product.sku, currency));
    }
}
