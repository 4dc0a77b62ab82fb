package shop.backorders.backorder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static shop.backorders.support.Fixtures.createProduct;
import static shop.backorders.support.Fixtures.placeOrder;
import static shop.backorders.support.GraphQLClient.data;
import static shop.backorders.support.SupplierHistory.openDelivery;
import static shop.backorders.support.SupplierHistory.p90Days;
import static shop.backorders.support.SupplierHistory.received;
import static shop.backorders.support.SupplierHistory.supplierWithDeliveries;
import static shop.backorders.support.SupplierHistory.supplies;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import shop.backorders.support.EngineTest;
import shop.backorders.support.MovableClock;

/**
 * Estimates' ranges through the API: the supplier's record of received deliveries (its 90th-percentile delay)
 * gives the day by which an estimate's supply very likely arrives, stored with the estimate and carried by
 * queries, the change log and mail.
 */
@QuarkusTest
class EtaRangeTest extends EngineTest {

    @Inject
    MovableClock clock;

    @Test
    void everyBackorderPlannedOnADeliveryRunsToItsDatePlusItsSuppliersP90() throws SQLException {
        String sku = createProduct("ALLOW", null, 0);
        // Ten received deliveries, one early (counted as on time): sorted 0 0 1 1 2 2 3 4 6 12, the ninth is 6.
        long supplier = supplierWithDeliveries(dataSource, sku, -3, 0, 1, 1, 2, 2, 3, 4, 6, 12);
        assertEquals(6, p90Days(dataSource, supplier));
        // The product's own supplier has no record: the delivery's supplier is the one that counts.
        supplies(dataSource, supplierWithDeliveries(dataSource, sku), sku);
        LocalDate today = LocalDate.now(clock);
        long delivery = openDelivery(dataSource, supplier, sku, 5, today.plusDays(10));

        String a = backorderOf(placeOrder("a@example.com", sku, 2));
        String b = backorderOf(placeOrder("b@example.com", sku, 2));
        String c = backorderOf(placeOrder("c@example.com", sku, 2));

        assertRange(a, today.plusDays(10), "INBOUND_SHIPMENT", today.plusDays(16));
        assertRange(b, today.plusDays(10), "INBOUND_SHIPMENT", today.plusDays(16));
        assertRange(c, today.plusDays(7), "LEAD_TIME", null);
        assertEquals(today.plusDays(16).toString(), told(a, "BACKORDER_CREATED"), "the mail's payload has it");
        assertEquals(today.plusDays(16).toString(), lastSnapshot(a), "so has the change log's snapshot");

        // One more unit on the delivery: c is planned on it too, with its range.
        data("UpdateInbound", Map.of("id", String.valueOf(delivery), "quantity", 6,
                "expectedAt", today.plusDays(10).toString()));
        assertRange(c, today.plusDays(10), "INBOUND_SHIPMENT", today.plusDays(16));
        assertRange(a, today.plusDays(10), "INBOUND_SHIPMENT", today.plusDays(16));
    }

    @Test
    void fourDeliveriesAreTooLittleHistoryAndTheFifthGivesARangeToldToNobody() throws SQLException {
        String sku = createProduct("ALLOW", null, 0);
        long supplier = supplierWithDeliveries(dataSource, sku, 2, 2, 3, 8);
        assertNull(p90Days(dataSource, supplier));
        supplies(dataSource, supplier, sku);
        LocalDate today = LocalDate.now(clock);
        data("ScheduleInbound", Map.of("sku", sku, "quantity", 4, "expectedAt", today.plusDays(9).toString()));
        String a = backorderOf(placeOrder("a@example.com", sku, 2));
        assertRange(a, today.plusDays(9), "INBOUND_SHIPMENT", null);

        // A fifth: sorted 2 2 3 4 8, the fifth of five is the first at or past 90 %. The queue is planned again
        // when its supply changes; a's date stays, its range is stored without an event or a mail.
        received(dataSource, supplier, sku, 4);
        assertEquals(8, p90Days(dataSource, supplier));
        data("ScheduleInbound", Map.of("sku", sku, "quantity", 1, "expectedAt", today.plusDays(30).toString()));

        assertRange(a, today.plusDays(9), "INBOUND_SHIPMENT", today.plusDays(17));
        assertEquals(1, count("SELECT count(*) FROM notification WHERE backorder_id = ?", a), "only its creation");
        assertEquals(1, count("""
                SELECT count(*) FROM change_log l, jsonb_array_elements(l.payload -> 'backorders') b
                WHERE CAST(b ->> 'id' AS bigint) = ?""", a), "only its creation");
    }

    @Test
    void aLeadTimeEstimateRunsToItsDatePlusTheProductsSuppliersP90() throws SQLException {
        String sku = createProduct("ALLOW", null, 0);
        supplies(dataSource, supplierWithDeliveries(dataSource, sku, 1, 1, 1, 1, 1, 1, 1, 1, 1, 5), sku);
        LocalDate today = LocalDate.now(clock);

        String a = backorderOf(placeOrder("a@example.com", sku, 3));

        assertRange(a, today.plusDays(7), "LEAD_TIME", today.plusDays(8));
    }

    @Test
    void aSupplierThatKeepsItsDatesGivesNoRange() throws SQLException {
        String sku = createProduct("ALLOW", null, 0);
        supplies(dataSource, supplierWithDeliveries(dataSource, sku, 0, 0, -1, 0, 0), sku);
        LocalDate today = LocalDate.now(clock);

        String a = backorderOf(placeOrder("a@example.com", sku, 1));

        assertRange(a, today.plusDays(7), "LEAD_TIME", today.plusDays(7));
    }

    private static String backorderOf(JsonPath order) {
        return order.getString("backorders[0].id");
    }

    private static void assertRange(String backorder, LocalDate date, String source, LocalDate latest) {
        JsonPath eta = data("BackorderRange", Map.of("id", backorder)).setRootPath("data.backorder.eta");
        assertEquals(date.toString(), eta.getString("date"), "date of " + backorder);
        assertEquals(source, eta.getString("source"), "source of " + backorder);
        assertEquals(latest == null ? null : latest.toString(), eta.getString("latest"), "latest of " + backorder);
    }

    /** The latest day in the payload of the backorder's mail of this kind. */
    private String told(String backorder, String kind) throws SQLException {
        return text("SELECT payload ->> 'eta_latest' FROM notification WHERE backorder_id = ? AND kind = '" + kind
                + "'", backorder);
    }

    /** The latest day in the backorder's last change-log snapshot. */
    private String lastSnapshot(String backorder) throws SQLException {
        return text("""
                SELECT b ->> 'eta_latest' FROM change_log l, jsonb_array_elements(l.payload -> 'backorders') b
                WHERE CAST(b ->> 'id' AS bigint) = ? ORDER BY l.id DESC LIMIT 1""", backorder);
    }

    private long count(String sql, String backorder) throws SQLException {
        return Long.parseLong(text(sql, backorder));
    }

    private String text(String sql, String backorder) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(sql)) {
            select.setLong(1, Long.parseLong(backorder));
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return row.getString(1);
            }
        }
    }
}
