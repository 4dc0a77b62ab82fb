package shop.backorders.notification;

/** PENDING → SENDING → SENT; a failed attempt goes back to PENDING, the last one to FAILED. */
public enum NotificationStatus {
    /** Waiting to be sent, when due. */
    PENDING,
    /** Claimed by a dispatcher; if it goes away, the claim lapses and another sends it. */
    SENDING,
    SENT,
    /** Every attempt failed; staff can retry it. */
    FAILED
}
