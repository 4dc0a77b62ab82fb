package shop.backorders.inventory;

/** Why stock moved; each kind changes on hand, allocated or both. */
public enum MovementKind {
    /** Units arrived: on hand goes up. */
    RECEIPT,
    /** Units reserved for an order line: allocated goes up. */
    ALLOCATION,
    /** A reservation given back by a cancellation: allocated goes down. */
    RELEASE,
    /** Allocated units left the warehouse: on hand and allocated go down. */
    SHIPMENT,
    /** A stock count or shrinkage corrected on hand. */
    ADJUSTMENT
}
