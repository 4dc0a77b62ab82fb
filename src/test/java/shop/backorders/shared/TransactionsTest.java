package shop.backorders.shared;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import io.vertx.pgclient.PgException;
import jakarta.inject.Inject;

/** Deadlock victims and serialization failures are run again, in a new transaction; other failures are not. */
@QuarkusTest
class TransactionsTest {

    @Inject
    Transactions transactions;

    @Test
    void aDeadlockVictimRunsAgainInAFreshTransaction() throws Throwable {
        AtomicInteger attempts = new AtomicInteger();

        String result = VertxContextSupport.subscribeAndAwait(() -> transactions.inTransaction(() -> Panache
                .getSession()
                .chain(session -> session.createNativeQuery("SELECT 'ok'", String.class).getSingleResult())
                .invoke(() -> {
                    if (attempts.incrementAndGet() < 3) {
                        throw new PgException("deadlock detected", "ERROR", attempts.get() == 1 ? "40P01" : "40001",
                                null);
                    }
                })));

        assertEquals("ok", result);
        assertEquals(3, attempts.get());
    }

    @Test
    void otherFailuresAreNotRepeated() {
        AtomicInteger attempts = new AtomicInteger();

        assertThrows(ShopException.class, () -> VertxContextSupport.subscribeAndAwait(() -> transactions
                .inTransaction(() -> Uni.createFrom().failure(() -> {
                    attempts.incrementAndGet();
                    return ShopException.invalidState("refused");
                }))));

        assertEquals(1, attempts.get());
    }
}
