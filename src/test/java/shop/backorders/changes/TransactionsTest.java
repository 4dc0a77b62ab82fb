package shop.backorders.changes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.inject.Inject;

import org.hibernate.PessimisticLockException;
import org.hibernate.exception.LockAcquisitionException;
import org.junit.jupiter.api.Test;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import shop.backorders.shared.ShopException;

/** Deadlock victims and serialization failures are run again, in a new transaction; other failures are not. */
@QuarkusTest
class TransactionsTest {

    @Inject
    Transactions transactions;

    @Test
    void aDeadlockVictimRunsAgainInAFreshTransaction() throws Throwable {
        AtomicInteger attempts = new AtomicInteger();

        String result = VertxContextSupport.subscribeAndAwait(() -> transactions.inTransaction(changes -> Panache
                .getSession()
                .chain(session -> session.createNativeQuery("SELECT 'ok'", String.class).getSingleResult())
                .invoke(() -> {
                    // Failures as Hibernate Reactive reports them: the SQLSTATE on a cause-less SQLException.
                    if (attempts.incrementAndGet() == 1) {
                        throw new LockAcquisitionException("deadlock", new SQLException("deadlock detected", "40P01"));
                    }
                    if (attempts.get() == 2) {
                        throw new PessimisticLockException("serialization",
                                new SQLException("could not serialize access", "40001"));
                    }
                })));

        assertEquals("ok", result);
        assertEquals(3, attempts.get());
    }

    @Test
    void otherFailuresAreNotRepeated() {
        AtomicInteger attempts = new AtomicInteger();

        assertThrows(ShopException.class, () -> VertxContextSupport.subscribeAndAwait(() -> transactions
                .inTransaction(changes -> Uni.createFrom().failure(() -> {
                    attempts.incrementAndGet();
                    return ShopException.invalidState("refused");
                }))));

        assertEquals(1, attempts.get());
    }
}
