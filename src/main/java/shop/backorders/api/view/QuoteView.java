package shop.backorders.api.view;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

import shop.backorders.ordering.Quote;

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

    public static QuoteView from(Quote quote) {
        return new QuoteView(quote.lines().stream().map(AvailabilityView::from).toList(), quote.token(),
                quote.expiresAt());
    }

    /** The quote as the JSON of a QUOTE_CHANGED error's {@code extensions.quote}: every field, as the type has it. */
    public Map<String, Object> asExtension() {
        return Map.of("lines", lines.stream().map(QuoteView::line).toList(), "token", token,
                "expiresAt", expiresAt.toString());
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
        fields.put("deliveries", line.deliveries().stream().map(part -> Map.of("quantity", part.quantity(),
                "date", part.date().toString(), "source", part.source().name())).toList());
        fields.put("reason", line.reason());
        return fields;
    }
}
