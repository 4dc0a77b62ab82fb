package shop.backorders.shared;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static shop.backorders.support.Fixtures.backorder;
import static shop.backorders.support.Fixtures.createPreorder;
import static shop.backorders.support.Fixtures.createProduct;
import static shop.backorders.support.Fixtures.placeOrder;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import shop.backorders.backorder.BackorderService;
import shop.backorders.changes.ChangeLog;
import shop.backorders.inventory.PreorderRelease;
import shop.backorders.shared.SingleRunner.Job;
import shop.backorders.support.EngineTest;
import shop.backorders.support.MovableClock;

/**
 * Scheduled jobs that work on the shared database run on one replica at a time: replicas are played by
 * threads of this application and by a JDBC session holding a job's lock, as a replica running it would.
 */
@QuarkusTest
class SingleRunnerTest extends EngineTest {

    private static final int REPLICAS = 8;

    @Inject
    SingleRunner runner;

    @Inject
    MovableClock clock;

    @Inject
    BackorderService backorders;

    @Inject
    PreorderRelease preorders;

    @Inject
    ChangeLog changeLog;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void startedOnEveryReplicaAtOnceAJobRunsOnOne() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        CyclicBarrier together = new CyclicBarrier(REPLICAS);
        ExecutorService replicas = Executors.newFixedThreadPool(REPLICAS);
        try {
            List<Future<Boolean>> ranHere = new ArrayList<>();
            for (int i = 0; i < REPLICAS; i++) {
                ranHere.add(replicas.submit(() -> {
                    together.await();
                    return await(() -> runner.once(Job.CHANGE_LOG_PRUNE, () -> Uni.createFrom()
                            .item(runs::incrementAndGet).onItem().delayIt().by(Duration.ofMillis(500))));
                }));
            }
            int ran = 0;
            for (Future<Boolean> replica : ranHere) {
                ran += replica.get() ? 1 : 0;
            }
            assertEquals(1, runs.get(), "the job's work was done once");
            assertEquals(1, ran, "one replica says it ran the job, the others skipped it");
        } finally {
            replicas.shutdownNow();
        }
    }

    @Test
    void whileAnotherReplicaRunsAJobTheOthersLeaveItsWorkAlone() throws SQLException {
        String preorder = placeOrder("preorder@example.com", createPreorder(LocalDate.now(clock).plusDays(1), 1), 1)
                .getString("backorders[0].id");
        String late = placeOrder("late@example.com", createProduct("ALLOW", null, 0), 1)
                .getString("backorders[0].id");
        long stale = staleChangeLogEntry();
        clock.advance(Duration.ofDays(8)); // past the release date, and past the lead-time estimate

        try (Connection otherReplica = dataSource.getConnection()) {
            try {
                for (Job job : Job.values()) {
                    lock(otherReplica, job);
                }
                runEveryJob();
                assertEquals("WAITING", backorder(preorder).getString("status"), "not released");
                assertNull(backorder(late).getString("eta.consentDeadline"), "its passed date not revisited");
                assertEquals(1, changeLogEntries(stale), "the change log not pruned");
            } finally {
                try (Statement unlock = otherReplica.createStatement()) {
                    unlock.execute("SELECT pg_advisory_unlock_all()");
                }
            }
        }

        runEveryJob();
        assertEquals("ALLOCATED", backorder(preorder).getString("status"));
        assertNotNull(backorder(late).getString("eta.consentDeadline"), "the customer is asked about the slip");
        assertEquals(0, changeLogEntries(stale));
    }

    private void runEveryJob() {
        await(preorders::releaseOnSchedule);
        await(backorders::refreshEstimates);
        await(changeLog::prune);
    }

    private static <T> T await(Supplier<Uni<T>> job) {
        try {
            return VertxContextSupport.subscribeAndAwait(job);
        } catch (Throwable failure) {
            throw new AssertionError(failure);
        }
    }

    private static void lock(Connection connection, Job job) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement("SELECT pg_advisory_lock(?, ?)")) {
            lock.setInt(1, SingleRunner.LOCK_SPACE);
            lock.setInt(2, job.lock);
            lock.execute();
        }
    }

    /** An entry older than the change log keeps (shop.changes.retention); its id. */
    private long staleChangeLogEntry() throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                ResultSet inserted = statement.executeQuery("""
                        INSERT INTO change_log (payload, created_at) VALUES ('{}', now() - interval '2 hours')
                        RETURNING id""")) {
            inserted.next();
            return inserted.getLong(1);
        }
    }

    private long changeLogEntries(long id) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement count = connection.prepareStatement("SELECT count(*) FROM change_log WHERE id = ?")) {
            count.setLong(1, id);
            try (ResultSet row = count.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }
}
