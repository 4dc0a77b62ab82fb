package shop.backorders.notification;

import java.time.LocalDate;

import io.vertx.core.json.JsonObject;
import shop.backorders.backorder.BackorderState;
import shop.backorders.shared.JsonFields;

/**
 * What a mail tells, as of the transaction that queued it (an outbox row's payload): the product, and for
 * a mail about a backorder its state then (the read model's row) and the date the customer knew before.
 *
 * @param backorder   null for a mail about no backorder (back in stock)
 * @param previousEta for a date mail, the date it replaces
 */
public record Notice(String sku, String productName, BackorderState backorder, LocalDate previousEta) {

    static Notice parse(JsonObject payload) {
        return new Notice(payload.getString("sku"), payload.getString("product_name"),
                payload.containsKey("id") ? BackorderState.fromJson(payload) : null,
                JsonFields.date(payload, "previous_eta"));
    }

    public Long orderId() {
        return backorder == null ? null : backorder.orderId();
    }

    public LocalDate eta() {
        return backorder == null || backorder.eta() == null ? null : backorder.eta().date();
    }
}
