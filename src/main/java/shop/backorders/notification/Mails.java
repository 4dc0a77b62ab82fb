package shop.backorders.notification;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

import io.quarkus.mailer.Mail;
import io.quarkus.mailer.MailTemplate.MailTemplateInstance;
import shop.backorders.backorder.ActionLinks;
import shop.backorders.backorder.BackorderEta;
import shop.backorders.backorder.BackorderState;
import shop.backorders.backorder.EtaSource;
import shop.backorders.supply.PurchaseOrderLinks;

/**
 * The shop's mails: one typed Qute template per kind, HTML and plain text, in templates/Mails/. Each is
 * given a {@link Letter}: the notice's facts in the words and formats a customer reads.
 */
final class Mails {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy", Locale.ENGLISH);
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.ENGLISH);
    private static final DateTimeFormatter DAY_AND_MONTH = DateTimeFormatter.ofPattern("d MMMM", Locale.ENGLISH);
    private static final DateTimeFormatter DAY_OF_MONTH = DateTimeFormatter.ofPattern("d", Locale.ENGLISH);
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

    record PurchaseOrder(SupplierLetter letter) implements MailTemplateInstance {
    }

    record PurchaseOrderCancelled(SupplierLetter letter) implements MailTemplateInstance {
    }

    /**
     * What a purchase order's mail shows the supplier: each line's day written out, and the link to answer it
     * (null once it is called off).
     */
    record SupplierLetter(String subject, String supplierName, long orderId, List<SupplierLine> lines,
            String answerLink) {
    }

    record SupplierLine(int position, String sku, String product, int quantity, String expectedAt) {
    }

    /** Where links in mails lead and how they are signed. */
    record Links(String baseUrl, String serviceUrl, ActionLinks backorders, PurchaseOrderLinks purchaseOrders) {
    }

    /** The mail a notice makes, on this base (its headers), with its subject. */
    static MailTemplateInstance compose(NotificationKind kind, Notice notice, Mail base, Links links, ZoneId zone,
            boolean silenceCancels) {
        if (kind == NotificationKind.PURCHASE_ORDER || kind == NotificationKind.PURCHASE_ORDER_CANCELLED) {
            SupplierLetter letter = supplierLetter(kind, notice.purchaseOrder(), links);
            MailTemplateInstance template = kind == NotificationKind.PURCHASE_ORDER ? new PurchaseOrder(letter)
                    : new PurchaseOrderCancelled(letter);
            return template.mail(base).subject(letter.subject());
        }
        Letter letter = letter(kind, notice, links.baseUrl(), zone, silenceCancels, links.backorders());
        return template(kind, letter).mail(base).subject(letter.subject());
    }

    /**
     * The supplier answers by the page at the link, which needs no account: the token in it reaches this order
     * alone (PurchaseOrderLinks), for as long as the shop lets such links work.
     */
    static SupplierLetter supplierLetter(NotificationKind kind, Notice.PurchaseOrderSent order, Links links) {
        boolean sent = kind == NotificationKind.PURCHASE_ORDER;
        return new SupplierLetter("Purchase order #" + order.id() + (sent ? ": please confirm the delivery dates"
                : " is cancelled"), order.supplierName(), order.id(), order.lines().stream()
                        .map(line -> new SupplierLine(line.position(), line.sku(), line.productName(), line.quantity(),
                                day(line.expectedAt())))
                        .toList(),
                sent ? links.serviceUrl() + "/supplier/purchase-orders/" + order.id() + "?token="
                        + links.purchaseOrders().sign(order.id(), order.supplierId()) : null);
    }

    /**
     * What a template shows: dates written out, links ready to follow, numbers as the customer reads them.
     * Order links are null for mails about no order (back in stock), the position for a backorder no
     * longer waiting.
     *
     * @param remaining  units of the backorder not shipped yet
     * @param expected   when it is expected, to follow "expected": on its day, or between two days ({@link #expected})
     * @param whenSilent what happens if the customer does not answer a consent question in time
     */
    record Letter(String subject, String product, String sku, Long orderId, int quantity, int shipped,
            int remaining, boolean preorder, Integer queuePosition, String expected, String etaReason,
            String previousEta, String promised, String consentDeadline, String whenSilent, String orderLink,
            String acceptLink, String cancelLink, String productLink) {
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
            case PURCHASE_ORDER, PURCHASE_ORDER_CANCELLED -> throw new IllegalArgumentException(
                    "A purchase order's mail is a supplier's");
        };
    }

    static Letter letter(NotificationKind kind, Notice notice, String baseUrl, ZoneId zone, boolean silenceCancels,
            ActionLinks links) {
        String product = notice.productName();
        String productLink = baseUrl + "/products/" + notice.sku();
        BackorderState backorder = notice.backorder();
        if (backorder == null) {
            return new Letter(product + " can be ordered again", product, notice.sku(), null, 0, 0, 0, false, null,
                    null, null, null, null, null, null, null, null, null, productLink);
        }
        BackorderEta estimate = backorder.eta();
        String eta = day(notice.eta());
        String expected = estimate == null ? null : expected(estimate.date(), estimate.latest());
        String order = "(order #" + backorder.orderId() + ")";
        String subject = switch (kind) {
            case BACKORDER_CREATED -> (backorder.preorder() ? "Pre-ordered: " : "Backordered: ")
                    + backorder.quantity() + " × " + product + ", expected " + expected + " " + order;
            case ETA_CHANGED -> "New expected date for " + product + ": " + eta + " " + order;
            case ALLOCATED -> product + " is set aside for you and ready to ship " + order;
            case SHIPPED -> (backorder.shipped() < backorder.quantity()
                    ? "Partly shipped: " + backorder.shipped() + " of " + backorder.quantity()
                    : "Shipped: " + backorder.quantity()) + " × " + product + " " + order;
            case CANCELLED -> "Cancelled: your backorder of " + product + " " + order;
            case ETA_CONSENT -> product + " is delayed to " + eta + ": keep your order or cancel? " + order;
            case BACK_IN_STOCK, PURCHASE_ORDER, PURCHASE_ORDER_CANCELLED -> throw new IllegalArgumentException(
                    kind + " is about no backorder");
        };
        // Answers without signing in: the storefront shows what the link does and redeems its token. Both
        // links answer this one question, named by its deadline: once it is answered, neither acts.
        Instant question = kind == NotificationKind.ETA_CONSENT && estimate != null ? estimate.consentDeadline() : null;
        String page = baseUrl + "/backorders/" + backorder.id();
        return new Letter(subject, product, notice.sku(), backorder.orderId(), backorder.quantity(),
                backorder.shipped(), backorder.quantity() - backorder.shipped(), backorder.preorder(),
                backorder.queuePosition(), expected, estimate == null ? null : reason(estimate.source()),
                day(notice.previousEta()), estimate == null ? null : day(estimate.promised()),
                estimate == null || estimate.consentDeadline() == null ? null
                        : MOMENT.format(estimate.consentDeadline().atZone(zone)),
                silenceCancels ? "we will cancel your backorder" : "we will keep your backorder for the new date",
                baseUrl + "/orders/" + backorder.orderId(),
                question == null ? null : page + "/accept-new-date?token="
                        + links.sign(backorder.id(), ActionLinks.Action.ACCEPT_NEW_DATE, estimate.date(), question),
                question == null ? null : page + "/cancel?token="
                        + links.sign(backorder.id(), ActionLinks.Action.CANCEL, null, question),
                productLink);
    }

    private static String day(LocalDate date) {
        return date == null ? null : DAY.format(date);
    }

    /**
     * When an estimate expects its units, to follow "expected": "on Tuesday 12 May 2026", or "between 12 and 19 May
     * 2026" where the supplier's record makes the latest day later than the date. Every template says it so.
     */
    static String expected(LocalDate date, LocalDate latest) {
        if (latest == null || !latest.isAfter(date)) {
            return "on " + day(date);
        }
        DateTimeFormatter from = date.getYear() != latest.getYear() ? DATE
                : date.getMonth() != latest.getMonth() ? DAY_AND_MONTH : DAY_OF_MONTH;
        return "between " + from.format(date) + " and " + DATE.format(latest);
    }

    private static String reason(EtaSource source) {
        return switch (source) {
            case INBOUND_SHIPMENT -> "based on a delivery our supplier has announced";
            case RELEASE_DATE -> "the product's release date";
            case LEAD_TIME -> "based on our supplier's usual delivery time";
        };
    }
}
