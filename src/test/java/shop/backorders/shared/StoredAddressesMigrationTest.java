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
 * V9 on a database that already holds orders and alerts: their addresses in {@link EmailAddress}'s normal
 * form where SQL can put them there, and idempotency keys per customer. Runs the migrations into a schema
 * of its own.
 */
@QuarkusTest
class StoredAddressesMigrationTest {

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
                INSERT INTO stock_alert (product_id, email, created_at)
                SELECT id, 'Cy@Example.com', now() FROM product""");

        migrate("9");

        // A Unicode domain stays as it was: SQL has no IDNA (docs/security.md tells operators).
        assertEquals(List.of("bob@example.com", "jürgen@example.com", "ana@bücher.example"),
                column("SELECT customer_email FROM customer_order ORDER BY id"));
        assertEquals(List.of("cy@example.com"), column("SELECT email FROM stock_alert"));
        sql("INSERT INTO customer_order (customer_email, shipping, idempotency_key, created_at)"
                + " VALUES ('ana@example.com', 'SHIP_AVAILABLE', 'k1', now())");
        SQLException taken = assertThrows(SQLException.class, () -> sql("INSERT INTO customer_order"
                + " (customer_email, shipping, idempotency_key, created_at)"
                + " VALUES ('bob@example.com', 'SHIP_AVAILABLE', 'k1', now())"));
        assertEquals("23505", taken.getSQLState(), taken::getMessage);
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
