package shop.backorders.catalog;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.smallrye.mutiny.Uni;
import shop.backorders.shared.Caller;
import shop.backorders.shared.DatabaseErrors;
import shop.backorders.shared.EmailAddress;
import shop.backorders.shared.ErrorCode;
import shop.backorders.shared.ShopClock;
import shop.backorders.shared.ShopConfig;
import shop.backorders.shared.ShopException;

/**
 * The catalogue's rules: what a valid product is, and SKUs unique. It changes no stock: creating or
 * changing a product together with its stock is the inventory's, which calls these in its transactions.
 */
@ApplicationScoped
public class CatalogService {

    private static final Pattern SKU = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
    /** Control characters and line breaks: a name is one line of mail subjects and pages. */
    private static final Pattern LINE_BREAKING = Pattern.compile("[\\p{Cc}\\p{Zl}\\p{Zp}]");
    private static final int MAX_LEAD_TIME_DAYS = 3650;
    /** The most a minimum order quantity or a pack may be (the columns' checks). */
    private static final int MAX_PACK_UNITS = 1_000_000;

    /** The most a price may be: product.price is numeric(12, 2). */
    private static final BigDecimal MAX_PRICE = new BigDecimal("9999999999.99");

    private final ProductRepository products;
    private final SupplierRepository suppliers;
    private final ShopClock clock;
    private final Currency currency;
    private final boolean exactCounts;

    public CatalogService(ProductRepository products, SupplierRepository suppliers, ShopClock clock,
            ShopConfig config) {
        this.products = products;
        this.suppliers = suppliers;
        this.clock = clock;
        this.currency = config.currency();
        this.exactCounts = config.catalogue().exactCounts();
    }

    /** What of the stock this caller is told: staff always the counts, others as the shop decides. */
    public StockVisibility visibilityFor(Caller caller) {
        return exactCounts || caller.isStaff() ? StockVisibility.EXACT_COUNTS : StockVisibility.STATUS_AND_DATES;
    }

    /** A new product as asked for, checked, not yet stored: INVALID_INPUT naming what is wrong. */
    public Product define(NewProduct input) {
        checkSku(input.sku());
        Product product = new Product();
        product.sku = input.sku();
        product.name = input.name();
        product.price = price(input.price());
        product.backorderPolicy = input.backorderPolicy();
        product.backorderLimit = input.backorderLimit();
        product.releaseDate = input.releaseDate();
        product.leadTimeDays = input.leadTimeDays() == null ? 0 : input.leadTimeDays();
        product.createdAt = clock.now();
        check(product);
        return product;
    }

    /**
     * Stores a new product, bought as the input says, in the caller's transaction; DUPLICATE_SKU if its SKU is
     * taken.
     */
    public Uni<Product> add(NewProduct input) {
        Product product = define(input);
        return products.findBySku(product.sku)
                .invoke(existing -> {
                    if (existing != null) {
                        throw duplicateSku(product.sku);
                    }
                })
                .chain(() -> source(product, input.sourcing(), input.leadTimeDays()))
                .chain(products::add);
    }

    /**
     * Two creations of one SKU can race past {@link #add}'s check; the unique key settles it, failing the
     * losing transaction: this turns that failure into DUPLICATE_SKU.
     */
    public static Throwable duplicateSkuRace(Throwable failure, String sku) {
        return "product_sku_unique".equals(DatabaseErrors.constraint(failure)) ? duplicateSku(sku) : failure;
    }

    /** As {@link #duplicateSkuRace}, for suppliers' names: the unique index is the one check, race or not. */
    public static Throwable duplicateSupplierName(Throwable failure, String name) {
        return "supplier_name_unique".equals(DatabaseErrors.constraint(failure))
                ? new ShopException(ErrorCode.DUPLICATE_SUPPLIER, "A supplier named " + name + " already exists")
                : failure;
    }

    /** Applies the changes to a product and checks the result, in the caller's transaction. */
    public Uni<Product> change(Product product, ProductChanges update) {
        apply(product, update);
        check(product);
        return source(product, update.sourcing(), update.leadTimeDays()).call(products::flush);
    }

    /**
     * Applies where the product is bought. A product with a supplier takes the supplier's lead time, read
     * under a share lock so that a concurrent change of that lead time waits for this product to be counted
     * among the supplier's (see InventoryService#updateSupplier); naming a lead time for it as well is
     * INVALID_INPUT, as is a supplier that does not exist.
     */
    private Uni<Product> source(Product product, Sourcing sourcing, Integer leadTimeDays) {
        if (sourcing.minOrderQuantity() != null) {
            product.minOrderQuantity = sourcing.minOrderQuantity();
        }
        if (sourcing.packMultiple() != null) {
            product.packMultiple = sourcing.packMultiple();
        }
        if (product.minOrderQuantity < 1 || product.minOrderQuantity > MAX_PACK_UNITS
                || product.packMultiple < 1 || product.packMultiple > MAX_PACK_UNITS) {
            throw ShopException.invalidInput("minOrderQuantity and packMultiple must be 1 to "
                    + MAX_PACK_UNITS);
        }
        Long supplierId = sourcing.supplierId() != null ? sourcing.supplierId() : product.supplierId;
        if (supplierId == null) {
            return Uni.createFrom().item(product);
        }
        if (leadTimeDays != null) {
            throw ShopException.invalidInput("A product with a supplier takes the supplier's lead time: change it"
                    + " with updateSupplier");
        }
        return suppliers.findById(supplierId, LockModeType.PESSIMISTIC_READ).map(supplier -> {
            if (supplier == null) {
                throw ShopException.invalidInput("No supplier with id " + supplierId);
            }
            product.supplierId = supplier.id;
            product.leadTimeDays = supplier.leadTimeDays;
            return product;
        });
    }

    /** A new supplier as asked for, checked, not yet stored: INVALID_INPUT naming what is wrong. */
    public Supplier defineSupplier(SupplierDetails details) {
        if (details.name() == null || details.email() == null || details.leadTimeDays() == null) {
            throw ShopException.invalidInput("A supplier needs a name, an email and a leadTimeDays");
        }
        Supplier supplier = new Supplier();
        supplier.createdAt = clock.now();
        apply(supplier, details);
        return supplier;
    }

    /** Applies a change to a supplier and checks the result, in the caller's transaction. */
    public void apply(Supplier supplier, SupplierDetails details) {
        if (details.name() != null) {
            supplier.name = checkedName("name", details.name());
        }
        if (details.email() != null) {
            supplier.email = EmailAddress.checked("email", details.email());
        }
        if (details.leadTimeDays() != null) {
            supplier.leadTimeDays = checkedLeadTime(details.leadTimeDays());
        }
    }

    /** Where each of these products is bought, in the order asked; a product that does not exist has none. */
    public Uni<List<ProductSourcing>> sourcing(List<Long> productIds) {
        return products.byIds(productIds).chain(found -> suppliers.byIds(found.stream()
                .map(product -> product.supplierId).filter(Objects::nonNull).distinct().toList())
                .map(known -> {
                    Map<Long, Supplier> supplierById = known.stream()
                            .collect(Collectors.toMap(supplier -> supplier.id, Function.identity()));
                    Map<Long, Product> productById = found.stream()
                            .collect(Collectors.toMap(product -> product.id, Function.identity()));
                    return productIds.stream().map(id -> {
                        Product product = productById.get(id);
                        return product == null ? new ProductSourcing(null, 1, 1)
                                : new ProductSourcing(supplierById.get(product.supplierId), product.minOrderQuantity,
                                        product.packMultiple);
                    }).toList();
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
            product.price = price(update.price());
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

    /**
     * A price as stored, with the 2 decimals of product.price ("19.9" is 19.90): at least 0, at most
     * {@link #MAX_PRICE}, with no more decimals than the shop's currency has ("19.900" is 19.90, "19.901" refused).
     */
    private BigDecimal price(BigDecimal amount) {
        int decimals = currency.getDefaultFractionDigits();
        if (amount == null || amount.signum() < 0 || amount.compareTo(MAX_PRICE) > 0
                || amount.stripTrailingZeros().scale() > decimals) {
            throw ShopException.invalidInput("price must be an amount from 0 to " + MAX_PRICE + " with at most "
                    + decimals + " decimals, as " + currency.getCurrencyCode() + " has; got " + amount);
        }
        return amount.setScale(ShopConfig.CurrencyCode.MAX_DECIMALS);
    }

    private static void checkSku(String sku) {
        if (sku == null || !SKU.matcher(sku).matches()) {
            throw ShopException.invalidInput("SKU must be 1 to 64 letters, digits, '.', '_' or '-', starting with"
                    + " a letter or digit; got " + sku);
        }
    }

    /** A product's or supplier's name: one line of mail subjects and pages, 1 to 200 characters. */
    private static String checkedName(String field, String name) {
        if (name == null || name.isBlank() || name.length() > 200) {
            throw ShopException.invalidInput(field + " must be 1 to 200 characters");
        }
        if (LINE_BREAKING.matcher(name).find()) {
            throw ShopException.invalidInput(field + " must be one line, without control characters");
        }
        return name;
    }

    private static int checkedLeadTime(int days) {
        if (days < 0 || days > MAX_LEAD_TIME_DAYS) {
            throw ShopException.invalidInput("leadTimeDays must be between 0 and " + MAX_LEAD_TIME_DAYS);
        }
        return days;
    }

    private static void check(Product product) {
        checkedName("name", product.name);
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
        checkedLeadTime(product.leadTimeDays);
    }

    private static ShopException duplicateSku(String sku) {
        return new ShopException(ErrorCode.DUPLICATE_SKU, "A product with SKU " + sku + " already exists");
    }
}
