package shop.backorders.live;

import shop.backorders.backorder.BackorderState;
import shop.backorders.changes.BackorderChange;

/**
 * What a backorder watcher is told: what happened, and the backorder's new state; both null for a
 * {@link #resync() resync}.
 */
public record BackorderEvent(BackorderChange change, BackorderState backorder) {

    /** Changes may have been missed (the service lost its database connection): refetch. */
    static BackorderEvent resync() {
        return new BackorderEvent(null, null);
    }

    public boolean isResync() {
        return change == null;
    }
}
