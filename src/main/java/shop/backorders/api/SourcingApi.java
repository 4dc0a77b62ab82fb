package shop.backorders.api;

import java.util.List;

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
import shop.backorders.api.view.InboundShipmentView;
import shop.backorders.api.view.ProductView;
import shop.backorders.api.view.SupplierView;
import shop.backorders.catalog.CatalogService;
import shop.backorders.inventory.InventoryService;

/**
 * Where a product is bought and what is coming, for staff. Loaded for a whole response at once (RequestBatches), so
 * not on a session of its own per field (see AvailabilityApi).
 */
@GraphQLApi
@PermitAll
public class SourcingApi {

    private final CatalogService catalog;
    private final InventoryService inventory;
    private final Callers callers;
    private final Context context;

    public SourcingApi(CatalogService catalog, InventoryService inventory, Callers callers, Context context) {
        this.catalog = catalog;
        this.inventory = inventory;
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

    @Description("Its open inbound shipments, earliest first: what is coming and when. Null for callers other"
            + " than staff.")
    public Uni<List<@NonNull InboundShipmentView>> inbound(@Source ProductView product) {
        if (!callers.browsing().isStaff()) {
            return Uni.createFrom().nullItem();
        }
        return RequestBatches.load(context, "inbound", product.sku(), inventory::openInbound)
                .map(open -> open.stream().map(InboundShipmentView::from).toList());
    }
}
