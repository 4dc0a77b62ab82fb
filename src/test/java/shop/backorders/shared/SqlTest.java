package shop.backorders.shared;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static shop.backorders.support.Fixtures.createProduct;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import shop.backorders.catalog.ProductRepository;

/**
 * {@link Sql} reaches into Hibernate Reactive for the session's connection: its statements must run in
 * the session's transaction, after the entity changes the session still holds.
 */
@QuarkusTest
class SqlTest {

    @Inject
    ProductRepository products;

    @Test
    void namedParametersBecomePositionalOnesLeavingCastsLiteralsAndCommentsAlone() {
        Sql.Statement statement = Sql.Statement.parse("""
                -- not :a parameter
                SELECT CAST(:first AS int)::text, ':second', :second, :first FROM t WHERE x = :third""");

        assertEquals("""
                -- not :a parameter
                SELECT CAST($1 AS int)::text, ':second', $2, $1 FROM t WHERE x = $3""", statement.sql());
        assertEquals(List.of("first", "second", "third"), statement.names());
        Instant now = Instant.parse("2026-12-02T10:15:30Z");
        Object[] values = statement.values(Map.of("first", 1, "second", now, "third", ErrorCode.NOT_FOUND));
        assertEquals(OffsetDateTime.parse("2026-12-02T10:15:30Z"), values[1]);
        assertEquals("NOT_FOUND", values[2]);
        assertThrows(IllegalArgumentException.class, () -> statement.values(Map.of("first", 1, "second", 2)));
    }

    @Test
    void statementsSeeTheSessionsPendingChangesAndRollBackWithIt() throws Throwable {
        String sku = createProduct("ALLOW", null, 0);

        String seen = VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> products
                .findBySku(sku)
                .invoke(product -> product.name = "Renamed, not flushed yet")
                .chain(() -> Sql.rows("SELECT name FROM product WHERE sku = :sku", Map.of("sku", sku)))
                .map(rows -> (String) rows.get(0)[0])));
        assertEquals("Renamed, not flushed yet", seen);

        assertThrows(IllegalStateException.class, () -> VertxContextSupport.subscribeAndAwait(
                () -> Panache.withTransaction(() -> Sql.update(
                        "UPDATE product SET name = 'Rolled back' WHERE sku = :sku", Map.of("sku", sku))
                        .chain(() -> Uni.createFrom().failure(new IllegalStateException("abort"))))));
        String after = VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(() -> Sql.rows(
                "SELECT name FROM product WHERE sku = :sku", Map.of("sku", sku)))
                .map(rows -> (String) rows.get(0)[0]));
        assertTrue(after.startsWith("Renamed"), "the failed transaction's update is gone: " + after);
    }

    @Test
    void statementsSentTogetherRunInTheirOrderEachAnsweredWithItsRows() throws Throwable {
        String sku = createProduct("ALLOW", null, 0);
        Map<String, String> bySku = Map.of("sku", sku);
        String append = "UPDATE product SET name = name || :suffix WHERE sku = :sku RETURNING name";

        List<List<Object[]>> answers = VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(
                () -> Sql.rowsOfEach(List.of(
                        new Sql.Query(append, Map.of("sku", sku, "suffix", " one")),
                        new Sql.Query("SELECT 42 WHERE false", Map.of()),
                        new Sql.Query(append, Map.of("sku", sku, "suffix", " two"))))));

        assertEquals(3, answers.size());
        assertTrue(((String) answers.get(0).get(0)[0]).endsWith(" one"));
        assertEquals(0, answers.get(1).size());
        assertTrue(((String) answers.get(2).get(0)[0]).endsWith(" one two"), "the second append ran after the first");

        // The first failure is the answer, and the transaction rolls back whole.
        Throwable failure = assertThrows(Throwable.class, () -> VertxContextSupport.subscribeAndAwait(
                () -> Panache.withTransaction(() -> Sql.rowsOfEach(List.of(
                        new Sql.Query("UPDATE product SET name = 'Rolled back' WHERE sku = :sku", bySku),
                        new Sql.Query("SELECT CAST('not a number' AS integer)", Map.of()),
                        new Sql.Query("SELECT 1", Map.of()))))));
        assertEquals("22P02", DatabaseErrors.sqlState(failure), failure::toString);
        String after = VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(() -> Sql.rows(
                "SELECT name FROM product WHERE sku = :sku", bySku)).map(rows -> (String) rows.get(0)[0]));
        assertTrue(after.endsWith(" one two"), after);
    }

    @Test
    void writesSentWithoutWaitingRunAheadOfTheNextStatementAndFailTheTransactionAsTheFirstToFail() throws Throwable {
        String sku = createProduct("ALLOW", null, 0);
        Map<String, String> bySku = Map.of("sku", sku);
        String append = "UPDATE product SET name = name || :suffix WHERE sku = :sku";
        String bad = "UPDATE product SET lead_time_days = CAST('not a number' AS integer) WHERE sku = :sku";

        String seen = VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(
                () -> Sql.send(append, Map.of("sku", sku, "suffix", " one"))
                        .chain(() -> Sql.send(append, Map.of("sku", sku, "suffix", " two")))
                        .chain(() -> Sql.rows("SELECT name FROM product WHERE sku = :sku", bySku))
                        .map(rows -> (String) rows.get(0)[0])));
        assertTrue(seen.endsWith(" one two"), seen);

        // A failed write is the next statement's failure, with its own error, not "transaction aborted".
        Throwable failure = assertThrows(Throwable.class, () -> VertxContextSupport.subscribeAndAwait(
                () -> Panache.withTransaction(() -> Sql.send(append, Map.of("sku", sku, "suffix", " lost"))
                        .chain(() -> Sql.send(bad, bySku))
                        .chain(() -> Sql.update(append, Map.of("sku", sku, "suffix", " lost too"))))));
        assertEquals("22P02", DatabaseErrors.sqlState(failure), failure::toString);

        // With no statement after it, awaiting the sent writes before the commit finds the failure.
        failure = assertThrows(Throwable.class, () -> VertxContextSupport.subscribeAndAwait(
                () -> Panache.withTransaction(() -> Sql.send(append, Map.of("sku", sku, "suffix", " lost"))
                        .chain(() -> Sql.send(bad, bySku))
                        .call(Sql::awaitSent))));
        assertEquals("22P02", DatabaseErrors.sqlState(failure), failure::toString);

        String after = VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(() -> Sql.rows(
                "SELECT name FROM product WHERE sku = :sku", bySku)).map(rows -> (String) rows.get(0)[0]));
        assertTrue(after.endsWith(" one two"), "both failed transactions rolled back whole: " + after);

        assertThrows(IllegalStateException.class, () -> VertxContextSupport.subscribeAndAwait(
                () -> Panache.withSession(() -> Sql.send(append, Map.of("sku", sku, "suffix", " lost")))));
    }
}
