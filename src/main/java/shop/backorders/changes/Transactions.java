package shop.backorders.changes;

import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.Startup;
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
@Startup // its meters show, at 0, from the start: Prometheus misses a series' first increment
public class Transactions {

    private static final int ATTEMPTS = 10;
    private static final String DEADLOCK = "40P01";
    private static final String SERIALIZATION_FAILURE = "40001";

    private final List<BeforeCommit> beforeCommit;
    private final Counter deadlocks;
    private final Counter serializationFailures;

    public Transactions(Instance<BeforeCommit> beforeCommit, MeterRegistry registry) {
        this.beforeCommit = beforeCommit.stream().sorted(Comparator.comparingInt(BeforeCommit::order)).toList();
        this.deadlocks = retries("deadlock", registry);
        this.serializationFailures = retries("serialization_failure", registry);
    }

    private static Counter retries(String reason, MeterRegistry registry) {
        return Counter.builder("shop.transaction.retries")
                .description("Business transactions PostgreSQL aborted as a deadlock victim or a serialization failure,"
                        + " each then run again from scratch (up to " + ATTEMPTS + " times in a row)")
                .tag("reason", reason).register(registry);
    }

    public <T> Uni<T> inTransaction(Function<Changes, Uni<T>> work) {
        return Uni.createFrom().deferred(() -> Panache.withTransaction(() -> {
            Changes changes = new Changes();
            return work.apply(changes).call(() -> Sequence.forEach(beforeCommit, step -> step.beforeCommit(changes)))
                    .call(Sql::awaitSent);
        })).onFailure(Transactions::isTransient).invoke(this::countRetry)
                .onFailure(Transactions::isTransient).retry().atMost(ATTEMPTS);
    }

    static boolean isTransient(Throwable failure) {
        String state = DatabaseErrors.sqlState(failure);
        return SERIALIZATION_FAILURE.equals(state) || DEADLOCK.equals(state);
    }

    private void countRetry(Throwable failure) {
        (DEADLOCK.equals(DatabaseErrors.sqlState(failure)) ? deadlocks : serializationFailures).increment();
    }
}
