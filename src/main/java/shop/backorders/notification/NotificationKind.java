package shop.backorders.notification;

/** The mails the shop sends. */
public enum NotificationKind {
    BACKORDER_CREATED,
    /** Sent after a short window, so several moves of one estimate make one mail. */
    ETA_CHANGED,
    ALLOCATED,
    SHIPPED,
    CANCELLED,
    /** The estimate slipped past the promise: accept the new date or cancel. */
    ETA_CONSENT,
    BACK_IN_STOCK,
    /** To a supplier: a purchase order, with the link to answer it. */
    PURCHASE_ORDER,
    /** To a supplier: staff called a purchase order off; what has not been sent should not be. */
    PURCHASE_ORDER_CANCELLED
}
