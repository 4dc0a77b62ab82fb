package shop.backorders.backorder;

/** Which backorders to list; null fields do not filter. */
public record BackorderFilter(String sku, BackorderStatus status, String customerEmail) {
}
