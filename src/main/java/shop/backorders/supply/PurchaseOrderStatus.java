package shop.backorders.supply;

/**
 * Where a purchase order stands, read from its deliveries by the view purchase_order_status (migration V12):
 * nothing of it is stored apart from them.
 */
public enum PurchaseOrderStatus {
    /** Mailed to the supplier, not answered yet. */
    SENT,
    /** The supplier answered; nothing has arrived yet. */
    CONFIRMED,
    /** Some units arrived, more are expected. */
    PARTLY_RECEIVED,
    /** Nothing more is expected, and units arrived. */
    RECEIVED,
    /** Nothing more is expected, and nothing arrived: called off, or every line declined. */
    CANCELLED
}
