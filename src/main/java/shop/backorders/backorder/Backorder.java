package shop.backorders.backorder;

import java.time.Instant;
import java.time.LocalDate;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import shop.backorders.catalog.Product;

/**
 * The part of an order line that waits for stock, in its product's first-come-first-served queue.
 * Its numbers change only through the allocation rule in the inventory package.
 */
@Entity
public class Backorder extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public Long orderLineId;
    public Long orderId;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "product_id")
    public Product product;

    /** Place in the queue: drawn from a sequence under the product's stock lock, so it orders arrivals. */
    public long fifoKey;

    /** Units that waited when the order was placed. */
    public int quantity;
    /** Units filled into it since, shipped ones included. */
    public int allocated;
    public int shipped;

    @Enumerated(EnumType.STRING)
    public BackorderStatus status;

    /** Placed before the product's release date. */
    public boolean preorder;

    public Instant createdAt;
    public Instant updatedAt;

    /** Kept by {@link BackorderEtas} while it waits; see {@link BackorderEta}. */
    public LocalDate eta;
    @Enumerated(EnumType.STRING)
    public EtaSource etaSource;
    public Long inboundShipmentId;
    public LocalDate promisedEta;
    public Instant consentRequestedAt;
    /** The date the open consent question is about. */
    public LocalDate consentEta;
    public Instant consentDeadline;

    public int waiting() {
        return status == BackorderStatus.WAITING ? quantity - allocated : 0;
    }
}
