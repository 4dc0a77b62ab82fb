package shop.backorders.inventory;

import java.time.LocalDate;

/** An inbound shipment as it stood at one moment, with its product's SKU: what queries answer. */
public record InboundShipmentState(long id, String sku, int quantity, int received, LocalDate expectedAt,
        InboundShipment.Status status, Long purchaseOrderLineId, LocalDate requestedAt, LocalDate firstConfirmedAt,
        int dateMoves) {

    public static InboundShipmentState of(InboundShipment shipment, String sku) {
        return new InboundShipmentState(shipment.id, sku, shipment.quantity, shipment.received, shipment.expectedAt,
                shipment.status, shipment.purchaseOrderLineId, shipment.requestedAt, shipment.firstConfirmedAt,
                shipment.dateMoves);
    }
}
