package shop.backorders.backorder;

/** Where a backorder's estimate comes from. */
public enum EtaSource {
    /** An open inbound shipment that covers its place in line. */
    INBOUND_SHIPMENT,
    /** A pre-order product's release date (its units are on hand, or it cannot ship before). */
    RELEASE_DATE,
    /** No known supply covers it: the supplier's lead time. */
    LEAD_TIME
}
