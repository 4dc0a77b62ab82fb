package shop.backorders.catalog;

import java.math.BigDecimal;
import java.util.Currency;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import shop.backorders.shared.Caller;
import shop.backorders.shared.DatabaseErrors;
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

    /** The most a price may be: product.price is numeric(12, 2). */
    private static final BigDecimal MAX_PRICE = new BigDecimal("9999999999.99");

    private final ProductRepository products;
    private final ShopClock clock;
    private final Currency currency;
    private final boolean exactCounts;

    public CatalogService(ProductRepository products, ShopClock clock, ShopConfig config) {
        this.products = products;
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

    /** Stores a new product, in the caller's transaction; DUPLICATE_SKU if its SKU is taken. */
    public Uni<Product> add(Product product) {
        return products.findBySku(product.sku)
                .invoke(existing -> {
                    if (existing != null) {
                        throw duplicateSku(product.sku);
                    }
                })
                .chain(() -> products.add(product));
    }

    /**
     * Two creations of one SKU can race past {@link #add}'s check; the unique key settles it, failing the
     * losing transaction: this turns that failure into DUPLICATE_SKU.
     */
    public static Throwable duplicateSkuRace(Throwable failure, String sku) {
        return "product_sku_unique".equals(DatabaseErrors.constraint(failure)) ? duplicateSku(sku) : failure;
    }

    /** Applies the changes to a product and checks the result, in the caller's transaction. */
    public Uni<Product> change(Product product, ProductChanges update) {
        apply(product, update);
        check(product);
        return products.flush().replaceWith(product);
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

    private static void check(Product product) {
        if (product.name == null || product.name.isBlank() || product.name.length() > 200) {
            throw ShopException.invalidInput("name must be 1 to 200 characters");
        }
        if (LINE_BREAKING.matcher(product.name).find()) {
            throw ShopException.invalidInput("name must be one line, without control characters");
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
