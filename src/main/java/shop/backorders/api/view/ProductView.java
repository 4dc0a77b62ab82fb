package shop.backorders.api.view;

import java.time.LocalDate;
import java.util.Currency;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Ignore;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

import io.smallrye.mutiny.Uni;
import shop.backorders.catalog.StockVisibility;
import shop.backorders.inventory.InventoryService;
import shop.backorders.inventory.StockedProduct;

@Name("Product")
@Description("Something the shop sells, with its stock and how it handles orders it cannot fill at once.")
public record ProductView(
        @NonNull @Id @Description("Stable identifier.") String id,
        @NonNull @Description("Stock keeping unit, unique in the shop.") String sku,
        @NonNull @Description("Name shown to customers.") String name,
        @NonNull @Description("Unit price in the shop's currency.") Money price,
        @NonNull @Description("What happens to an order for more than is available.") BackorderPolicy backorderPolicy,
        @Description("Cap on units waiting in the queue, for ALLOW_LIMITED; null otherwise.") Integer backorderLimit,
        @Description("Release day of a PREORDER product (YYYY-MM-DD, shop's time zone).") LocalDate releaseDate,
        @NonNull @Description("Days the supplier needs to deliver once ordered.") int leadTimeDays,
        @Description("Units on hand, allocated and available; null for callers other than staff where the shop tells"
                + " status and dates only (shop.catalogue.exact-counts=false).") StockLevel stock,
        @Description("Units waiting in this product's backorder queue; null for callers other than staff where the"
                + " shop tells status and dates only (shop.catalogue.exact-counts=false).") Integer waitingBackorders,
        @Ignore StockVisibility visibility,
        @Ignore Long liveVersion) {

    /**
     * The product as it is now, for staff: read after a change committed, so it shows every fill the change
     * triggered.
     */
    public static Uni<ProductView> current(InventoryService inventory, String sku, Currency currency) {
        return inventory.findBySku(sku).map(product -> from(product, currency, StockVisibility.EXACT_COUNTS));
    }

    /**
     * The product with its price in the shop's currency (shop.currency), its counts if the caller may see them;
     * its availability is told with the same visibility.
     */
    public static ProductView from(StockedProduct product, Currency currency, StockVisibility visibility) {
        return of(product, currency, visibility, null);
    }

    /**
     * The product as a live event (or a watch's starting state) carries it, with its stock version: its availability
     * for one unit is then worked out once per version for every watcher (live.LiveAvailability), and the items of
     * one event, which shared answers are keyed by (api.transport.SharedEventAnswers), differ from another's.
     */
    public static ProductView live(StockedProduct product, Currency currency, StockVisibility visibility) {
        return of(product, currency, visibility, product.version());
    }

    private static ProductView of(StockedProduct product, Currency currency, StockVisibility visibility,
            Long liveVersion) {
        boolean counts = visibility.showsCounts();
        return new ProductView(Ids.of(product.id()), product.sku(), product.name(),
                Money.of(product.price(), currency),
                Enums.map(product.backorderPolicy(), BackorderPolicy.class), product.backorderLimit(),
                product.releaseDate(), product.leadTimeDays(),
                counts ? new StockLevel(product.onHand(), product.allocated(), product.available()) : null,
                counts ? product.backordered() : null, visibility, liveVersion);
    }

    @Name("Stock")
    @Description("A product's units in the warehouse.")
    public record StockLevel(
            @NonNull @Description("Units physically in the warehouse.") int onHand,
            @NonNull @Description("Units on hand reserved for order lines that have not shipped.") int allocated,
            @NonNull @Description("Units on hand free for new orders: onHand - allocated.") int available) {
    }
}
