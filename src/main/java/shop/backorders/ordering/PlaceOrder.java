package shop.backorders.ordering;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import shop.backorders.inventory.AllocationPolicy;
import shop.backorders.shared.EmailAddress;
import shop.backorders.shared.ErrorCode;
import shop.backorders.shared.ShopException;

/**
 * A customer's order as asked for; {@link #normalised()} checks it and puts it in the form it is placed in.
 *
 * @param quoteToken the token of the quote the shopper was shown ({@link QuoteTokens}), to be honoured; or null
 */
public record PlaceOrder(String customerEmail, List<Line> lines, Shipping shipping, String idempotencyKey,
        String quoteToken) {

    private static final int MAX_LINES = 100;
    private static final int MAX_QUANTITY = AllocationPolicy.MAX_UNITS;
    private static final int MAX_KEY_LENGTH = 100;

    public record Line(String sku, int quantity) {
    }

    PlaceOrder forCustomer(String email) {
        return new PlaceOrder(email, lines, shipping, idempotencyKey, quoteToken);
    }

    /**
     * The order checked (INVALID_INPUT or INVALID_QUANTITY naming what is wrong), its address in normal form,
     * its shipping defaulted, and lines of one SKU merged, so each product is locked and allocated once.
     */
    PlaceOrder normalised() {
        String email = EmailAddress.checked("customerEmail", customerEmail);
        List<Line> merged = merged(lines);
        if (idempotencyKey != null && (idempotencyKey.isBlank() || idempotencyKey.length() > MAX_KEY_LENGTH)) {
            throw ShopException.invalidInput("idempotencyKey must be 1 to " + MAX_KEY_LENGTH + " characters");
        }
        return new PlaceOrder(email, merged, shipping == null ? Shipping.SHIP_AVAILABLE : shipping, idempotencyKey,
                quoteToken);
    }

    /**
     * The lines checked (INVALID_INPUT or INVALID_QUANTITY naming what is wrong) and those of one SKU merged, so
     * each product is locked and allocated once: as an order takes them, and a quote.
     */
    static List<Line> merged(List<Line> lines) {
        if (lines == null || lines.isEmpty() || lines.size() > MAX_LINES) {
            throw ShopException.invalidInput("An order needs 1 to " + MAX_LINES + " lines");
        }
        Map<String, Integer> quantities = new LinkedHashMap<>();
        for (Line line : lines) {
            if (line.sku() == null || line.sku().isBlank()) {
                throw ShopException.invalidInput("Every line needs a SKU");
            }
            if (line.quantity() < 1 || line.quantity() > MAX_QUANTITY) {
                throw new ShopException(ErrorCode.INVALID_QUANTITY, "Quantity of " + line.sku()
                        + " must be between 1 and " + MAX_QUANTITY + ", got " + line.quantity());
            }
            quantities.merge(line.sku(), line.quantity(), Integer::sum);
        }
        List<Line> merged = new ArrayList<>();
        quantities.forEach((sku, quantity) -> {
            if (quantity > MAX_QUANTITY) {
                throw new ShopException(ErrorCode.INVALID_QUANTITY, "Quantity of " + sku + " must be at most "
                        + MAX_QUANTITY + ", got " + quantity + " over its lines");
            }
            merged.add(new Line(sku, quantity));
        });
        return merged;
    }

    /** The products the order locks, in lock order. */
    List<String> skus() {
        return skus(lines);
    }

    /** The SKUs of these lines, sorted: the order a product's locks are taken in, and a quote's token names. */
    static List<String> skus(List<Line> lines) {
        return lines.stream().map(Line::sku).sorted().toList();
    }

    /**
     * Identifies what a normalised order asks for, so a retry can be told from a different order under the
     * same idempotency key. Not its quote: a retry with a fresh quote's token is the same order.
     */
    String fingerprint() {
        String canonical = customerEmail + "|" + shipping + "|" + lines.stream()
                .sorted(Comparator.comparing(Line::sku))
                .map(line -> line.sku() + "=" + line.quantity())
                .collect(Collectors.joining(","));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }

    /** Whether the other order is under this one's idempotency key: keys are each customer's own. */
    boolean sameKeyAs(PlaceOrder other) {
        return idempotencyKey != null && idempotencyKey.equals(other.idempotencyKey)
                && customerEmail.equals(other.customerEmail);
    }
}
