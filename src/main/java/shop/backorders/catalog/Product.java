package shop.backorders.catalog;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;

@Entity
public class Product extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String sku;
    public String name;
    public BigDecimal price;

    @Enumerated(EnumType.STRING)
    public BackorderPolicy backorderPolicy;

    /** Cap on units waiting in the queue; used by ALLOW_LIMITED only. */
    public Integer backorderLimit;

    public LocalDate releaseDate;

    /** True once the pre-order queue was filled on the release date. */
    public boolean released;

    /** Days from ordering to arrival: its supplier's, if it has one. */
    public int leadTimeDays;
    public Instant createdAt;

    /** Who the shop buys it from, or null. */
    public Long supplierId;
    /** The fewest units a purchase order may ask of its supplier. */
    public int minOrderQuantity = 1;
    /** Purchase orders ask for a multiple of this many units (a pack, a carton). */
    public int packMultiple = 1;

}
