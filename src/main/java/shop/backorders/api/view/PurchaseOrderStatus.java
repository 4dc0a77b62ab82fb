package shop.backorders.api.view;

import org.eclipse.microprofile.graphql.Description;

@Description("Where a purchase order stands, read from its deliveries.")
public enum PurchaseOrderStatus {
    @Description("Mailed to the supplier, not answered yet.")
    SENT,
    @Description("The supplier answered; nothing has arrived yet.")
    CONFIRMED,
    @Description("Some units arrived, more are expected.")
    PARTLY_RECEIVED,
    @Description("Nothing more is expected, and units arrived.")
    RECEIVED,
    @Description("Nothing more is expected, and nothing arrived: called off, or every line declined.")
    CANCELLED
}
