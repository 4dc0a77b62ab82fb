package shop.backorders.inventory;

import java.time.LocalDate;
import java.util.List;

import io.vertx.core.json.JsonArray;

/** Units an open inbound shipment still brings, and the day they are expected: what estimates plan with. */
public record ExpectedSupply(long inboundShipmentId, int units, LocalDate expectedAt) {

    /**
     * A SQL expression: the open shipments of the product the SQL expression {@code product} names, in order of
     * arrival, as one JSON text of {@code [id, units, expected_at]} arrays (read with {@link #fromJson}).
     */
    static String openFor(String product) {
        return """
                CAST((SELECT coalesce(json_agg(json_build_array(i.id, i.quantity, i.expected_at)
                                               ORDER BY i.expected_at, i.id), '[]')
                      FROM inbound_shipment i WHERE i.product_id = %s AND i.status = 'OPEN') AS text)"""
                .formatted(product);
    }

    /** From the JSON text {@link #openFor} gives. */
    static List<ExpectedSupply> fromJson(String shipments) {
        return new JsonArray(shipments).stream().map(JsonArray.class::cast).map(shipment -> new ExpectedSupply(
                shipment.getLong(0), shipment.getInteger(1), LocalDate.parse(shipment.getString(2)))).toList();
    }
}
