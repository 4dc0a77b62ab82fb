package shop.backorders.backorder;

import java.time.Instant;

import io.vertx.core.json.JsonObject;
import shop.backorders.shared.JsonFields;

/**
 * A backorder as it stood at one moment, with its place in line: what queries answer, change events
 * carry and mails tell. All of them read it from the database's one definition, {@code backorder_states}
 * (a view, migration V5), through {@link #fromJson}.
 *
 * @param queuePosition 1-based place among the product's WAITING backorders; null unless WAITING
 * @param eta           its estimate; null unless WAITING
 */
public record BackorderState(long id, long orderId, long productId, String sku, String productName,
        String customerEmail, long fifoKey, int quantity, int allocated, int shipped, BackorderStatus status,
        boolean preorder, Instant createdAt, Integer queuePosition, BackorderEta eta) {

    /** A row of {@code backorder_states} as {@code to_jsonb} writes it; absent keys are nulls. */
    public static BackorderState fromJson(JsonObject row) {
        return new BackorderState(row.getLong("id"), row.getLong("order_id"), row.getLong("product_id"),
                row.getString("sku"), row.getString("product_name"), row.getString("customer_email"),
                row.getLong("fifo_key"), row.getInteger("quantity"), row.getInteger("allocated"),
                row.getInteger("shipped"), BackorderStatus.valueOf(row.getString("status")), row.getBoolean("preorder"),
                JsonFields.instant(row, "created_at"), row.getInteger("queue_position"),
                row.getString("eta") == null ? null : new BackorderEta(JsonFields.date(row, "eta"),
                        EtaSource.valueOf(row.getString("eta_source")), row.getLong("inbound_shipment_id"),
                        JsonFields.date(row, "promised_eta"), JsonFields.instant(row, "consent_deadline"),
                        JsonFields.date(row, "eta_latest")));
    }

    /** The same backorder after those ahead of it left the queue. */
    public BackorderState movedUp(int places) {
        return new BackorderState(id, orderId, productId, sku, productName, customerEmail, fifoKey, quantity,
                allocated, shipped, status, preorder, createdAt, queuePosition - places, eta);
    }
}
