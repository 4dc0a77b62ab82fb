package shop.backorders.ordering;

import java.util.List;

/** A customer's order as asked for; {@link OrderService} checks and normalises it. */
public record PlaceOrder(String customerEmail, List<Line> lines, Shipping shipping, String idempotencyKey) {

    PlaceOrder forCustomer(String email) {
        return new PlaceOrder(email, lines, shipping, idempotencyKey);
    }

    public record Line(String sku, int quantity) {
    }
}
