package shop.backorders.inventory;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import shop.backorders.catalog.BackorderPolicy;
import shop.backorders.shared.Columns;
import shop.backorders.shared.ErrorCode;
import shop.backorders.shared.ShopException;
import shop.backorders.shared.Sql;

/**
 * Locks and reads products' stock rows with the terms that govern them ({@link LockedStock}). Every path
 * that changes stock locks its rows here first, so the one lock order lives in one place; callers that
 * only look read the same rows without a lock.
 */
@ApplicationScoped
public class StockLocks {

    /**
     * Products' stock rows with the terms that govern them (see {@link LockedStock}), as seen without a lock:
     * those whose {@code %s} (product id or SKU) is one of {@code :selected}.
     */
    private static final String STOCK_ROWS = """
            SELECT s.product_id, p.sku, s.on_hand, s.allocated, s.backordered,
                   p.backorder_policy, p.backorder_limit, p.release_date, p.released, p.lead_time_days
            FROM stock s JOIN product p ON p.id = s.product_id
            WHERE %s = ANY(:selected)
            ORDER BY s.product_id""";

    /** Locks one product's stock row, found by SKU. */
    public Uni<LockedStock> lock(String sku) {
        return lockSkus(List.of(sku)).map(locked -> locked.values().iterator().next());
    }

    /**
     * Locks the stock rows of the products with these SKUs, as {@link #lock(Collection)} does;
     * UNKNOWN_PRODUCT if a SKU names none.
     */
    public Uni<Map<Long, LockedStock>> lockSkus(Collection<String> skus) {
        return lockWith("lock_stock_by_sku", skus.toArray(String[]::new)).map(locked -> {
            requireEvery(skus, locked.values());
            return locked;
        });
    }

    private static void requireEvery(Collection<String> skus, Collection<LockedStock> found) {
        Set<String> foundSkus = found.stream().map(LockedStock::sku).collect(Collectors.toSet());
        skus.stream().filter(sku -> !foundSkus.contains(sku)).findFirst().ifPresent(sku -> {
            throw unknownProduct(sku);
        });
    }

    public static ShopException unknownProduct(String sku) {
        return new ShopException(ErrorCode.UNKNOWN_PRODUCT, "No product with SKU " + sku);
    }

    /**
     * Locks the stock rows of these products in product id order (the one global lock order every
     * path uses, so concurrent paths cannot deadlock), and reads them as they are once locked.
     */
    public Uni<Map<Long, LockedStock>> lock(Collection<Long> productIds) {
        return lockWith("lock_stock", productIds.toArray(Long[]::new));
    }

    /**
     * One statement locks and reads, through a function of migration V8 (why it locks the product row too,
     * and why a function: there).
     */
    private static Uni<Map<Long, LockedStock>> lockWith(String function, Object[] selected) {
        return Sql.rows("SELECT * FROM " + function + "(:selected)", Map.of("selected", selected))
                .map(rows -> {
                    Map<Long, LockedStock> locked = new LinkedHashMap<>();
                    rows.forEach(row -> {
                        LockedStock stock = lockedStock(row);
                        locked.put(stock.productId(), stock);
                    });
                    return locked;
                });
    }

    private static LockedStock lockedStock(Object[] row) {
        return new LockedStock(((Number) row[0]).longValue(), (String) row[1], ((Number) row[2]).intValue(),
                ((Number) row[3]).intValue(), ((Number) row[4]).intValue(), BackorderPolicy.valueOf((String) row[5]),
                row[6] == null ? null : ((Number) row[6]).intValue(), Columns.localDate(row[7]), (Boolean) row[8],
                ((Number) row[9]).intValue());
    }

    /**
     * The stock rows of these products as this transaction sees them, with their policies: a moment's view
     * for callers that hold no lock on them.
     */
    public Uni<List<LockedStock>> read(Collection<Long> productIds) {
        return Sql.rows(STOCK_ROWS.formatted("s.product_id"), Map.of("selected", productIds.toArray(Long[]::new)))
                .map(rows -> rows.stream().map(StockLocks::lockedStock).toList());
    }

    /** As {@link #read}, of the products with these SKUs; UNKNOWN_PRODUCT if a SKU names none. */
    public Uni<List<LockedStock>> readSkus(Collection<String> skus) {
        return Sql.rows(STOCK_ROWS.formatted("p.sku"), Map.of("selected", skus.toArray(String[]::new)))
                .map(rows -> {
                    List<LockedStock> found = rows.stream().map(StockLocks::lockedStock).toList();
                    requireEvery(skus, found);
                    return found;
                });
    }
}
