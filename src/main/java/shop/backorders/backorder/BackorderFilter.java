package shop.backorders.backorder;

import shop.backorders.shared.Caller;

/** Which backorders to list or watch; null fields do not filter. */
public record BackorderFilter(String sku, BackorderStatus status, String customerEmail, Long orderId) {

    /**
     * The filter as this caller may apply it, its address in normal form: a customer sees only their own
     * backorders, whatever they ask.
     */
    public BackorderFilter seenBy(Caller caller) {
        if (caller.isStaff() && customerEmail == null) {
            return this;
        }
        return new BackorderFilter(sku, status, caller.customerFor("customerEmail",
                caller.isStaff() ? customerEmail : null), orderId);
    }
}
