package shop.backorders.catalog;

/**
 * Where a product is bought: its supplier and how the supplier sells it. A null value leaves that property
 * as it is (on a new product: no supplier, 1 and 1).
 */
public record Sourcing(Long supplierId, Integer minOrderQuantity, Integer packMultiple) {
}
