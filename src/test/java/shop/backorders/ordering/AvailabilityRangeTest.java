package shop.backorders.ordering;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static shop.backorders.support.Fixtures.createProduct;
import static shop.backorders.support.Fixtures.line;
import static shop.backorders.support.Fixtures.placeOrder;
import static shop.backorders.support.GraphQLClient.data;
import static shop.backorders.support.SupplierHistory.supplierWithDeliveries;
import static shop.backorders.support.SupplierHistory.supplies;

import java.sql.SQLException;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import shop.backorders.support.EngineTest;
import shop.backorders.support.MovableClock;

/** A shopper asking or quoting is told the range the backorder would then be given, part by part. */
@QuarkusTest
class AvailabilityRangeTest extends EngineTest {

    @Inject
    MovableClock clock;

    @Test
    void availabilityAndQuoteTellTheRangeTheBackorderThenGets() throws SQLException {
        String sku = createProduct("ALLOW", null, 2);
        // p90 of 1 1 2 2 3 3 4 4 5 9 is 5 days: the product's supplier, and so that of its deliveries recorded by hand.
        supplies(dataSource, supplierWithDeliveries(dataSource, sku, 1, 1, 2, 2, 3, 3, 4, 4, 5, 9), sku);
        LocalDate today = LocalDate.now(clock);
        data("ScheduleInbound", Map.of("sku", sku, "quantity", 2, "expectedAt", today.plusDays(10).toString()));
        List<Map<String, Object>> parts = List.of(
                part(2, today, "STOCK", null),
                part(2, today.plusDays(10), "INBOUND_SHIPMENT", today.plusDays(15)),
                part(1, today.plusDays(7), "LEAD_TIME", today.plusDays(12)));

        JsonPath asked = data("AvailabilityRange", Map.of("sku", sku, "quantity", 5))
                .setRootPath("data.product.availability");
        assertEquals(parts, asked.getList("deliveries"));
        assertEquals(today.plusDays(7).toString(), asked.getString("eta"));
        assertEquals(today.plusDays(12).toString(), asked.getString("etaLatest"));

        JsonPath quoted = data("QuoteRange", Map.of("lines", List.of(line(sku, 5)))).setRootPath("data.quote.lines[0]");
        assertEquals(parts, quoted.getList("deliveries"));
        assertEquals(today.plusDays(12).toString(), quoted.getString("etaLatest"));

        JsonPath placed = placeOrder("a@example.com", sku, 5);
        assertEquals(today.plusDays(7).toString(), placed.getString("backorders[0].eta.date"));
        assertEquals(today.plusDays(12).toString(), data("BackorderRange",
                Map.of("id", placed.getString("backorders[0].id"))).getString("backorder.eta.latest"),
                "the backorder is given the range it was quoted");
    }

    private static Map<String, Object> part(int quantity, LocalDate date, String source, LocalDate latest) {
        Map<String, Object> part = new HashMap<>();
        part.put("quantity", quantity);
        part.put("date", date.toString());
        part.put("source", source);
        part.put("latest", latest == null ? null : latest.toString());
        return part;
    }
}
