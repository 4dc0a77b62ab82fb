package shop.backorders.api;

import java.time.LocalDate;
import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.NonNull;

import shop.backorders.api.view.BackorderPolicy;
import shop.backorders.api.view.Decimal;
import shop.backorders.api.view.Enums;
import shop.backorders.api.view.Ids;
import shop.backorders.api.view.Shipping;
import shop.backorders.catalog.NewProduct;
import shop.backorders.catalog.ProductChanges;
import shop.backorders.catalog.Sourcing;
import shop.backorders.ordering.PlaceOrder;
import shop.backorders.shared.ShopException;

/** The schema's input types and their mapping to the domain's commands. */
public final class Inputs {

    private Inputs() {
    }

    @Input("CreateProductInput")
    @Description("A new product. Optional fields default as described.")
    public record CreateProduct(
            @NonNull @Description("Unique SKU: 1-64 letters, digits, '.', '_' or '-'.") String sku,
            @NonNull @Description("Name shown to customers.") String name,
            @NonNull @Description("Unit price in the shop's currency, at least 0, with at most its decimals (2 for"
                    + " EUR): a decimal string such as \"19.90\", or a JSON number.") Decimal price,
            @NonNull @Description("What happens to an order for more than is available.")
            BackorderPolicy backorderPolicy,
            @Description("Cap on units waiting; required for ALLOW_LIMITED.") Integer backorderLimit,
            @Description("Release day; required for PREORDER.") LocalDate releaseDate,
            @Description("Supplier lead time in days; default 0. A product with a supplier takes the supplier's.")
            Integer leadTimeDays,
            @Description("Units on hand at creation, booked as a receipt; default 0.") Integer initialStock,
            @Id @Description("The supplier it is bought from; its lead time becomes the product's.") String supplierId,
            @Description("The fewest units a purchase order asks of the supplier; default 1.") Integer minOrderQuantity,
            @Description("Purchase orders ask for a multiple of this many units; default 1.") Integer packMultiple) {

        NewProduct toCommand() {
            return new NewProduct(sku, name, price.value(),
                    Enums.map(backorderPolicy, shop.backorders.catalog.BackorderPolicy.class), backorderLimit,
                    releaseDate, leadTimeDays, initialStock, sourcing(supplierId, minOrderQuantity, packMultiple));
        }
    }

    /** Where a product is bought; a supplier id no supplier can have is INVALID_INPUT. */
    static Sourcing sourcing(String supplierId, Integer minOrderQuantity, Integer packMultiple) {
        Long supplier = Ids.parseOrNull(supplierId);
        if (supplierId != null && supplier == null) {
            throw ShopException.invalidInput("No supplier with id " + supplierId);
        }
        return new Sourcing(supplier, minOrderQuantity, packMultiple);
    }

    @Input("UpdateProductInput")
    @Description("Changes to a product; omitted fields stay as they are. Waiting backorders keep their place"
            + " whatever changes: a lower cap or DENY only refuses new backorders, and a change that ends a"
            + " pre-order hold (another policy, or a release date today or earlier) fills the queue at once.")
    public record UpdateProduct(
            @Description("New name.") String name,
            @Description("New unit price, as for a new product.") Decimal price,
            @Description("New policy; ALLOW_LIMITED needs a backorderLimit, PREORDER a releaseDate.")
            BackorderPolicy backorderPolicy,
            @Description("New cap on units waiting, for ALLOW_LIMITED.") Integer backorderLimit,
            @Description("New release day, for PREORDER; a future day holds the queue again.") LocalDate releaseDate,
            @Description("New supplier lead time in days; not for a product with a supplier, which takes the"
                    + " supplier's.") Integer leadTimeDays,
            @Id @Description("Another supplier it is bought from; its lead time becomes the product's.")
            String supplierId,
            @Description("New fewest units a purchase order asks of the supplier.") Integer minOrderQuantity,
            @Description("New pack: purchase orders ask for a multiple of it.") Integer packMultiple) {

        ProductChanges toCommand() {
            return new ProductChanges(name, price == null ? null : price.value(),
                    Enums.map(backorderPolicy, shop.backorders.catalog.BackorderPolicy.class), backorderLimit,
                    releaseDate, leadTimeDays, sourcing(supplierId, minOrderQuantity, packMultiple));
        }
    }

    @Input("PlaceOrderInput")
    @Description("An order: accepted whole, or refused whole with nothing changed.")
    public record PlaceOrderInput(
            @Description("Customer's email address (compared in normal form: ASCII case ignored, the domain as"
                    + " IDNA): a customer's own (the default for customers); staff placing an order on a customer's"
                    + " behalf name it.") String customerEmail,
            @NonNull @Description("1-100 lines; lines of one SKU are merged.") List<@NonNull OrderLineInput> lines,
            @Description("How to ship when only part is allocated; default SHIP_AVAILABLE.") Shipping shipping,
            @Description("Client key making retries safe, each customer's own: a retry with the same key and order"
                    + " returns the first result; the same key with a different order is IDEMPOTENCY_KEY_REUSED.")
            String idempotencyKey,
            @Description("The token of the quote the shopper was shown (Query.quote, for these lines): the order then"
                    + " gets at least as many units now and no unit later than quoted, or is refused QUOTE_CHANGED"
                    + " with nothing placed and the fresh quote in extensions.quote. QUOTE_EXPIRED past its"
                    + " expiresAt; INVALID_INPUT if it quoted other lines or quantities; LINK_INVALID if this shop"
                    + " did not make it.")
            String quoteToken) {

        PlaceOrder toCommand() {
            return new PlaceOrder(customerEmail, Inputs.lines(lines),
                    Enums.map(shipping, shop.backorders.ordering.Shipping.class), idempotencyKey, quoteToken);
        }
    }

    /** An order's or a quote's lines, as the domain takes them. */
    static List<PlaceOrder.Line> lines(List<OrderLineInput> lines) {
        return lines.stream().map(line -> new PlaceOrder.Line(line.sku(), line.quantity())).toList();
    }

    @Input("OrderLineInput")
    @Description("A product and how many units of it.")
    public record OrderLineInput(
            @NonNull @Description("SKU of the product.") String sku,
            @NonNull @Description("Units wanted, 1-1000000.") int quantity) {
    }
}
