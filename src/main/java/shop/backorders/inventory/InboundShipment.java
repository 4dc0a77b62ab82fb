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
 * estimates, until all of it has arrived (RECEIVED) or it is called off (CANCELLED).
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
}
