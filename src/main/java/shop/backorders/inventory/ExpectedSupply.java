package shop.backorders.inventory;

import java.time.LocalDate;
import java.util.List;

import io.vertx.core.json.JsonArray;

/** Units an open inbound shipment still brings, and the day they are expected: what estimates plan with. */
public record ExpectedSupply(long inboundShipmentId, int units, LocalDate expectedAt) {

    /** From {@code [id, units, expected_at]} arrays, as a statement aggregates a product's open shipments. */
    static List<ExpectedSupply> fromJson(JsonArray shipments) {
        return shipments.stream().map(JsonArray.class::cast).map(shipment -> new ExpectedSupply(
                shipment.getLong(0), shipment.getInteger(1), LocalDate.parse(shipment.getString(2)))).toList();
    }
}
