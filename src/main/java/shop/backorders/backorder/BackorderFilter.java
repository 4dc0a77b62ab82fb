package shop.backorders.backorder;

/** Which backorders to list or watch; null fields do not filter. */
public record BackorderFilter(String sku, BackorderStatus status, String customerEmail, Long orderId) {
}
