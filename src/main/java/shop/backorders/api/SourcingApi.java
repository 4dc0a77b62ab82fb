package shop.backorders.api;

import jakarta.annotation.security.PermitAll;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Source;

import io.smallrye.graphql.api.Context;
import io.smallrye.mutiny.Uni;
import shop.backorders.api.transport.RequestBatches;
import shop.backorders.api.trust.Callers;
import shop.backorders.api.view.Ids;
import shop.backorders.api.view.ProductView;
import shop.backorders.api.view.SupplierView;
import shop.backorders.catalog.CatalogService;

/**
 * Where a product is bought, for staff. Loaded for a whole response at once (RequestBatches), so not on a
 * session of its own per field (see AvailabilityApi).
 */
@GraphQLApi
@PermitAll
public class SourcingApi {

    private final CatalogService catalog;
    private final Callers callers;
    private final Context context;

    public SourcingApi(CatalogService catalog, Callers callers, Context context) {
        this.catalog = catalog;
        this.callers = callers;
        this.context = context;
    }

    @Name("ProductSourcing")
    @Description("Where a product is bought, and how its supplier sells it.")
    public record SourcingView(
            @Description("Its supplier; null if it has none.") SupplierView supplier,
            @NonNull @Description("The fewest units a purchase order asks of the supplier.") int minOrderQuantity,
            @NonNull @Description("Purchase orders ask for a multiple of this many units.") int packMultiple) {
    }

    @Description("Where it is bought; null for callers other than staff.")
    public Uni<SourcingView> sourcing(@Source ProductView product) {
        if (!callers.browsing().isStaff()) {
            return Uni.createFrom().nullItem();
        }
        return RequestBatches.load(context, "sourcing", Ids.parse("Product", product.id()), catalog::sourcing)
                .map(found -> new SourcingView(found.supplier() == null ? null : SupplierView.from(found.supplier()),
                        found.minOrderQuantity(), found.packMultiple()));
    }
}
