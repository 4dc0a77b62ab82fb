package shop.backorders.catalog;

import java.math.BigDecimal;
import java.util.List;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import shop.backorders.changes.Changes;
import shop.backorders.inventory.AllocationRule;
import shop.backorders.shared.ErrorCode;
import shop.backorders.shared.ShopClock;
import shop.backorders.shared.ShopException;
import shop.backorders.shared.Transactions;

@ApplicationScoped
public class CatalogService {

    private static final Pattern SKU = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    private static final int MAX_LEAD_TIME_DAYS = 3650;

    private final ProductRepository products;
    private final AllocationRule allocation;
    private final Transactions transactions;
    private final ShopClock clock;

    public CatalogService(ProductRepository products, AllocationRule allocation, Transactions transactions,
            ShopClock clock) {
        this.products = products;
        this.allocation = allocation;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** Creates a product with its stock row; initial stock is booked as a receipt in the ledger. */
    public Uni<Product> createProduct(NewProduct input) {
        String sku = checkSku(input.sku());
        int initialStock = input.initialStock() == null ? 0 : input.initialStock();
        if (initialStock < 0) {
            throw new ShopException(ErrorCode.INVALID_QUANTITY, "initialStock cannot be negative, got " + initialStock);
        }
        check(newProduct(input));
        return transactions.inTransaction(changes -> {
            // A new entity for each attempt: a retried transaction must not reuse one the failed attempt persisted.
            Product product = newProduct(input);
            return products.findBySku(sku)
                    .invoke(existing -> {
                        if (existing != null) {
                            throw duplicateSku(sku);
                        }
                    })
                    .chain(() -> products.add(product))
                    .chain(() -> allocation.open(product.id, changes))
                    .chain(() -> initialStock == 0 ? Uni.createFrom().voidItem()
                            : allocation.lock(sku, changes)
                                    .chain(stock -> allocation.receive(stock, initialStock, "initial stock", changes))
                                    .replaceWithVoid())
                    .replaceWith(product);
        })
                // Two creations of one SKU can race past the check; the unique key settles it.
                .onFailure(failure -> "product_sku_unique".equals(Transactions.constraint(failure)))
                .transform(failure -> duplicateSku(sku));
    }

    private Product newProduct(NewProduct input) {
        Product product = new Product();
        product.sku = input.sku();
        product.name = input.name();
        product.price = input.price();
        product.backorderPolicy = input.backorderPolicy();
        product.backorderLimit = input.backorderLimit();
        product.releaseDate = input.releaseDate();
        product.leadTimeDays = input.leadTimeDays() == null ? 0 : input.leadTimeDays();
        product.createdAt = clock.now();
        return product;
    }

    /**
     * Changes a product under its stock lock, so no order sees half a change. Waiting backorders keep
     * their place whatever changes; a change that ends a pre-order hold fills them at once.
     */
    public Uni<Product> updateProduct(String sku, ProductChanges update) {
        return transactions.inTransaction(changes -> allocation.lock(sku, changes)
                .chain(locked -> products.findById(locked.productId()))
                .chain(product -> {
                    apply(product, update);
                    check(product);
                    changes.stock(product.id);
                    return Panache.getSession().chain(session -> session.flush())
                            .chain(() -> allocation.lock(List.of(product.id), changes))
                            .chain(locked -> allocation.fillUnlessHeld(locked.get(product.id), changes))
                            .replaceWith(product);
                }));
    }

    public Uni<Product> findBySku(String sku) {
        return products.findBySku(sku);
    }

    private void apply(Product product, ProductChanges update) {
        if (update.name() != null) {
            product.name = update.name();
        }
        if (update.price() != null) {
            product.price = update.price();
        }
        if (update.backorderPolicy() != null) {
            product.backorderPolicy = update.backorderPolicy();
        }
        if (update.backorderLimit() != null) {
            product.backorderLimit = update.backorderLimit();
        }
        if (update.releaseDate() != null) {
            product.releaseDate = update.releaseDate();
        }
        if (update.leadTimeDays() != null) {
            product.leadTimeDays = update.leadTimeDays();
        }
        // A new release date in the future holds the queue again until that day.
        if (product.backorderPolicy == BackorderPolicy.PREORDER && product.releaseDate != null
                && clock.today().isBefore(product.releaseDate)) {
            product.released = false;
        }
    }

    private static String checkSku(String sku) {
        if (sku == null || !SKU.matcher(sku).matches()) {
            throw ShopException.invalidInput("SKU must be 1 to 64 letters, digits, '.', '_' or '-', starting with"
                    + " a letter or digit; got " + sku);
        }
        return sku;
    }

    private static void check(Product product) {
        if (product.name == null || product.name.isBlank() || product.name.length() > 200) {
            throw ShopException.invalidInput("name must be 1 to 200 characters");
        }
        if (product.price == null || product.price.signum() < 0 || product.price.scale() > 2
                || product.price.compareTo(new BigDecimal("9999999999.99")) > 0) {
            throw ShopException.invalidInput("price must be a non-negative amount with at most 2 decimals");
        }
        if (product.backorderPolicy == null) {
            throw ShopException.invalidInput("backorderPolicy is required");
        }
        if (product.backorderLimit != null && product.backorderLimit < 0) {
            throw ShopException.invalidInput("backorderLimit cannot be negative");
        }
        if (product.backorderPolicy == BackorderPolicy.ALLOW_LIMITED && product.backorderLimit == null) {
            throw ShopException.invalidInput("ALLOW_LIMITED needs a backorderLimit");
        }
        if (product.backorderPolicy == BackorderPolicy.PREORDER && product.releaseDate == null) {
            throw ShopException.invalidInput("PREORDER needs a releaseDate");
        }
        if (product.leadTimeDays < 0 || product.leadTimeDays > MAX_LEAD_TIME_DAYS) {
            throw ShopException.invalidInput("leadTimeDays must be between 0 and " + MAX_LEAD_TIME_DAYS);
        }
    }

    private static ShopException duplicateSku(String sku) {
        return new ShopException(ErrorCode.DUPLICATE_SKU, "A product with SKU " + sku + " already exists");
    }
}
