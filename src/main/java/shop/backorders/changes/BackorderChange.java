package shop.backorders.changes;

/** What happened to a backorder in a transaction. */
public enum BackorderChange {
    CREATED,
    /** Some of its units were set aside; it still waits for the rest, at the head of the line. */
    PARTIALLY_ALLOCATED,
    ALLOCATED,
    /** Some of its units shipped; the rest still wait. */
    PARTIALLY_SHIPPED,
    FULFILLED,
    CANCELLED
}
