package shop.backorders.api;

import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;

import io.smallrye.mutiny.Uni;
import shop.backorders.notification.NotificationService;

@GraphQLApi
@SessionPerField
public class NotificationApi {

    private final NotificationService notifications;

    public NotificationApi(NotificationService notifications) {
        this.notifications = notifications;
    }

    @Query
    @NonNull
    @Description("Mails to customers, newest first, optionally only those in one state (e.g. FAILED).")
    public Uni<Connections.Notifications> notifications(
            @Description("Only those in this state.") @Name("status") NotificationView.NotificationStatus status,
            @DefaultValue("20") @Description("Page size, 1-100.") @Name("first") int first,
            @Description("Cursor to continue after (`pageInfo.endCursor`).") @Name("after") String after) {
        long before = after == null ? Long.MAX_VALUE : Cursors.decode(after);
        return notifications.list(Enums.map(status, shop.backorders.notification.NotificationStatus.class), before,
                first).map(page -> {
                    var edges = page.items().stream()
                            .map(mail -> new Connections.NotificationEdge(Cursors.encode(mail.id()),
                                    NotificationView.from(mail)))
                            .toList();
                    return new Connections.Notifications(edges, Connections.pageInfo(
                            edges.stream().map(Connections.NotificationEdge::cursor).toList(), page.hasNext()));
                });
    }

    @Mutation
    @NonNull
    @Description("Puts a FAILED mail back in line with fresh attempts. Errors: NOT_FOUND, INVALID_STATE (not FAILED).")
    public Uni<NotificationView> retryNotification(@NonNull @Id @Description("Its id.") @Name("id") String id) {
        return notifications.retry(Ids.parse("Notification", id)).map(NotificationView::from);
    }

    @Mutation
    @NonNull
    @Description("Asks for one mail when the product can be ordered again (at once, if it already can). Asking"
            + " twice is one request. Returns false if this address was already waiting."
            + " Errors: UNKNOWN_PRODUCT, INVALID_INPUT.")
    public Uni<Boolean> notifyWhenAvailable(@NonNull @Description("SKU of the product.") @Name("sku") String sku,
            @NonNull @Description("Where to write.") @Name("email") String email) {
        return notifications.notifyWhenAvailable(sku, email);
    }

    @Mutation
    @NonNull
    @Description("Withdraws a request made with notifyWhenAvailable. Returns false if there was none open."
            + " Errors: UNKNOWN_PRODUCT, INVALID_INPUT.")
    public Uni<Boolean> stopNotifyWhenAvailable(@NonNull @Description("SKU of the product.") @Name("sku") String sku,
            @NonNull @Description("The address that asked.") @Name("email") String email) {
        return notifications.stopNotifyingWhenAvailable(sku, email);
    }
}
