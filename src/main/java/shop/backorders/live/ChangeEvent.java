package shop.backorders.live;

import static shop.backorders.shared.JsonFields.objects;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.vertx.core.json.JsonObject;
import shop.backorders.backorder.BackorderState;
import shop.backorders.catalog.BackorderPolicy;
import shop.backorders.changes.BackorderChange;
import shop.backorders.changes.Changes.QueueExit;
import shop.backorders.inventory.StockedProduct;
import shop.backorders.ordering.OrderState;
import shop.backorders.shared.JsonFields;

/**
 * One committed transaction's changes, as read from its change_log entry: snapshots as of that
 * transaction, the product versions they carry, and the queue exits that move everyone behind. A bulk
 * change (see {@code shop.changes.snapshot-limit}) carries its products but, of its backorders and orders,
 * only those it created and those its caller answered with: watchers read anew what they show of those
 * products.
 * {@link #RESYNC} stands for "notifications may have been lost": watchers refetch.
 */
record ChangeEvent(List<BackorderUpdate> backorders, List<OrderState> orders, List<StockedProduct> products,
        Map<Long, Long> versions, List<QueueExit> queueExits, boolean bulk) {

    static final ChangeEvent RESYNC = new ChangeEvent(List.of(), List.of(), List.of(), Map.of(), List.of(), false);

    /** Whether backorders of this product changed in bulk, unlisted here. */
    boolean bulkChanged(long productId) {
        return bulk && versions.containsKey(productId);
    }

    record BackorderUpdate(BackorderChange change, BackorderState state) {
    }

    static ChangeEvent parse(JsonObject payload) {
        Map<Long, Long> versions = new HashMap<>();
        List<StockedProduct> products = objects(payload.getJsonArray("products")).stream().map(product -> {
            versions.put(product.getLong("id"), product.getLong("version"));
            return new StockedProduct(product.getLong("id"), product.getString("sku"), product.getString("name"),
                    price(product),
                    BackorderPolicy.valueOf(product.getString("backorderPolicy")), product.getInteger("backorderLimit"),
                    JsonFields.date(product, "releaseDate"), product.getInteger("leadTimeDays"),
                    product.getInteger("onHand"), product.getInteger("allocated"), product.getInteger("backordered"),
                    product.getLong("version"));
        }).toList();
        List<BackorderUpdate> backorders = objects(payload.getJsonArray("backorders")).stream()
                .map(backorder -> new BackorderUpdate(BackorderChange.valueOf(backorder.getString("change")),
                        BackorderState.fromJson(backorder)))
                .toList();
        List<OrderState> orders = objects(payload.getJsonArray("orders")).stream().map(OrderState::fromJson).toList();
        List<QueueExit> exits = objects(payload.getJsonArray("queueExits")).stream()
                .map(exit -> new QueueExit(exit.getLong("productId"), exit.getLong("throughKey"),
                        exit.getInteger("count")))
                .toList();
        return new ChangeEvent(backorders, orders, products, versions, exits, payload.getBoolean("bulk", false));
    }

    /**
     * The price as the snapshot's text (V11), never a JSON number: that decodes as a binary float. An entry
     * written before V11 fails here, and its watchers refetch (ChangeFeed reads a failed entry as RESYNC).
     */
    private static BigDecimal price(JsonObject product) {
        if (product.getValue("price") instanceof String text) {
            return new BigDecimal(text);
        }
        throw new IllegalStateException("A product snapshot without its price as text: " + product.getValue("id"));
    }
}
