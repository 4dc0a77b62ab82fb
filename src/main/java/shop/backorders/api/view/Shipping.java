package shop.backorders.api.view;

import org.eclipse.microprofile.graphql.Description;

@Description("How an order ships when only part of it is allocated.")
public enum Shipping {
    @Description("Ship what is allocated now and the rest as it arrives.")
    SHIP_AVAILABLE,
    @Description("Ship nothing until every line is allocated in full.")
    SHIP_COMPLETE
}
