package shop.backorders.inventory;

import java.time.LocalDate;

import shop.backorders.catalog.BackorderPolicy;

/**
 * A product's stock row as read under its row lock, with the terms that govern it: its policy, and the
 * supplier's lead time its estimates fall back on.
 */
public record LockedStock(long productId, String sku, int onHand, int allocated, int backordered,
        BackorderPolicy policy, Integer backorderLimit, LocalDate releaseDate, boolean released, int leadTimeDays) {

    /** The row as it is once this reservation is made, still under the same lock. */
    public LockedStock after(Reservation reservation) {
        return new LockedStock(productId, sku, onHand, allocated + reservation.allocated(),
                backordered + reservation.backordered(), policy, backorderLimit, releaseDate, released, leadTimeDays);
    }

    public int available() {
        return onHand - allocated;
    }

    /** Orders placed today wait as pre-orders, and arriving stock is kept for the release date. */
    public boolean preorderOn(LocalDate today) {
        return policy == BackorderPolicy.PREORDER && !released && today.isBefore(releaseDate);
    }

    boolean dueForRelease(LocalDate today) {
        return policy == BackorderPolicy.PREORDER && !released && !today.isBefore(releaseDate);
    }
}
