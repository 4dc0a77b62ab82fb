package shop.backorders.inventory;

/** What the allocation rule grants an order line: units allocated now, and units that wait in the queue. */
public record Reservation(int allocated, int backordered, boolean preorder) {
}
