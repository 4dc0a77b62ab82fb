package shop.backorders.api;

import jakarta.annotation.security.RolesAllowed;

import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;

import io.smallrye.mutiny.Uni;
import shop.backorders.api.transport.SessionPerField;
import shop.backorders.api.trust.Callers;
import shop.backorders.api.trust.RateLimits;
import shop.backorders.api.view.Connections;
import shop.backorders.api.view.Cursors;
import shop.backorders.api.view.Enums;
import shop.backorders.api.view.Ids;
import shop.backorders.api.view.NotificationView;
import shop.backorders.notification.Notification;
import shop.backorders.notification.NotificationService;
import shop.backorders.shared.Caller;

/** The outbox, for staff; back-in-stock alerts, which customers ask for their own address. */
@GraphQLApi
@SessionPerField
@RolesAllowed(Callers.STAFF)
public class NotificationApi {

    private final NotificationService notifications;
    private final Callers callers;
    private final RateLimits limits;

    public NotificationApi(NotificationService notifications, Callers callers, RateLimits limits) {
        this.notifications = notifications;
        this.callers = callers;
        this.limits = limits;
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
                first).map(page -> Connections.of(page, after, Notification::id,
                        (cursor, mail) -> new Connections.NotificationEdge(cursor, NotificationView.from(mail)),
                        Connections.Notifications::new));
    }

    @Mutation
    @NonNull
    @Description("Puts a FAILED mail back in line with fresh attempts. Errors: NOT_FOUND, INVALID_STATE (not FAILED).")
    public Uni<NotificationView> retryNotification(@NonNull @Id @Description("Its id.") @Name("id") String id) {
        return notifications.retry(Ids.parse("Notification", id)).map(NotificationView::from);
    }

    @Mutation
    @NonNull
    @RolesAllowed({ Callers.CUSTOMER, Callers.STAFF })
    @Description("Asks for one mail when the product can be ordered again (at once, if it already can). Asking"
            + " twice is one request. Returns false if this address was already waiting."
            + " Errors: UNKNOWN_PRODUCT, INVALID_INPUT, FORBIDDEN (a customer naming another address), RATE_LIMITED.")
    public Uni<Boolean> notifyWhenAvailable(@NonNull @Description("SKU of the product.") @Name("sku") String sku,
            @Description("Where to write: a customer's own address (the default for customers); staff name one.")
            @Name("email") String email) {
        Caller caller = callers.current();
        return limits.take(RateLimits.Kind.MAIL, caller)
                .chain(() -> notifications.notifyWhenAvailable(sku, email, caller));
    }

    @Mutation
    @NonNull
    @RolesAllowed({ Callers.CUSTOMER, Callers.STAFF })
    @Description("Withdraws a request made with notifyWhenAvailable. Returns false if there was none open."
            + " Errors: UNKNOWN_PRODUCT, INVALID_INPUT, FORBIDDEN (a customer naming another address).")
    public Uni<Boolean> stopNotifyWhenAvailable(@NonNull @Description("SKU of the product.") @Name("sku") String sku,
            @Description("The address that asked: a customer's own (the default for customers); staff name one.")
            @Name("email") String email) {
        return notifications.stopNotifyingWhenAvailable(sku, email, callers.current());
    }
}
