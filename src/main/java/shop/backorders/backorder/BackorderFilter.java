package shop.backorders.backorder;

import shop.backorders.shared.Caller;

/** Which backorders to list or watch; null fields do not filter. */
public record BackorderFilter(String sku, BackorderStatus status, String customerEmail, Long orderId) {

    /** The filter as this caller may apply it: a customer sees only their own backorders, whatever they ask. */
    public BackorderFilter seenBy(Caller caller) {
        return caller.isStaff() ? this : new BackorderFilter(sku, status, caller.customerFor("customerEmail", null),
                orderId);
    }
}
