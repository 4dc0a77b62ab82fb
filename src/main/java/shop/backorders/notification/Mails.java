package shop.backorders.notification;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

import io.quarkus.mailer.MailTemplate.MailTemplateInstance;

/**
 * The shop's mails: one typed Qute template per kind, HTML and plain text, in templates/Mails/. Each is
 * given a {@link Letter}: the notice's facts in the words and formats a customer reads.
 */
final class Mails {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy", Locale.ENGLISH);
    private static final DateTimeFormatter MOMENT = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy, HH:mm z",
            Locale.ENGLISH);

    private Mails() {
    }

    record BackorderCreated(Letter letter) implements MailTemplateInstance {
    }

    record EtaChanged(Letter letter) implements MailTemplateInstance {
    }

    record Allocated(Letter letter) implements MailTemplateInstance {
    }

    record Shipped(Letter letter) implements MailTemplateInstance {
    }

    record Cancelled(Letter letter) implements MailTemplateInstance {
    }

    record EtaConsent(Letter letter) implements MailTemplateInstance {
    }

    record BackInStock(Letter letter) implements MailTemplateInstance {
    }

    /** What a template shows: dates written out, links ready to follow. */
    record Letter(String subject, String product, String sku, Long orderId, Integer quantity, Integer shipped,
            Integer queuePosition, String eta, String etaReason, String previousEta, String promised,
            String consentDeadline, String orderLink, String acceptLink, String cancelLink, String productLink) {
    }

    static MailTemplateInstance template(NotificationKind kind, Letter letter) {
        return switch (kind) {
            case BACKORDER_CREATED -> new BackorderCreated(letter);
            case ETA_CHANGED -> new EtaChanged(letter);
            case ALLOCATED -> new Allocated(letter);
            case SHIPPED -> new Shipped(letter);
            case CANCELLED -> new Cancelled(letter);
            case ETA_CONSENT -> new EtaConsent(letter);
            case BACK_IN_STOCK -> new BackInStock(letter);
        };
    }

    static Letter letter(NotificationKind kind, Notice notice, String baseUrl, ZoneId zone) {
        String eta = day(notice.eta());
        String order = notice.orderId() == null ? null : "order #" + notice.orderId();
        String subject = switch (kind) {
            case BACKORDER_CREATED -> "Backordered: " + notice.quantity() + " × " + notice.productName()
                    + ", expected " + eta + " (" + order + ")";
            case ETA_CHANGED -> "New expected date for " + notice.productName() + ": " + eta + " (" + order + ")";
            case ALLOCATED -> notice.productName() + " is set aside for you and ready to ship (" + order + ")";
            case SHIPPED -> "Shipped: " + notice.shipped() + " × " + notice.productName() + " (" + order + ")";
            case CANCELLED -> "Cancelled: your backorder of " + notice.productName() + " (" + order + ")";
            case ETA_CONSENT -> notice.productName() + " is delayed to " + eta + ": keep your order or cancel? ("
                    + order + ")";
            case BACK_IN_STOCK -> notice.productName() + " can be ordered again";
        };
        String backorder = baseUrl + "/backorders/" + notice.backorderId();
        return new Letter(subject, notice.productName(), notice.sku(), notice.orderId(), notice.quantity(),
                notice.shipped(), notice.queuePosition(), eta, reason(notice.etaSource()), day(notice.previousEta()),
                day(notice.promised()),
                notice.consentDeadline() == null ? null : MOMENT.format(notice.consentDeadline().atZone(zone)),
                baseUrl + "/orders/" + notice.orderId(), backorder + "/accept-new-date?eta=" + notice.eta(),
                backorder + "/cancel",
                baseUrl + "/products/" + notice.sku());
    }

    private static String day(LocalDate date) {
        return date == null ? null : DAY.format(date);
    }

    private static String reason(String etaSource) {
        if (etaSource == null) {
            return null;
        }
        return switch (etaSource) {
            case "INBOUND_SHIPMENT" -> "based on a delivery our supplier has announced";
            case "RELEASE_DATE" -> "the product's release date";
            default -> "based on our supplier's usual delivery time";
        };
    }
}
