package shop.backorders.api.view;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

import shop.backorders.catalog.StockVisibility;
import shop.backorders.ordering.Quote;
import shop.backorders.ordering.QuoteChanged;
import shop.backorders.shared.ShopException;

@Name("Quote")
@Description("What an order of these lines would get if placed now, line by line, and a token that holds the shop"
        + " to it: an order placed with the token (PlaceOrderInput.quoteToken) before expiresAt gets at least as many"
        + " units now and no unit later than quoted, or is refused QUOTE_CHANGED with the fresh quote. Nothing is"
        + " reserved.")
public record QuoteView(
        @NonNull @Description("One per product, lines of one SKU merged, in the order asked.")
        List<@NonNull AvailabilityView> lines,
        @NonNull @Description("Pass it as PlaceOrderInput.quoteToken with the same lines. Opaque.") String token,
        @NonNull @Description("Until when the token holds.") Instant expiresAt) {

    /** The quote, its counts shown as the catalogue shows them to the caller. */
    public static QuoteView from(Quote quote, StockVisibility visibility) {
        return new QuoteView(quote.lines().stream().map(line -> AvailabilityView.from(line, visibility)).toList(),
                quote.token(), quote.expiresAt());
    }

    /**
     * An order refused QUOTE_CHANGED, with the fresh quote as the caller may see it: the JSON of the error's
     * {@code extensions.quote}, every field as the type has it.
     */
    public static final class Changed extends ShopException {

        private final transient Map<String, Object> quote;

        public Changed(QuoteChanged refusal, StockVisibility visibility) {
            super(refusal.code(), refusal.getMessage());
            QuoteView fresh = from(refusal.fresh(), visibility);
            this.quote = Map.of("lines", fresh.lines().stream().map(QuoteView::line).toList(),
                    "token", fresh.token(), "expiresAt", fresh.expiresAt().toString());
        }

        public Map<String, Object> quote() {
            return quote;
        }
    }

    private static Map<String, Object> line(AvailabilityView line) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("sku", line.sku());
        fields.put("quantity", line.quantity());
        fields.put("status", line.status().name());
        fields.put("orderable", line.orderable());
        fields.put("allocated", line.allocated());
        fields.put("backordered", line.backordered());
        fields.put("eta", line.eta() == null ? null : line.eta().toString());
        fields.put("etaLatest", line.etaLatest() == null ? null : line.etaLatest().toString());
        fields.put("deliveries", line.deliveries().stream().map(part -> {
            Map<String, Object> delivery = new LinkedHashMap<>();
            delivery.put("quantity", part.quantity());
            delivery.put("date", part.date().toString());
            delivery.put("source", part.source().name());
            delivery.put("latest", part.latest() == null ? null : part.latest().toString());
            return delivery;
        }).toList());
        fields.put("reason", line.reason());
        return fields;
    }
}
