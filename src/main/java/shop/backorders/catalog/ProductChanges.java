package shop.backorders.catalog;

import java.math.BigDecimal;
import java.time.LocalDate;

/** Changes to a product; a null value leaves that property as it is. */
public record ProductChanges(String name, BigDecimal price, BackorderPolicy backorderPolicy, Integer backorderLimit,
        LocalDate releaseDate, Integer leadTimeDays, Sourcing sourcing) {
}
