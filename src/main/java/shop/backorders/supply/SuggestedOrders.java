package shop.backorders.supply;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import shop.backorders.insight.InsightService;
import shop.backorders.insight.ProductOutlook;
import shop.backorders.shared.ShopException;
import shop.backorders.supply.PurchaseOrderService.NewLine;
import shop.backorders.supply.PurchaseOrderService.NewOrder;

/**
 * Turns reorder suggestions into purchase orders: one per supplier, each product at its suggested quantity,
 * expected today plus the supplier's lead time, all sent in one transaction. The suggestions are read just
 * before, as staff would read them; a product with no supplier or nothing to reorder refuses the whole call.
 */
@ApplicationScoped
public class SuggestedOrders {

    private final InsightService insight;
    private final PurchaseOrderService purchaseOrders;

    public SuggestedOrders(InsightService insight, PurchaseOrderService purchaseOrders) {
        this.insight = insight;
        this.purchaseOrders = purchaseOrders;
    }

    public Uni<List<PurchaseOrderState>> create(List<String> skus) {
        Set<String> asked = new LinkedHashSet<>(skus);
        if (asked.isEmpty() || asked.size() > InsightService.MAX_LIST) {
            throw ShopException.invalidInput("Name 1 to " + InsightService.MAX_LIST + " SKUs to order");
        }
        return insight.reorderSuggestions(List.copyOf(asked), null, asked.size()).chain(suggested -> {
            Map<String, ProductOutlook> bySku = suggested.stream()
                    .collect(Collectors.toMap(ProductOutlook::sku, Function.identity()));
            List<String> nothing = asked.stream().filter(sku -> !bySku.containsKey(sku)).toList();
            List<String> unsupplied = asked.stream()
                    .filter(sku -> bySku.containsKey(sku) && bySku.get(sku).supplierId() == null).toList();
            if (!nothing.isEmpty() || !unsupplied.isEmpty()) {
                throw ShopException.invalidInput(refusal(nothing, unsupplied));
            }
            // One order per supplier, suppliers in id order, lines in the order the SKUs were named.
            Map<Long, List<NewLine>> bySupplier = new TreeMap<>();
            asked.forEach(sku -> {
                ProductOutlook product = bySku.get(sku);
                bySupplier.computeIfAbsent(product.supplierId(), supplier -> new ArrayList<>())
                        .add(new NewLine(sku, Math.toIntExact(product.suggestedQuantity()), null));
            });
            return purchaseOrders.createAll(bySupplier.entrySet().stream()
                    .map(supplier -> new NewOrder(supplier.getKey(), supplier.getValue())).toList());
        });
    }

    private static String refusal(List<String> nothing, List<String> unsupplied) {
        StringBuilder message = new StringBuilder("Nothing ordered.");
        if (!nothing.isEmpty()) {
            message.append(" Nothing to reorder (or no such product): ").append(String.join(", ", nothing)).append('.');
        }
        if (!unsupplied.isEmpty()) {
            message.append(" No supplier: ").append(String.join(", ", unsupplied)).append('.');
        }
        return message.toString();
    }
}
