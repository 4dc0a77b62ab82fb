package shop.backorders.inventory;

import java.math.BigDecimal;
import java.time.LocalDate;

import shop.backorders.catalog.BackorderPolicy;
import shop.backorders.catalog.Product;

/**
 * A product with its stock as they stood at one moment, the stock's version then: what queries answer and
 * events carry.
 */
public record StockedProduct(long id, String sku, String name, BigDecimal price, BackorderPolicy backorderPolicy,
        Integer backorderLimit, LocalDate releaseDate, int leadTimeDays, int onHand, int allocated,
        int backordered, long version) {

    public int available() {
        return onHand - allocated;
    }

    static StockedProduct of(Stock stock) {
        Product product = stock.product;
        return new StockedProduct(product.id, product.sku, product.name, product.price, product.backorderPolicy,
                product.backorderLimit, product.releaseDate, product.leadTimeDays, stock.onHand, stock.allocated,
                stock.backordered, stock.version);
    }
}
