package shop.backorders.catalog;

/** Where a product is bought as it stands: its supplier (null if none) and how the supplier sells it. */
public record ProductSourcing(Supplier supplier, int minOrderQuantity, int packMultiple) {
}
