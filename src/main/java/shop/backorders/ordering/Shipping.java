package shop.backorders.ordering;

/** How an order leaves the warehouse when only part of it is allocated. */
public enum Shipping {
    /** Ship what is allocated now, the rest when it arrives. */
    SHIP_AVAILABLE,
    /** Ship nothing until every line is allocated in full. */
    SHIP_COMPLETE
}
