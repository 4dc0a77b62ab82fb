package shop.backorders.changes;

/** What happened to a backorder: what transactions record, and what live watchers are told. */
public enum BackorderChange {
    CREATED,
    /**
     * Backorders ahead of it left the queue. Transactions record queue exits, once per product, not this:
     * watchers work out who moved up.
     */
    QUEUE_POSITION_CHANGED,
    /** Some of its units were set aside; it still waits for the rest, at the head of the line. */
    PARTIALLY_ALLOCATED,
    ALLOCATED,
    /** Some of its units shipped; the rest still wait. */
    PARTIALLY_SHIPPED,
    FULFILLED,
    CANCELLED,
    /** Its estimate moved (within what the customer was promised, or while still asked about a slip). */
    ETA_CHANGED,
    /** Its estimate slipped past the promise: the customer is asked to accept the new date or cancel. */
    ETA_SLIPPED,
    /** The customer (or the deadline's default) accepted the slipped date: it is the new promise. */
    ETA_ACCEPTED
}
