package shop.backorders.notification;

import java.time.Instant;

/** One outbox row: a mail to send, or sent, with how its delivery went. */
public record Notification(long id, NotificationKind kind, String recipient, Long backorderId,
        NotificationStatus status, int attempts, Instant dueAt, String lastError, Instant createdAt, Instant sentAt,
        Notice notice) {
}
