package shop.backorders.api;

import java.time.LocalDate;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

import io.smallrye.mutiny.Uni;
import shop.backorders.inventory.InventoryService;

@GraphQLApi
@SessionPerField
public class InventoryApi {

    private final InventoryService inventory;

    public InventoryApi(InventoryService inventory) {
        this.inventory = inventory;
    }

    @Mutation
    @NonNull
    @Description("Books arrived units. They fill waiting backorders first, strictly first come first served"
            + " (a pre-order product keeps them for its release date). Errors: UNKNOWN_PRODUCT, INVALID_QUANTITY.")
    public Uni<ProductView> receiveStock(@NonNull @Description("SKU of the product.") @Name("sku") String sku,
            @NonNull @Description("Units, at least 1.") @Name("quantity") int quantity) {
        return inventory.receiveStock(sku, quantity).chain(() -> ProductView.current(inventory, sku));
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
        return inventory.adjustStock(sku, change, reason).chain(() -> ProductView.current(inventory, sku));
    }

    @Mutation
    @NonNull
    @Description("Records supply a supplier promised. Errors: UNKNOWN_PRODUCT, INVALID_QUANTITY, INVALID_INPUT.")
    public Uni<InboundShipmentView> scheduleInbound(
            @NonNull @Description("SKU of the product.") @Name("sku") String sku,
            @NonNull @Description("Units, at least 1.") @Name("quantity") int quantity,
            @NonNull @Description("Expected day of arrival, today or later.") @Name("expectedAt")
            LocalDate expectedAt) {
        return inventory.scheduleInbound(sku, quantity, expectedAt)
                .map(shipment -> InboundShipmentView.from(shipment, sku));
    }
}
