package shop.backorders.catalog;

/** A supplier's name, address and lead time: all required for a new one; on a change, null leaves it as it is. */
public record SupplierDetails(String name, String email, Integer leadTimeDays) {
}
