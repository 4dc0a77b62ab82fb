package shop.backorders.api.view;

import java.time.Instant;
import java.time.LocalDate;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

import shop.backorders.notification.Notification;

@Name("Notification")
@Description("A mail in the outbox, to a customer or a supplier: queued in the transaction of the change it tells"
        + " about, sent after it committed.")
public record NotificationView(
        @NonNull @Id @Description("Stable identifier; the mail's Message-ID is derived from it.") String id,
        @NonNull @Description("What it tells.") NotificationKind kind,
        @NonNull @Description("Where it goes.") String recipient,
        @Id @Description("The backorder it is about, if any.") String backorderId,
        @Id @Description("The order it is about, if any.") String orderId,
        @Description("SKU of the product it is about; null for a mail about a purchase order.") String sku,
        @Id @Description("The purchase order it is about, if any.") String purchaseOrderId,
        @Description("The expected date it gives, if any.") LocalDate eta,
        @NonNull @Description("How its delivery stands.") NotificationStatus status,
        @NonNull @Description("Delivery attempts so far.") int attempts,
        @NonNull @Description("When it is next due to be (re)tried, while not SENT or FAILED.") Instant dueAt,
        @Description("Why the last attempt failed.") String lastError,
        @NonNull @Description("When it was queued.") Instant createdAt,
        @Description("When the mail server accepted it.") Instant sentAt) {

    public static NotificationView from(Notification notification) {
        return new NotificationView(Ids.of(notification.id()), Enums.map(notification.kind(), NotificationKind.class),
                notification.recipient(),
                notification.backorderId() == null ? null : Ids.of(notification.backorderId()),
                notification.notice().orderId() == null ? null : Ids.of(notification.notice().orderId()),
                notification.notice().sku(),
                notification.notice().purchaseOrder() == null ? null : Ids.of(notification.notice().purchaseOrder().id()),
                notification.notice().eta(),
                Enums.map(notification.status(), NotificationStatus.class), notification.attempts(),
                notification.dueAt(), notification.lastError(), notification.createdAt(), notification.sentAt());
    }

    @Name("NotificationKind")
    @Description("What a mail tells a customer, or a supplier.")
    public enum NotificationKind {
        @Description("Their backorder is recorded: place in line and expected date.")
        BACKORDER_CREATED,
        @Description("Its expected date moved (changes within a short window make one mail).")
        ETA_CHANGED,
        @Description("Its units are set aside and ready to ship.")
        ALLOCATED,
        @Description("Units of it shipped.")
        SHIPPED,
        @Description("It was cancelled.")
        CANCELLED,
        @Description("Its date slipped past the promise: keep it or cancel?")
        ETA_CONSENT,
        @Description("A product they asked about can be ordered again.")
        BACK_IN_STOCK,
        @Description("To a supplier: a purchase order, with the link to confirm or move its deliveries.")
        PURCHASE_ORDER,
        @Description("To a supplier: a purchase order was called off.")
        PURCHASE_ORDER_CANCELLED
    }

    @Name("NotificationStatus")
    @Description("PENDING → SENDING → SENT; after the last failed attempt, FAILED.")
    public enum NotificationStatus {
        @Description("Waiting to be sent when due (first send, or a retry after a failure).")
        PENDING,
        @Description("Claimed by a dispatcher that is sending it.")
        SENDING,
        @Description("The mail server accepted it.")
        SENT,
        @Description("Every attempt failed; retryNotification puts it back in line.")
        FAILED
    }
}
