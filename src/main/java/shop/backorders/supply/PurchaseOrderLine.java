package shop.backorders.supply;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

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
}
