package shop.backorders.api.view;

import org.eclipse.microprofile.graphql.Description;

@Description("Where an order stands, derived from the state of its units.")
public enum OrderStatus {
    @Description("Some units wait for stock; nothing has shipped yet.")
    AWAITING_STOCK,
    @Description("Every open unit is allocated; nothing has shipped yet.")
    READY_TO_SHIP,
    @Description("Some units shipped; others are still allocated or waiting.")
    PARTIALLY_SHIPPED,
    @Description("Nothing is open and something shipped (units cancelled after a partial shipment stay cancelled).")
    SHIPPED,
    @Description("Cancelled before anything shipped.")
    CANCELLED
}
