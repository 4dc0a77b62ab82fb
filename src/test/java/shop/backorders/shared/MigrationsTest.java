package shop.backorders.shared;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import jakarta.inject.Inject;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Migrations that rewrite stored data, on a database that already holds it: V9 puts addresses in
 * {@link EmailAddress}'s normal form where SQL can and makes idempotency keys per customer; V10 makes product
 * names one line, in mails already queued too. Runs the migrations into a schema of its own.
 */
@QuarkusTest
class MigrationsTest {

    @Inject
    AgroalDataSource dataSource;

    private final String schema = "migration_" + UUID.randomUUID().toString().substring(0, 8);

    @AfterEach
    void dropSchema() throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
        }
    }

    @Test
    void storedAddressesTakeTheirNormalFormAndKeysBecomeEachCustomersOwn() throws SQLException {
        migrate("8");
        sql("""
                INSERT INTO product (sku, name, price, backorder_policy, created_at)
                VALUES ('MUG', 'Mug', 5, 'ALLOW', now());
                INSERT INTO customer_order (customer_email, shipping, idempotency_key, created_at) VALUES
                    (' Bob@Example.COM ', 'SHIP_AVAILABLE', 'k1', now()),
                    ('Jürgen@Example.com', 'SHIP_AVAILABLE', NULL, now()),
                    ('ana@bücher.example', 'SHIP_AVAILABLE', NULL, now());
                INSERT INTO stock_alert (product_id, email, created_at, notified_at)
                SELECT id, address, now(), notified FROM product,
                    (VALUES ('Cy@Example.com', NULL), (' cy@example.com', NULL), ('CY@example.com', now()))
                        AS alert(address, notified)""");

        migrate("9");

        // A Unicode domain stays as it was: SQL has no IDNA (docs/security.md tells operators).
        assertEquals(List.of("bob@example.com", "jürgen@example.com", "ana@bücher.example"),
                column("SELECT customer_email FROM customer_order ORDER BY id"));
        // Open alerts that became one address's twice keep the first; a notified one stays as it is.
        assertEquals(List.of("cy@example.com open", "cy@example.com told"), column("SELECT email || CASE WHEN"
                + " notified_at IS NULL THEN ' open' ELSE ' told' END FROM stock_alert ORDER BY id"));
        sql("INSERT INTO customer_order (customer_email, shipping, idempotency_key, created_at)"
                + " VALUES ('ana@example.com', 'SHIP_AVAILABLE', 'k1', now())");
        SQLException taken = assertThrows(SQLException.class, () -> sql("INSERT INTO customer_order"
                + " (customer_email, shipping, idempotency_key, created_at)"
                + " VALUES ('bob@example.com', 'SHIP_AVAILABLE', 'k1', now())"));
        assertEquals("23505", taken.getSQLState(), taken::getMessage);
    }

    @Test
    void productNamesBecomeOneLineInMailsAlreadyQueuedToo() throws SQLException {
        migrate("9");
        sql("""
                INSERT INTO product (sku, name, price, backorder_policy, created_at)
                VALUES ('ARM', E'Arm\r\nBcc: everyone@example.com', 5, 'ALLOW', now());
                INSERT INTO notification (kind, recipient, payload, state, due_at, created_at)
                VALUES ('BACK_IN_STOCK', 'cy@example.com',
                        jsonb_build_object('sku', 'ARM', 'product_name', E'Arm\r\nBcc: everyone@example.com'),
                        'PENDING', now(), now())""");

        migrate("10");

        assertEquals(List.of("Arm Bcc: everyone@example.com"), column("SELECT name FROM product"));
        assertEquals(List.of("Arm Bcc: everyone@example.com"),
                column("SELECT payload ->> 'product_name' FROM notification"));
        assertEquals("23514", assertThrows(SQLException.class, () -> sql("UPDATE product SET name = E'A\\nB'"))
                .getSQLState());
    }

    private void migrate(String target) {
        Flyway.configure().dataSource(dataSource).schemas(schema).createSchemas(true)
                .locations("filesystem:src/main/resources/db/migration").target(target).load().migrate();
    }

    private void sql(String statements) throws SQLException {
        inSchema(statement -> statement.execute(statements));
    }

    private List<String> column(String query) throws SQLException {
        List<String> values = new ArrayList<>();
        inSchema(statement -> {
            try (ResultSet rows = statement.executeQuery(query)) {
                while (rows.next()) {
                    values.add(rows.getString(1));
                }
            }
        });
        return values;
    }

    /** Runs on a pooled connection looking into the test's schema, and gives it back as it was. */
    private void inSchema(Work work) throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("SET search_path TO " + schema);
            try {
                work.run(statement);
            } finally {
                statement.execute("RESET search_path");
            }
        }
    }

    private interface Work {
        void run(Statement statement) throws SQLException;
    }
}
