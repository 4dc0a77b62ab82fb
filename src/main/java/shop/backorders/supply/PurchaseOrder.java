package shop.backorders.supply;

import java.time.Instant;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/**
 * Units the shop ordered from one supplier. Its lines' deliveries are inbound shipments; its status follows
 * from them ({@link PurchaseOrderStatus#of}).
 */
@Entity
public class PurchaseOrder extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public Long supplierId;
    public Instant createdAt;
    /** When the supplier first answered; null until it does. */
    public Instant answeredAt;
}
