package shop.backorders.catalog;

/**
 * How much of a product's stock a caller is told: exact counts, or status and dates only. Counts (on hand,
 * allocated, units waiting, how many units of an order would ship now or wait) say how much others bought and
 * wait for; a shop may keep them from everyone but staff (shop.catalogue.exact-counts).
 */
public enum StockVisibility {
    /** Units on hand, allocated and waiting, and how many units of an order go which way. */
    EXACT_COUNTS,
    /** What an order would get in one word, and when: no count of units. */
    STATUS_AND_DATES;

    public boolean showsCounts() {
        return this == EXACT_COUNTS;
    }
}
