package shop.backorders.changes;

import io.smallrye.mutiny.Uni;

/**
 * A step every business transaction takes after its own work and before it commits, seeing what it
 * changed. Steps run one after another by {@link #order()}, each able to note further changes for the
 * next: estimates are revised first, then mail is queued, and the change log, which snapshots it all,
 * comes last.
 */
public interface BeforeCommit {

    int ESTIMATES = 100;
    int MAIL = 200;
    int CHANGE_LOG = 300;

    int order();

    Uni<Void> beforeCommit(Changes changes);
}
