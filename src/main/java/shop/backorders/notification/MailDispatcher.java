package shop.backorders.notification;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.MailTemplate.MailTemplateInstance;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import shop.backorders.notification.NotificationRepository.Claimed;
import shop.backorders.shared.Sequence;
import shop.backorders.shared.ShopClock;

/**
 * Sends what the outbox holds, outside any business transaction. Several instances may run it at once:
 * each claims due rows with FOR UPDATE SKIP LOCKED, so no row is claimed twice, and marks each mail sent
 * once the SMTP server accepted it. A failed attempt is retried with a growing delay (capped), up to a
 * number of attempts, then the row is FAILED for staff to see. A claim lapses after the lease, so mail a
 * stopped instance held is sent by another; every mail carries a Message-ID fixed per row, so the rare
 * resend after a crash between acceptance and marking is recognisable downstream.
 */
@ApplicationScoped
public class MailDispatcher {

    private static final Logger LOG = Logger.getLogger(MailDispatcher.class);
    private static final int BATCH = 20;

    private final NotificationRepository notifications;
    private final ShopClock clock;
    private final String baseUrl;
    private final Optional<String> replyTo;
    private final String messageIdDomain;
    private final int maxAttempts;
    private final Duration firstRetry;
    private final Duration maxRetryInterval;
    private final Duration lease;

    public MailDispatcher(NotificationRepository notifications, ShopClock clock,
            @ConfigProperty(name = "shop.mail.base-url", defaultValue = "http://localhost:8080") String baseUrl,
            @ConfigProperty(name = "shop.mail.reply-to") Optional<String> replyTo,
            @ConfigProperty(name = "quarkus.mailer.from", defaultValue = "backorders@localhost") String from,
            @ConfigProperty(name = "shop.mail.max-attempts", defaultValue = "10") int maxAttempts,
            @ConfigProperty(name = "shop.mail.first-retry", defaultValue = "5s") Duration firstRetry,
            @ConfigProperty(name = "shop.mail.max-retry-interval", defaultValue = "5m") Duration maxRetryInterval,
            @ConfigProperty(name = "shop.mail.lease", defaultValue = "5m") Duration lease) {
        this.notifications = notifications;
        this.clock = clock;
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.replyTo = replyTo;
        this.messageIdDomain = from.substring(from.lastIndexOf('@') + 1).replace(">", "").trim();
        this.maxAttempts = maxAttempts;
        this.firstRetry = firstRetry;
        this.maxRetryInterval = maxRetryInterval;
        this.lease = lease;
    }

    @Scheduled(every = "${shop.mail.dispatch-every:5s}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> dispatchOnSchedule() {
        return dispatchDue().replaceWithVoid().onFailure().recoverWithItem(failure -> {
            LOG.warn("Dispatching mail failed; the next run tries again", failure);
            return null;
        });
    }

    /** Sends every mail due now, batch after batch; returns how many were attempted. */
    public Uni<Integer> dispatchDue() {
        Instant now = clock.now();
        return Panache.withTransaction(() -> notifications.claim(now, now.plus(lease), BATCH))
                .chain(batch -> sendAll(batch)
                        .chain(() -> batch.size() < BATCH ? Uni.createFrom().item(batch.size())
                                : dispatchDue().map(more -> batch.size() + more)));
    }

    /** Sends a batch one mail after another; an outage is one line in the log per batch, not one per mail. */
    private Uni<Void> sendAll(List<Claimed> batch) {
        List<String> failures = new ArrayList<>();
        return Sequence.forEach(batch, mail -> send(mail).invoke(failure -> {
            if (failure != null) {
                failures.add(failure);
            }
        })).invoke(() -> {
            if (!failures.isEmpty()) {
                LOG.warnf("%d of %d mails could not be sent and will be retried (or given up after %d attempts): %s",
                        failures.size(), batch.size(), maxAttempts, failures.get(failures.size() - 1));
            }
        });
    }

    /** Sends one mail and records the outcome; the failure's description, or null once it is sent. */
    private Uni<String> send(Claimed mail) {
        Mails.Letter letter = Mails.letter(mail.kind(), mail.notice(), baseUrl, clock.zone());
        Mail base = new Mail().addHeader("Message-ID", "<notification-" + mail.id() + "@" + messageIdDomain + ">");
        replyTo.ifPresent(base::setReplyTo);
        MailTemplateInstance template = Mails.template(mail.kind(), letter).mail(base).to(mail.recipient())
                .subject(letter.subject());
        return template.send()
                .onItemOrFailure().transformToUni((sent, failure) -> {
                    if (failure == null) {
                        return Panache.withTransaction(() -> notifications.markSent(mail.id(), clock.now()))
                                .replaceWith((String) null);
                    }
                    String error = describe(failure);
                    return Panache.withTransaction(() -> notifications.markFailed(mail.id(), retryAt(mail, error),
                            error)).replaceWith(error);
                });
    }

    /** When to try again: the delay doubles from the first retry on, capped; null to give up. */
    private Instant retryAt(Claimed mail, String error) {
        if (mail.attempts() >= maxAttempts) {
            LOG.errorf("Giving up on mail %d (%s to %s) after %d attempts: %s", mail.id(), mail.kind(),
                    mail.recipient(), mail.attempts(), error);
            return null;
        }
        Duration delay = firstRetry.multipliedBy(1L << Math.min(mail.attempts() - 1, 20));
        return clock.now().plus(delay.compareTo(maxRetryInterval) > 0 ? maxRetryInterval : delay);
    }

    private static String describe(Throwable failure) {
        String text = failure.getClass().getSimpleName() + ": " + failure.getMessage();
        return text.length() > 500 ? text.substring(0, 500) : text;
    }
}
