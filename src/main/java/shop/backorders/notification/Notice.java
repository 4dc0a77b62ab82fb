package shop.backorders.notification;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;

import io.vertx.core.json.JsonObject;

/**
 * What a mail tells, as of the transaction that queued it (an outbox row's payload). Fields that do not
 * apply to a kind are null: a back-in-stock alert has no order.
 */
public record Notice(Long orderId, Long backorderId, String sku, String productName, int quantity, int shipped,
        boolean preorder, Integer queuePosition, LocalDate eta, String etaSource, LocalDate previousEta,
        LocalDate promised, Instant consentDeadline) {

    static Notice parse(JsonObject payload) {
        return new Notice(payload.getLong("orderId"), payload.getLong("backorderId"), payload.getString("sku"),
                payload.getString("productName"), payload.getInteger("quantity", 0), payload.getInteger("shipped", 0),
                payload.getBoolean("preorder", false), payload.getInteger("queuePosition"), date(payload, "eta"),
                payload.getString("etaSource"), date(payload, "previousEta"), date(payload, "promised"),
                payload.getString("consentDeadline") == null ? null
                        : OffsetDateTime.parse(payload.getString("consentDeadline")).toInstant());
    }

    private static LocalDate date(JsonObject payload, String field) {
        return payload.getString(field) == null ? null : LocalDate.parse(payload.getString(field));
    }
}
