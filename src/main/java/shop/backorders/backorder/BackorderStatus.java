package shop.backorders.backorder;

/** WAITING → ALLOCATED → FULFILLED; WAITING or ALLOCATED → CANCELLED. */
public enum BackorderStatus {
    /** In the queue; some units may already be allocated to it, the rest wait for stock. */
    WAITING,
    /** Every unit is allocated and reserved; it leaves the queue. */
    ALLOCATED,
    /** Every unit shipped. */
    FULFILLED,
    /** Cancelled; allocated units went back to the queue, shipped ones stay shipped. */
    CANCELLED
}
