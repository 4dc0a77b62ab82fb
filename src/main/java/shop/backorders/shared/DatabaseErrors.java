package shop.backorders.shared;

import java.sql.SQLException;

import org.hibernate.exception.ConstraintViolationException;

import io.vertx.pgclient.PgException;

/** What PostgreSQL said behind a failure, whichever layer (Hibernate Reactive or the pg client) reported it. */
public final class DatabaseErrors {

    private DatabaseErrors() {
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
