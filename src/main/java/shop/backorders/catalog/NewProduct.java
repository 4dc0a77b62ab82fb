package shop.backorders.catalog;

import java.math.BigDecimal;
import java.time.LocalDate;

/** What a new product needs; optional values are null. */
public record NewProduct(String sku, String name, BigDecimal price, BackorderPolicy backorderPolicy,
        Integer backorderLimit, LocalDate releaseDate, Integer leadTimeDays, Integer initialStock, Sourcing sourcing) {
}
