package shop.backorders.api.view;

import org.eclipse.microprofile.graphql.Description;

@Description("What a product does when an order asks for more than is available.")
public enum BackorderPolicy {
    @Description("Out of stock means it cannot be ordered: an order for more than is available is refused.")
    DENY,
    @Description("The rest waits in the product's first-come-first-served queue, without limit.")
    ALLOW,
    @Description("The rest waits as long as the units waiting stay within `backorderLimit`.")
    ALLOW_LIMITED,
    @Description("Before `releaseDate` every order waits as a pre-order, even when stock is on hand; on that day"
            + " (in the shop's time zone) waiting pre-orders are filled first-come-first-served and the product"
            + " then acts as ALLOW.")
    PREORDER
}
