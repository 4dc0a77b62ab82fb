package shop.backorders.ordering;

/** Where an order stands, derived from the state of its units. */
public enum OrderStatus {
    /** Some units wait for stock; nothing has shipped yet. */
    AWAITING_STOCK,
    /** Every open unit is allocated; nothing has shipped yet. */
    READY_TO_SHIP,
    /** Some units shipped, others are still open (allocated or waiting). */
    PARTIALLY_SHIPPED,
    /** Nothing is open and something shipped; units cancelled after a partial shipment are not shipped. */
    SHIPPED,
    /** Nothing is open and nothing shipped. */
    CANCELLED;

    static OrderStatus of(int allocated, int backordered, int shipped) {
        boolean open = allocated + backordered > 0;
        if (open) {
            if (shipped > 0) {
                return PARTIALLY_SHIPPED;
            }
            return backordered > 0 ? AWAITING_STOCK : READY_TO_SHIP;
        }
        return shipped > 0 ? SHIPPED : CANCELLED;
    }
}
