package shop.backorders.shared;

import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Runs a scheduled job on one replica at a time. Every replica schedules the same jobs; a run first takes its
 * job's PostgreSQL advisory lock, without waiting, and is skipped where another replica holds it: that one is
 * doing the work. The lock belongs to a transaction on a pooled connection that lasts the run, so it goes
 * whatever happens: at its commit, its rollback, or when a crashed replica's connection drops; a session lock
 * could stay behind on a pooled connection (and would not survive PgBouncer's transaction pooling). That
 * transaction only holds the lock (no write, no snapshot kept between statements); the job works in transactions
 * of its own, one per product, so that one failing leaves the others done.
 */
@ApplicationScoped
public class SingleRunner {

    private static final Logger LOG = Logger.getLogger(SingleRunner.class);
    /** The first key of the shop's advisory locks ("BACK"), apart from other applications' on the database. */
    static final int LOCK_SPACE = 0x4241_434B;

    /** The scheduled jobs that do shared work in the database, each with the second key of its lock. */
    public enum Job {
        // Stable numbers, never reused: during a rolling update old and new replicas run side by side and must
        // take the same lock for the same job. A new job takes the next number.
        ETA_REFRESH(1),
        PREORDER_RELEASE(2),
        CHANGE_LOG_PRUNE(3);

        final int lock;

        Job(int lock) {
            this.lock = lock;
        }
    }

    private final Pool pool;

    public SingleRunner(Pool pool) {
        this.pool = pool;
    }

    /**
     * Runs the job here unless another replica is running it; true if it ran here. While the database is
     * unreachable no run takes the lock: each is skipped, and the next one tries again.
     */
    public Uni<Boolean> once(Job job, Supplier<Uni<?>> work) {
        return pool.withTransaction(connection -> connection
                .preparedQuery("SELECT pg_try_advisory_xact_lock($1, $2)").execute(Tuple.of(LOCK_SPACE, job.lock))
                .chain(rows -> {
                    if (!rows.iterator().next().getBoolean(0)) {
                        LOG.debugf("%s is running on another replica; skipped here", job);
                        return Uni.createFrom().item(false);
                    }
                    return Uni.createFrom().deferred(work).replaceWith(true);
                }))
                .onFailure().recoverWithItem(failure -> {
                    LOG.warnf("Running %s on one replica failed (%s); the next run tries again", job,
                            failure.getMessage());
                    return false;
                });
    }
}
