package shop.backorders.support;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.AfterEach;

import io.agroal.api.AgroalDataSource;
import jakarta.inject.Inject;

/** A test of the engine through the API: after each test the database invariants must still hold. */
public abstract class EngineTest {

    @Inject
    protected AgroalDataSource dataSource;

    @AfterEach
    void invariantsHold() {
        Invariants.assertHold(dataSource);
    }

    /** What any write would change: rows of orders, backorders and the change log, and every stock version. */
    protected String footprint() throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("""
                        SELECT (SELECT count(*) FROM customer_order) || '/' || (SELECT count(*) FROM backorder)
                               || '/' || (SELECT count(*) FROM change_log)
                               || '/' || (SELECT sum(version) FROM stock)""")) {
            row.next();
            return row.getString(1);
        }
    }
}
