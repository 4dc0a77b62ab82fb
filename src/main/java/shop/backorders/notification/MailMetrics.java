package shop.backorders.notification;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import shop.backorders.shared.Counters;

/**
 * What this instance's dispatcher did with the mail it claimed, by kind of mail, for /q/metrics; each counted
 * once its outcome is recorded in the outbox. What waits in the outbox is sampled from the database instead
 * (insight.ShopGauges).
 */
@ApplicationScoped
@Startup // its meters show, at 0, from the start: Prometheus misses a series' first increment
class MailMetrics {

    private final Map<NotificationKind, Counter> sent;
    private final Map<NotificationKind, Counter> failedAttempts;
    private final Map<NotificationKind, Counter> givenUp;

    MailMetrics(MeterRegistry registry) {
        this.sent = byKind(registry, "shop.mail.sent", "Mails the SMTP server accepted");
        this.failedAttempts = byKind(registry, "shop.mail.attempts.failed",
                "Attempts to send a mail that failed (refused, timed out, not built); retried later or given up");
        this.givenUp = byKind(registry, "shop.mail.given.up",
                "Mails given up after their last attempt failed (FAILED, for staff to send again)");
    }

    private static Map<NotificationKind, Counter> byKind(MeterRegistry registry, String name, String description) {
        return Counters.perValue(registry, name, description, "kind", NotificationKind.class, NotificationKind::name);
    }

    void sent(NotificationKind kind) {
        sent.get(kind).increment();
    }

    void failed(NotificationKind kind, boolean givingUp) {
        failedAttempts.get(kind).increment();
        if (givingUp) {
            givenUp.get(kind).increment();
        }
    }
}
