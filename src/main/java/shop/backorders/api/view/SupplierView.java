package shop.backorders.api.view;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

import shop.backorders.catalog.Supplier;

@Name("Supplier")
@Description("Who the shop buys products from.")
public record SupplierView(
        @NonNull @Id @Description("Stable identifier.") String id,
        @NonNull @Description("Its name, unique in the shop.") String name,
        @NonNull @Description("Where its purchase orders are mailed; a token of role supplier with this verified"
                + " address reaches its orders.") String email,
        @NonNull @Description("Days from ordering to arrival; its products' estimates fall back on it.")
        int leadTimeDays) {

    public static SupplierView from(Supplier supplier) {
        return new SupplierView(Ids.of(supplier.id), supplier.name, supplier.email, supplier.leadTimeDays);
    }
}
