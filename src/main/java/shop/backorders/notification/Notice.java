package shop.backorders.notification;

import java.time.LocalDate;
import java.util.List;

import io.vertx.core.json.JsonObject;
import shop.backorders.backorder.BackorderState;
import shop.backorders.shared.JsonFields;

/**
 * What a mail tells, as of the transaction that queued it (an outbox row's payload): the product, and for
 * a mail about a backorder its state then (the read model's row) and the date the customer knew before; for
 * a mail to a supplier, its purchase order as sent.
 *
 * @param backorder     null for a mail about no backorder (back in stock, purchase order)
 * @param previousEta   for a date mail, the date it replaces
 * @param purchaseOrder null for a mail about no purchase order
 */
public record Notice(String sku, String productName, BackorderState backorder, LocalDate previousEta,
        PurchaseOrderSent purchaseOrder) {

    /** A purchase order as it was sent: its supplier, and each line's units and the day asked for. */
    public record PurchaseOrderSent(long id, long supplierId, String supplierName, List<Line> lines) {

        public record Line(int position, String sku, String productName, int quantity, LocalDate expectedAt) {
        }

        static PurchaseOrderSent fromJson(JsonObject order) {
            return new PurchaseOrderSent(order.getLong("id"), order.getLong("supplier_id"),
                    order.getString("supplier_name"), order.getJsonArray("lines").stream()
                            .map(JsonObject.class::cast)
                            .map(line -> new Line(line.getInteger("position"), line.getString("sku"),
                                    line.getString("product_name"), line.getInteger("quantity"),
                                    JsonFields.date(line, "expected_at")))
                            .toList());
        }
    }

    static Notice parse(JsonObject payload) {
        JsonObject purchaseOrder = payload.getJsonObject("purchase_order");
        return new Notice(payload.getString("sku"), payload.getString("product_name"),
                payload.containsKey("id") ? BackorderState.fromJson(payload) : null,
                JsonFields.date(payload, "previous_eta"),
                purchaseOrder == null ? null : PurchaseOrderSent.fromJson(purchaseOrder));
    }

    public Long orderId() {
        return backorder == null ? null : backorder.orderId();
    }

    public LocalDate eta() {
        return backorder == null || backorder.eta() == null ? null : backorder.eta().date();
    }
}
