package shop.backorders.inventory;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.MapsId;
import jakarta.persistence.OneToOne;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import shop.backorders.catalog.Product;

/**
 * A product's units: on hand in the warehouse, of which some are allocated (reserved for order lines),
 * and the units customers wait for. Read through this entity; changed only by {@link StockLedger} and
 * {@link QueueFill}.
 */
@Entity
public class Stock extends PanacheEntityBase {

    @Id
    public Long productId;

    @MapsId
    @OneToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "product_id")
    public Product product;

    public int onHand;
    public int allocated;
    public int backordered;

    /** Raised by every committed change to the product's stock or queue (see V2): which change a read reflects. */
    @Column(insertable = false, updatable = false)
    public long version;
}
