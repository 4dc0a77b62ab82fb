package shop.backorders.live;

import shop.backorders.backorder.BackorderState;

/** What a backorder watcher is told: what happened, and the backorder's new state (none for RESYNC). */
public record BackorderEvent(Type type, BackorderState backorder) {

    public enum Type {
        CREATED,
        QUEUE_POSITION_CHANGED,
        PARTIALLY_ALLOCATED,
        ALLOCATED,
        PARTIALLY_SHIPPED,
        FULFILLED,
        CANCELLED,
        ETA_CHANGED,
        ETA_SLIPPED,
        ETA_ACCEPTED,
        /** Changes may have been missed (the service lost its database connection): refetch. */
        RESYNC
    }
}
