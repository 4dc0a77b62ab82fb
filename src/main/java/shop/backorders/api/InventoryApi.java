package shop.backorders.api;

import java.time.LocalDate;
import java.util.Currency;
import java.util.List;

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
import shop.backorders.api.view.Ids;
import shop.backorders.api.view.InboundShipmentView;
import shop.backorders.api.view.ProductView;
import shop.backorders.inventory.InventoryService;
import shop.backorders.shared.ShopConfig;

/** Stock and inbound supply: staff only. */
@GraphQLApi
@SessionPerField
@RolesAllowed(Callers.STAFF)
public class InventoryApi {

    private final InventoryService inventory;
    private final Currency currency;

    public InventoryApi(InventoryService inventory, ShopConfig config) {
        this.inventory = inventory;
        this.currency = config.currency();
    }

    @Mutation
    @NonNull
    @Description("Books arrived units. They fill waiting backorders first, strictly first come first served"
            + " (a pre-order product keeps them for its release date). Errors: UNKNOWN_PRODUCT, INVALID_QUANTITY.")
    public Uni<ProductView> receiveStock(@NonNull @Description("SKU of the product.") @Name("sku") String sku,
            @NonNull @Description("Units, at least 1.") @Name("quantity") int quantity) {
        return inventory.receiveStock(sku, quantity).chain(() -> ProductView.current(inventory, sku, currency));
    }

    @Mutation
    @NonNull
    @Description("Corrects units on hand after a count (negative for shrinkage). Allocated units are promised to"
            + " customers and are never taken: a correction larger than the available units is refused with"
            + " INVALID_STATE, and nothing changes. A positive correction fills waiting backorders first."
            + " Errors: UNKNOWN_PRODUCT, INVALID_QUANTITY, INVALID_STATE.")
    public Uni<ProductView> adjustStock(@NonNull @Description("SKU of the product.") @Name("sku") String sku,
            @NonNull @Description("Units to add (positive) or remove (negative).") @Name("change") int change,
            @Description("Why, for the stock ledger.") @Name("reason") String reason) {
        return inventory.adjustStock(sku, change, reason).chain(() -> ProductView.current(inventory, sku, currency));
    }

    @Mutation
    @NonNull
    @Description("Records supply a supplier promised; estimates of the backorders it covers move to its date."
            + " Errors: UNKNOWN_PRODUCT, INVALID_QUANTITY, INVALID_INPUT.")
    public Uni<InboundShipmentView> scheduleInbound(
            @NonNull @Description("SKU of the product.") @Name("sku") String sku,
            @NonNull @Description("Units, at least 1.") @Name("quantity") int quantity,
            @NonNull @Description("Expected day of arrival, today or later.") @Name("expectedAt")
            LocalDate expectedAt) {
        return inventory.scheduleInbound(sku, quantity, expectedAt).map(InboundShipmentView::from);
    }

    @Mutation
    @NonNull
    @Description("Units of an inbound shipment arrived, all or some: they are received as stock (filling waiting"
            + " backorders first) and the shipment expects that many fewer, becoming RECEIVED when nothing more is"
            + " expected. Errors: NOT_FOUND, INVALID_STATE (not open), INVALID_QUANTITY.")
    public Uni<InboundShipmentView> receiveInbound(@NonNull @Id @Description("Its id.") @Name("id") String id,
            @NonNull @Description("Units that arrived, at least 1.") @Name("quantity") int quantity) {
        return inventory.receiveInbound(Ids.parse("InboundShipment", id), quantity).map(InboundShipmentView::from);
    }

    @Mutation
    @NonNull
    @Description("The supplier changed what it will send or when; estimates move with it."
            + " Errors: NOT_FOUND, INVALID_STATE (not open), INVALID_QUANTITY, INVALID_INPUT.")
    public Uni<InboundShipmentView> updateInbound(@NonNull @Id @Description("Its id.") @Name("id") String id,
            @NonNull @Description("Units still expected, at least 1.") @Name("quantity") int quantity,
            @NonNull @Description("Expected day of arrival, today or later.") @Name("expectedAt")
            LocalDate expectedAt) {
        return inventory.updateInbound(Ids.parse("InboundShipment", id), quantity, expectedAt)
                .map(InboundShipmentView::from);
    }

    @Mutation
    @NonNull
    @Description("The supplier will not send it: the backorders it covered fall back to other supply or the lead"
            + " time. Errors: NOT_FOUND, INVALID_STATE (not open).")
    public Uni<InboundShipmentView> cancelInbound(@NonNull @Id @Description("Its id.") @Name("id") String id) {
        return inventory.cancelInbound(Ids.parse("InboundShipment", id)).map(InboundShipmentView::from);
    }

    @Query
    @NonNull
    @Description("A product's inbound shipments, open or not, by expected date. Errors: UNKNOWN_PRODUCT.")
    public Uni<List<@NonNull InboundShipmentView>> inboundShipments(
            @NonNull @Description("SKU of the product.") @Name("sku") String sku) {
        return inventory.inboundFor(sku).map(shipments -> shipments.stream().map(InboundShipmentView::from).toList());
    }
}
