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

import io.smallrye.mutiny.Uni;
import shop.backorders.api.transport.SessionPerField;
import shop.backorders.api.trust.Callers;
import shop.backorders.api.view.Connections;
import shop.backorders.api.view.Cursors;
import shop.backorders.api.view.ProductView;
import shop.backorders.catalog.CatalogService;
import shop.backorders.catalog.StockVisibility;
import shop.backorders.inventory.InventoryService;
import shop.backorders.inventory.StockedProduct;
import shop.backorders.shared.ShopConfig;

/** The catalogue, open to everyone; staff manage it. */
@GraphQLApi
@SessionPerField
@RolesAllowed(Callers.STAFF)
public class CatalogApi {

    private final InventoryService inventory;
    private final CatalogService catalog;
    private final Callers callers;
    private final Currency currency;

    public CatalogApi(InventoryService inventory, CatalogService catalog, Callers callers, ShopConfig config) {
        this.inventory = inventory;
        this.catalog = catalog;
        this.callers = callers;
        this.currency = config.currency();
    }

    @Query
    @PermitAll
    @Description("The product with this SKU, or null if there is none.")
    public Uni<ProductView> product(@NonNull @Description("SKU of the product.") @Name("sku") String sku) {
        StockVisibility visibility = catalog.visibilityFor(callers.browsing());
        return inventory.findBySku(sku)
                .map(product -> product == null ? null : ProductView.from(product, currency, visibility));
    }

    @Query
    @PermitAll
    @NonNull
    @Description("All products, in the order they were created.")
    public Uni<Connections.Products> products(
            @DefaultValue("20") @Description("Page size, 1-100.") int first,
            @Description("Cursor to continue after (`pageInfo.endCursor`).") String after) {
        StockVisibility visibility = catalog.visibilityFor(callers.browsing());
        return inventory.page(Cursors.decode(after), first).map(page -> Connections.of(page, after, StockedProduct::id,
                (cursor, product) -> new Connections.ProductEdge(cursor, ProductView.from(product, currency, visibility)),
                Connections.Products::new));
    }

    @Mutation
    @NonNull
    @Description("Creates a product with its stock. Errors: INVALID_INPUT, INVALID_QUANTITY, DUPLICATE_SKU.")
    public Uni<ProductView> createProduct(
            @NonNull @Description("The new product.") @Name("input") Inputs.CreateProduct input) {
        return inventory.createProduct(input.toCommand())
                .chain(product -> ProductView.current(inventory, product.sku, currency));
    }

    @Mutation
    @NonNull
    @Description("Changes a product; see UpdateProductInput for what happens to waiting backorders."
            + " Errors: UNKNOWN_PRODUCT, INVALID_INPUT.")
    public Uni<ProductView> updateProduct(@NonNull @Description("SKU of the product.") @Name("sku") String sku,
            @NonNull @Description("The changes.") @Name("input") Inputs.UpdateProduct input) {
        return inventory.updateProduct(sku, input.toCommand())
                .chain(product -> ProductView.current(inventory, product.sku, currency));
    }
}
