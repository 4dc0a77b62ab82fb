package shop.backorders.backorder;

import java.time.Instant;

/**
 * A backorder as it stood at one moment, with its place in line: what queries answer and what change
 * events carry.
 *
 * @param queuePosition 1-based place among the product's WAITING backorders; null unless WAITING
 * @param eta           its estimate; null unless WAITING
 */
public record BackorderState(long id, long orderId, long productId, String sku, long fifoKey, int quantity,
        int allocated, int shipped, BackorderStatus status, boolean preorder, Instant createdAt,
        Integer queuePosition, BackorderEta eta) {

    public BackorderState {
        if (status != BackorderStatus.WAITING) {
            eta = null;
        }
    }

    static BackorderState of(Backorder backorder, Integer queuePosition) {
        return new BackorderState(backorder.id, backorder.orderId, backorder.product.id, backorder.product.sku,
                backorder.fifoKey, backorder.quantity, backorder.allocated, backorder.shipped, backorder.status,
                backorder.preorder, backorder.createdAt, queuePosition, BackorderEta.of(backorder));
    }

    /** The same backorder after those ahead of it left the queue. */
    public BackorderState movedUp(int places) {
        return new BackorderState(id, orderId, productId, sku, fifoKey, quantity, allocated, shipped, status,
                preorder, createdAt, queuePosition - places, eta);
    }
}
