package shop.backorders.inventory;

import java.time.LocalDate;
import java.util.List;

import io.vertx.core.json.JsonArray;

/**
 * What a product's estimates plan with beyond its stock: its open shipments in order of arrival, and how late
 * its supplier's deliveries very likely are (the range of an estimate from the lead time).
 *
 * @param leadTimeDelayDays the 90th-percentile delay of the product's supplier (the view {@code supplier_delay});
 *                          null without a supplier or with too little history
 */
public record ExpectedSupply(List<Shipment> shipments, Integer leadTimeDelayDays) {

    /**
     * Units an open inbound shipment still brings, the day they are expected, and how late its supplier's
     * deliveries very likely are: the shipment's supplier, or the product's for one recorded by hand.
     */
    public record Shipment(long inboundShipmentId, int units, LocalDate expectedAt, Integer delayDays) {
    }

    /**
     * A SQL expression: the supply of the product the SQL expression {@code product} names, as one JSON text
     * {@code [lead time delay, [[id, units, expected_at, delay], ...]]} (read with {@link #fromJson}). A supplier's
     * delay is looked up once however many of its shipments are open.
     */
    static String openFor(String product) {
        return """
                CAST((SELECT json_build_array(t.delay, (
                          SELECT coalesce(json_agg(json_build_array(i.id, i.quantity, i.expected_at,
                                     CASE WHEN coalesce(i.supplier_id, t.supplier_id) = t.supplier_id THEN t.delay
                                          ELSE supplier_p90_days(i.supplier_id) END)
                                 ORDER BY i.expected_at, i.id), '[]')
                          FROM inbound_shipment i WHERE i.product_id = t.id AND i.status = 'OPEN'))
                      FROM (SELECT p.id, p.supplier_id, supplier_p90_days(p.supplier_id) AS delay
                            FROM product p WHERE p.id = %s OFFSET 0) t) AS text)""".formatted(product);
    }

    /** From the JSON text {@link #openFor} gives. */
    static ExpectedSupply fromJson(String supply) {
        JsonArray read = new JsonArray(supply);
        return new ExpectedSupply(read.getJsonArray(1).stream().map(JsonArray.class::cast)
                .map(shipment -> new Shipment(shipment.getLong(0), shipment.getInteger(1),
                        LocalDate.parse(shipment.getString(2)), shipment.getInteger(3)))
                .toList(), read.getInteger(0));
    }
}
