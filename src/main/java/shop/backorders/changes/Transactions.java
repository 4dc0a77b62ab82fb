package shop.backorders.changes;

import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import shop.backorders.shared.DatabaseErrors;
import shop.backorders.shared.Sequence;
import shop.backorders.shared.Sql;

/**
 * Runs a unit of work in its own transaction, with a {@link Changes} to note what it changes, which
 * the {@link BeforeCommit} steps (estimates, mail, the change log) act on just before the commit. Runs
 * it again, from scratch in a fresh session, when PostgreSQL aborts it as a deadlock victim or a
 * serialization failure: callers never see those. A method annotation cannot do this: the retry has
 * to sit outside the transaction it repeats. Writes {@linkplain Sql#send sent} without waiting are awaited
 * before the commit.
 */
@ApplicationScoped
public class Transactions {

    private static final int ATTEMPTS = 10;

    private final List<BeforeCommit> beforeCommit;

    public Transactions(Instance<BeforeCommit> beforeCommit) {
        this.beforeCommit = beforeCommit.stream().sorted(Comparator.comparingInt(BeforeCommit::order)).toList();
    }

    public <T> Uni<T> inTransaction(Function<Changes, Uni<T>> work) {
        return Uni.createFrom().deferred(() -> Panache.withTransaction(() -> {
            Changes changes = new Changes();
            return work.apply(changes).call(() -> Sequence.forEach(beforeCommit, step -> step.beforeCommit(changes)))
                    .call(Sql::awaitSent);
        })).onFailure(Transactions::isTransient).retry().atMost(ATTEMPTS);
    }

    static boolean isTransient(Throwable failure) {
        String state = DatabaseErrors.sqlState(failure);
        return "40001".equals(state) || "40P01".equals(state);
    }
}
