package shop.backorders.inventory;

import java.time.Instant;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** One line of the append-only stock ledger; a product's stock is the sum of its movements. */
@Entity
public class StockMovement extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public Long productId;

    @Enumerated(EnumType.STRING)
    public MovementKind kind;

    public int onHandDelta;
    public int allocatedDelta;
    public Long orderLineId;
    public String reason;
    public Instant createdAt;
}
