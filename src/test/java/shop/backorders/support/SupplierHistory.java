package shop.backorders.support;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.UUID;

import javax.sql.DataSource;

/**
 * Suppliers with a record of received deliveries, written straight into the database: each delivery came so
 * many days after the first day its supplier confirmed (negative: early). A fresh supplier every time.
 */
public final class SupplierHistory {

    private static final LocalDate FIRST_CONFIRMED = LocalDate.of(2026, 3, 2);

    private SupplierHistory() {
    }

    /** A new supplier whose received deliveries of the product with this SKU came these many days late. */
    public static long supplierWithDeliveries(DataSource dataSource, String sku, int... daysLate) throws SQLException {
        long supplier = insertSupplier(dataSource);
        received(dataSource, supplier, sku, daysLate);
        return supplier;
    }

    /** More received deliveries of the supplier, the latest of its record, these many days late. */
    public static void received(DataSource dataSource, long supplier, String sku, int... daysLate)
            throws SQLException {
        LocalDate after = latestReceived(dataSource, supplier);
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO inbound_shipment (product_id, quantity, received, expected_at, created_at, status,
                                              supplier_id, first_confirmed_at, received_on)
                SELECT id, 0, 10, ?, now(), 'RECEIVED', ?, ?, ? FROM product WHERE sku = ?""")) {
            for (int i = 0; i < daysLate.length; i++) {
                LocalDate confirmed = after.plusDays(i + 1);
                insert.setObject(1, confirmed);
                insert.setLong(2, supplier);
                insert.setObject(3, confirmed);
                insert.setObject(4, confirmed.plusDays(daysLate[i]));
                insert.setString(5, sku);
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private static LocalDate latestReceived(DataSource dataSource, long supplier) throws SQLException {
        try (Connection connection = dataSource.getConnection(); PreparedStatement select = connection.prepareStatement(
                "SELECT max(received_on) FROM inbound_shipment WHERE supplier_id = ? AND status = 'RECEIVED'")) {
            select.setLong(1, supplier);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                LocalDate latest = row.getObject(1, LocalDate.class);
                return latest == null ? FIRST_CONFIRMED : latest;
            }
        }
    }

    /** The supplier's p90 delay as the database's one rule (the view supplier_delay) has it; null if none. */
    public static Integer p90Days(DataSource dataSource, long supplier) throws SQLException {
        try (Connection connection = dataSource.getConnection(); PreparedStatement select = connection.prepareStatement(
                "SELECT p90_days FROM supplier_delay WHERE supplier_id = ?")) {
            select.setLong(1, supplier);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return (Integer) row.getObject(1);
            }
        }
    }

    /** Makes the supplier the product's (as updateProduct with supplierId would, its lead time aside). */
    public static void supplies(DataSource dataSource, long supplier, String sku) throws SQLException {
        try (Connection connection = dataSource.getConnection(); PreparedStatement update = connection.prepareStatement(
                "UPDATE product SET supplier_id = ? WHERE sku = ?")) {
            update.setLong(1, supplier);
            update.setString(2, sku);
            update.executeUpdate();
        }
    }

    /**
     * An open delivery of the supplier for the product, as a purchase order's would be (without the order): the
     * supply estimates plan with once the product's queue is planned again. Returns its id.
     */
    public static long openDelivery(DataSource dataSource, long supplier, String sku, int quantity,
            LocalDate expectedAt) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement("""
                INSERT INTO inbound_shipment (product_id, quantity, expected_at, created_at, status, supplier_id,
                                              first_confirmed_at)
                SELECT id, ?, ?, now(), 'OPEN', ?, ? FROM product WHERE sku = ? RETURNING id""")) {
            insert.setInt(1, quantity);
            insert.setObject(2, expectedAt);
            insert.setLong(3, supplier);
            insert.setObject(4, expectedAt);
            insert.setString(5, sku);
            try (ResultSet row = insert.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    private static long insertSupplier(DataSource dataSource) throws SQLException {
        String name = "Supplier " + UUID.randomUUID();
        try (Connection connection = dataSource.getConnection(); PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO supplier (name, email, lead_time_days, created_at) VALUES (?, ?, 7, now()) "
                        + "RETURNING id")) {
            insert.setString(1, name);
            insert.setString(2, "orders@" + name.substring(9, 17) + ".example");
            try (ResultSet row = insert.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }
}
