package shop.backorders.shared;

import java.sql.SQLException;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;

import org.hibernate.exception.ConstraintViolationException;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.pgclient.PgException;
import shop.backorders.changes.BeforeCommit;
import shop.backorders.changes.Changes;

/**
 * Runs a unit of work in its own transaction, with a {@link Changes} to note what it changes, which
 * the {@link BeforeCommit} steps (estimates, mail, the change log) act on just before the commit. Runs
 * it again, from scratch in a fresh session, when PostgreSQL aborts it as a deadlock victim or a
 * serialization failure: callers never see those. A method annotation cannot do this: the retry has
 * to sit outside the transaction it repeats.
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
            return work.apply(changes).call(() -> Sequence.forEach(beforeCommit, step -> step.beforeCommit(changes)));
        })).onFailure(Transactions::isTransient).retry().atMost(ATTEMPTS);
    }

    static boolean isTransient(Throwable failure) {
        String state = sqlState(failure);
        return "40001".equals(state) || "40P01".equals(state);
    }

    /**
     * The SQLSTATE of the database error behind a failure, or null. Hibernate Reactive reports it as a
     * {@link SQLException} (without the driver's exception as its cause); the pg client as a {@link PgException}.
     */
    public static String sqlState(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
            if (t instanceof PgException pg) {
                return pg.getSqlState();
            }
        }
        return null;
    }

    /** The name of the constraint a failure violated, or null. */
    public static String constraint(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ConstraintViolationException violation && violation.getConstraintName() != null) {
                return violation.getConstraintName();
            }
            if (t instanceof PgException pg) {
                return pg.getConstraint();
            }
        }
        return null;
    }
}
