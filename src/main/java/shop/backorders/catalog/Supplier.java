package shop.backorders.catalog;

import java.time.Instant;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

/**
 * Who the shop buys a product from: where its purchase orders go, and the lead time its products' estimates
 * fall back on. Products name it ({@link Product#supplierId}); purchasing is the supply room's.
 */
@Entity
public class Supplier extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String name;
    /** Where purchase orders are mailed, in normal form; a token of role supplier with it reaches its orders. */
    public String email;
    public int leadTimeDays;
    public Instant createdAt;
}
