package shop.backorders.catalog;

/** What a product does when an order asks for more than is available. */
public enum BackorderPolicy {
    /** Out of stock means it cannot be ordered. */
    DENY,
    /** The rest waits in the product's queue, without limit. */
    ALLOW,
    /** The rest waits, as long as the units waiting stay within the product's backorder limit. */
    ALLOW_LIMITED,
    /** Until the release date every order waits as a pre-order; from that day on it acts as ALLOW. */
    PREORDER
}
