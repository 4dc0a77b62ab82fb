package shop.backorders.inventory;

import java.time.Instant;
import java.time.LocalDate;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/**
 * Supply a supplier has promised: so many units of a product, expected on a day. It stays OPEN, feeding
 * estimates, until all of it has arrived (RECEIVED) or it is called off (CANCELLED). A delivery of a purchase
 * order line names its line and supplier, and keeps the first date the supplier confirmed beside the current
 * one: the promise it is measured by.
 */
@Entity
public class InboundShipment extends PanacheEntityBase {

    public enum Status {
        OPEN,
        RECEIVED,
        CANCELLED
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public Long productId;
    /** Units still expected. */
    public int quantity;
    /** Units that have arrived from it so far. */
    public int received;
    public LocalDate expectedAt;
    @Enumerated(EnumType.STRING)
    public Status status;
    public Instant createdAt;

    /** The purchase order line it delivers, or null for supply recorded by hand. */
    public Long purchaseOrderLineId;
    public Long supplierId;
    /** The day the shop asked for, on the purchase order; null for a delivery the supplier added. */
    public LocalDate requestedAt;
    /** The first day the supplier confirmed, null until it answers. */
    public LocalDate firstConfirmedAt;
    /** How often its expected day moved once it was on a purchase order. */
    public int dateMoves;
    /** The shop's day units of it last arrived. */
    public LocalDate receivedOn;

    /** Moves it to another day, counted on a purchase order's delivery. */
    public void expectOn(LocalDate day) {
        if (purchaseOrderLineId != null && expectedAt != null && !expectedAt.equals(day)) {
            dateMoves++;
        }
        expectedAt = day;
    }
}
