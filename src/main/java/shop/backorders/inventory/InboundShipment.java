package shop.backorders.inventory;

import java.time.Instant;
import java.time.LocalDate;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/** Supply a supplier has promised: so many units of a product, expected on a day. */
@Entity
public class InboundShipment extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public Long productId;
    public int quantity;
    public LocalDate expectedAt;
    public Instant createdAt;
}
