package shop.backorders.api.view;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.ToLongFunction;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

import shop.backorders.shared.Page;

/** Relay-style connections: every list in the schema is paged by cursor. */
public final class Connections {

    private Connections() {
    }

    /**
     * A page as its connection: each item's edge, made of its cursor (the item's key, encoded) and the item, and
     * where the page ends.
     */
    public static <T, E, C> C of(Page<T> page, String after, ToLongFunction<T> key, BiFunction<String, T, E> edge,
            BiFunction<List<E>, PageInfo, C> connection) {
        List<String> cursors = page.items().stream().map(item -> Cursors.encode(key.applyAsLong(item))).toList();
        List<E> edges = new ArrayList<>();
        for (int i = 0; i < cursors.size(); i++) {
            edges.add(edge.apply(cursors.get(i), page.items().get(i)));
        }
        return connection.apply(edges, pageInfo(cursors, page.hasNext(), after));
    }

    /** Where a page starts and ends; pages go forward only, so there is something before any `after`. */
    public static PageInfo pageInfo(List<String> cursors, boolean hasNext, String after) {
        return new PageInfo(hasNext, after != null && !after.isEmpty(), cursors.isEmpty() ? null : cursors.get(0),
                cursors.isEmpty() ? null : cursors.get(cursors.size() - 1));
    }

    @Name("ProductConnection")
    @Description("A page of products, in the order they were created.")
    public record Products(
            @NonNull @Description("The products on this page.") List<@NonNull ProductEdge> edges,
            @NonNull @Description("Where this page ends.") PageInfo pageInfo) {
    }

    @Name("ProductEdge")
    @Description("A product and its cursor.")
    public record ProductEdge(
            @NonNull @Description("Pass as `after` to continue after this product.") String cursor,
            @NonNull @Description("The product.") ProductView node) {
    }

    @Name("BackorderConnection")
    @Description("A page of backorders, in queue (first-come-first-served) order.")
    public record Backorders(
            @NonNull @Description("The backorders on this page.") List<@NonNull BackorderEdge> edges,
            @NonNull @Description("Where this page ends.") PageInfo pageInfo) {
    }

    @Name("BackorderEdge")
    @Description("A backorder and its cursor.")
    public record BackorderEdge(
            @NonNull @Description("Pass as `after` to continue after this backorder.") String cursor,
            @NonNull @Description("The backorder.") BackorderView node) {
    }

    @Name("NotificationConnection")
    @Description("A page of mails, newest first.")
    public record Notifications(
            @NonNull @Description("The mails on this page.") List<@NonNull NotificationEdge> edges,
            @NonNull @Description("Where this page ends.") PageInfo pageInfo) {
    }

    @Name("NotificationEdge")
    @Description("A mail and its cursor.")
    public record NotificationEdge(
            @NonNull @Description("Pass as `after` to continue with older mails.") String cursor,
            @NonNull @Description("The mail.") NotificationView node) {
    }

    @Name("SupplierConnection")
    @Description("A page of suppliers, in the order they were added.")
    public record Suppliers(
            @NonNull @Description("The suppliers on this page.") List<@NonNull SupplierEdge> edges,
            @NonNull @Description("Where this page ends.") PageInfo pageInfo) {
    }

    @Name("SupplierEdge")
    @Description("A supplier and its cursor.")
    public record SupplierEdge(
            @NonNull @Description("Pass as `after` to continue after this supplier.") String cursor,
            @NonNull @Description("The supplier.") SupplierView node) {
    }

    @Name("PurchaseOrderConnection")
    @Description("A page of purchase orders, newest first.")
    public record PurchaseOrders(
            @NonNull @Description("The purchase orders on this page.") List<@NonNull PurchaseOrderEdge> edges,
            @NonNull @Description("Where this page ends.") PageInfo pageInfo) {
    }

    @Name("PurchaseOrderEdge")
    @Description("A purchase order and its cursor.")
    public record PurchaseOrderEdge(
            @NonNull @Description("Pass as `after` to continue with older purchase orders.") String cursor,
            @NonNull @Description("The purchase order.") PurchaseOrderView node) {
    }
}
