package shop.backorders.supply;

import java.time.Instant;
import java.time.LocalDate;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import shop.backorders.inventory.InboundShipment;

/** Units of one product on a purchase order; its deliveries may bring fewer (short) or none (declined). */
@Entity
public class PurchaseOrderLine extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public Long purchaseOrderId;
    public int position;
    public Long productId;
    /** Units ordered. */
    public int quantity;

    /** A new delivery of this line: so many units expected on a day. */
    InboundShipment delivery(long supplierId, int units, LocalDate day, Instant now) {
        InboundShipment delivery = new InboundShipment();
        delivery.productId = productId;
        delivery.purchaseOrderLineId = id;
        delivery.supplierId = supplierId;
        delivery.quantity = units;
        delivery.expectedAt = day;
        delivery.status = InboundShipment.Status.OPEN;
        delivery.createdAt = now;
        return delivery;
    }
}
