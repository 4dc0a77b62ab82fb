package shop.backorders.support;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import shop.backorders.changes.BeforeCommit;
import shop.backorders.changes.Changes;

/**
 * When armed, fails every transaction after its estimates and mail were written, just before the change
 * log: a stand-in for anything that makes a business transaction roll back at the last moment.
 */
@ApplicationScoped
public class FailBeforeCommit implements BeforeCommit {

    private static volatile boolean armed;

    public static void arm() {
        armed = true;
    }

    public static void disarm() {
        armed = false;
    }

    @Override
    public int order() {
        return CHANGE_LOG - 1;
    }

    @Override
    public Uni<Void> beforeCommit(Changes changes) {
        return armed ? Uni.createFrom().failure(new IllegalStateException("test: the transaction fails late"))
                : Uni.createFrom().voidItem();
    }
}
