package shop.backorders.notification;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.MailTemplate.MailTemplateInstance;
import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import shop.backorders.backorder.ActionLinks;
import shop.backorders.supply.PurchaseOrderLinks;
import shop.backorders.notification.MailClaims.Claimed;
import shop.backorders.shared.OwnContext;
import shop.backorders.shared.Sequence;
import shop.backorders.shared.ShopClock;
import shop.backorders.shared.ShopConfig;

/**
 * Sends what the outbox holds, outside any business transaction. Several instances may run it at once:
 * each claims due rows with FOR UPDATE SKIP LOCKED and a lease, so no row is claimed twice, and marks a
 * mail sent once the SMTP server accepted it, only while its claim still holds. A failed attempt is
 * retried with a growing delay (capped), up to a number of attempts, then the row is FAILED for staff to
 * see. Every mail carries a Message-ID fixed per row, so the rare resend (a crash between acceptance and
 * marking, or a server accepting after the send timed out) is recognisable downstream.
 */
@ApplicationScoped
public class MailDispatcher {

    private static final Logger LOG = Logger.getLogger(MailDispatcher.class);
    private static final int BATCH = 20;
    private static final int FAILURES_BEFORE_PAUSE = 3;
    private static final Duration SLOW_CLAIM = Duration.ofMillis(100);
    private static final Duration ANALYSE_AT_MOST_EVERY = Duration.ofMinutes(1);
    /**
     * How long a stopping service waits for the run under way to record its sends: the delay, the requests'
     * drain and this stay within Kubernetes' 30 s grace period. A send still going then keeps its claim until
     * the lease ends, and another replica retries it, as after a crash.
     */
    private static final Duration STOP_WAIT = Duration.ofSeconds(5);

    private final MailClaims claims;
    private final MailSender sender;
    private final MailMetrics metrics;
    private final Mails.Links links;
    private final ShopClock clock;
    private final Optional<String> replyTo;
    private final String messageIdDomain;
    private final int maxAttempts;
    private final Duration firstRetry;
    private final Duration maxRetryInterval;
    private final Duration lease;
    private final Duration sendTimeout;
    private final int sendsAtOnce;
    /** What consent questions tell customers their silence leads to. */
    private final boolean silenceCancels;
    private volatile boolean stopped;
    /** The scheduled run under way, done once it ends (at once while none is). */
    private volatile CompletableFuture<Void> running = CompletableFuture.completedFuture(null);
    /** When this dispatcher last had the outbox table analysed (System.nanoTime), 0 if never. */
    private final AtomicLong analysedAt = new AtomicLong();

    public MailDispatcher(MailClaims claims, MailSender sender, MailMetrics metrics, ActionLinks actionLinks,
            PurchaseOrderLinks purchaseOrderLinks, ShopClock clock, ShopConfig config,
            @ConfigProperty(name = "quarkus.mailer.from") String from) {
        this.claims = claims;
        this.sender = sender;
        this.metrics = metrics;
        this.clock = clock;
        ShopConfig.Mail mail = config.mail();
        this.links = new Mails.Links(withoutTrailingSlash(mail.baseUrl()),
                withoutTrailingSlash(mail.serviceUrl().orElse(mail.baseUrl())), actionLinks, purchaseOrderLinks);
        this.replyTo = mail.replyTo();
        this.messageIdDomain = from.substring(from.lastIndexOf('@') + 1).replace(">", "").trim();
        this.maxAttempts = mail.maxAttempts();
        this.firstRetry = mail.firstRetry();
        this.maxRetryInterval = mail.maxRetryInterval();
        this.lease = mail.lease();
        this.sendTimeout = mail.sendTimeout();
        this.sendsAtOnce = mail.sendsAtOnce();
        this.silenceCancels = config.eta().consentDefault() == ShopConfig.Eta.WhenSilent.CANCEL;
    }

    /**
     * Every replica runs it: the claims keep replicas from sending one mail twice, so more replicas send more at
     * once, and one stuck on a slow server holds up only its own batch. None starts once the service stops.
     */
    @Scheduled(every = "${shop.mail.dispatch-every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> dispatchOnSchedule() {
        if (stopped) {
            return Uni.createFrom().voidItem();
        }
        CompletableFuture<Void> run = new CompletableFuture<>();
        running = run;
        return dispatchDue().replaceWithVoid().onFailure().recoverWithItem(failure -> {
            LOG.warn("Dispatching mail failed; the next run tries again", failure);
            return null;
        }).onTermination().invoke(() -> run.complete(null));
    }

    /** Sends every mail due now, batch after batch; returns how many were attempted. */
    public Uni<Integer> dispatchDue() {
        Instant now = clock.now();
        Instant leaseEnds = now.plus(lease);
        long started = System.nanoTime();
        return Panache.withTransaction(() -> claims.claim(now, leaseEnds, BATCH))
                .call(batch -> batch.size() == BATCH && System.nanoTime() - started > SLOW_CLAIM.toNanos()
                        ? refreshStatistics() : Uni.createFrom().voidItem())
                .chain(batch -> sendAll(batch, leaseEnds)
                        // A batch not all tried (the server paused us, or shutdown) ends the run.
                        .chain(attempted -> attempted < BATCH || stopped ? Uni.createFrom().item(attempted)
                                : dispatchDue().map(more -> attempted + more)));
    }

    /**
     * After a burst of queued mail (a restock filling 100,000 backorders) the planner still believes almost
     * nothing is pending until autovacuum analyses the table, up to a minute later, and sorts the whole
     * backlog for every claim: 825 ms a claim with 200,000 pending, 0.5 ms once analysed (measured). A
     * slow claim of a full batch has the table analysed at once, at most once a minute.
     */
    private Uni<Void> refreshStatistics() {
        long now = System.nanoTime();
        long last = analysedAt.get();
        if (last != 0 && now - last < ANALYSE_AT_MOST_EVERY.toNanos() || !analysedAt.compareAndSet(last, now)) {
            return Uni.createFrom().voidItem();
        }
        return Panache.withTransaction(claims::analyse).replaceWithVoid()
                .onFailure().recoverWithItem(failure -> {
                    LOG.warnf("Could not analyse the outbox table (%s); autovacuum will", failure.getMessage());
                    return null;
                });
    }

    /**
     * The service begins to stop (quarkus.shutdown.delay-enabled): nothing more is claimed, and the run under way
     * sends what it started and gives back the rest while requests drain. Other replicas send what is left.
     */
    void stopClaiming(@Observes ShutdownDelayInitiatedEvent stopping) {
        stopped = true;
    }

    /**
     * Before the database pool closes, the run under way records what it sent and gives back what it did not
     * start, so that no mail stays claimed by a replica that is gone until its lease ends.
     */
    void stop(@Observes ShutdownEvent stopping) {
        stopped = true;
        try {
            running.get(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            LOG.warnf("Mail still being sent after %s; its claims lapse after %s and another replica retries it",
                    STOP_WAIT, lease);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException impossible) {
            throw new IllegalStateException(impossible); // the run recovers its failures
        }
    }

    /**
     * Sends a batch; returns how many were attempted. One mail at a time until one is sent, then up to
     * {@code sendsAtOnce} at a time: one backorder's mails one after another, in their order, each backorder's
     * (or other mail's) sequence on a context, hence a database session, of its own. Mails not started go back in
     * line untried and uncounted, due at the first retry: when the server seems down (several failures in a
     * row) that makes an outage cost a few connection attempts per run rather than one per queued mail, and
     * one line in the log.
     */
    private Uni<Integer> sendAll(List<Claimed> batch, Instant leaseEnds) {
        Map<Object, List<Claimed>> byBackorder = new LinkedHashMap<>();
        for (Claimed mail : batch) {
            Object key = mail.backorderId() != null ? mail.backorderId() : mail; // a mail of its own
            byBackorder.computeIfAbsent(key, ignored -> new ArrayList<>()).add(mail);
        }
        Deque<List<Claimed>> sequences = new ArrayDeque<>(byBackorder.values());
        Tally tally = new Tally();
        return oneAtATimeUntilOneIsSent(sequences, leaseEnds, tally)
                .chain(() -> Multi.createFrom().iterable(sequences)
                        .onItem().transformToUni(mails -> OwnContext.run(() -> sendInOrder(mails, leaseEnds, tally)))
                        .merge(sendsAtOnce)
                        .onItem().ignoreAsUni())
                .chain(() -> tally.untried.isEmpty() ? Uni.createFrom().voidItem()
                        : Panache.withTransaction(() -> claims.release(tally.untried,
                                clock.now().plus(firstRetry))).replaceWithVoid())
                .map(ignored -> {
                    if (!tally.failures.isEmpty()) {
                        LOG.warnf("%d of %d mails could not be sent (%d more put back untried); each is retried, up to"
                                + " %d attempts: %s", tally.failures.size(), batch.size(), tally.untried.size(),
                                maxAttempts, tally.failures.get(tally.failures.size() - 1));
                    }
                    return batch.size() - tally.untried.size();
                });
    }

    /**
     * How a batch went so far. Its sequences run on contexts duplicated from the dispatcher's, all on the one event
     * loop, and the mailer and the database hand their outcomes back there: one thread, no locking.
     */
    private static final class Tally {
        final List<String> failures = new ArrayList<>();
        final List<Claimed> untried = new ArrayList<>();
        int failedInARow;
        boolean anySent;
    }

    /** While the server has not taken a mail of this batch, one at a time: an outage costs a few attempts. */
    private Uni<Void> oneAtATimeUntilOneIsSent(Deque<List<Claimed>> sequences, Instant leaseEnds, Tally tally) {
        if (sequences.isEmpty() || tally.anySent || tally.failedInARow >= FAILURES_BEFORE_PAUSE) {
            return Uni.createFrom().voidItem();
        }
        return sendInOrder(sequences.poll(), leaseEnds, tally)
                .chain(() -> oneAtATimeUntilOneIsSent(sequences, leaseEnds, tally));
    }

    /**
     * Sends one backorder's mails (or one other mail) one after another. Not started: while shutting down,
     * without time to finish within the lease (no two dispatchers ever send one mail at once), when the server
     * seems down, or behind an earlier mail of the sequence that just failed (one backorder's mails go out in order).
     */
    private Uni<Void> sendInOrder(List<Claimed> mails, Instant leaseEnds, Tally tally) {
        boolean[] heldUp = {false};
        return Sequence.forEach(mails, mail -> {
            if (stopped || clock.now().plus(sendTimeout).isAfter(leaseEnds)
                    || tally.failedInARow >= FAILURES_BEFORE_PAUSE || heldUp[0]) {
                tally.untried.add(mail);
                return Uni.createFrom().voidItem();
            }
            return send(mail).invoke(failure -> {
                if (failure == null) {
                    tally.failedInARow = 0;
                    tally.anySent = true;
                } else {
                    tally.failedInARow++;
                    tally.failures.add(failure);
                    heldUp[0] = true;
                }
            });
        });
    }

    /**
     * Sends one mail and records the outcome; the failure's description, or null once it is sent. A
     * send that outlasts the timeout counts as failed: the server may still accept it, so the retry can
     * duplicate it, under the same Message-ID. A mail that cannot even be built counts as failed too, and
     * the others go on.
     */
    private Uni<String> send(Claimed mail) {
        return Uni.createFrom().deferred(() -> sender.send(template(mail), sendTimeout))
                .onItemOrFailure().transformToUni((sent, failure) -> {
                    if (failure == null) {
                        return Panache.withTransaction(() -> claims.markSent(mail, clock.now()))
                                .invoke(() -> metrics.sent(mail.kind()))
                                .replaceWith((String) null);
                    }
                    String error = describe(failure);
                    Instant retryAt = retryAt(mail, error);
                    return Panache.withTransaction(() -> claims.markFailed(mail, retryAt, error))
                            .invoke(marked -> metrics.failed(mail.kind(), retryAt == null && marked == 1))
                            .replaceWith(error);
                })
                .onFailure().recoverWithItem(failure -> {
                    LOG.errorf(failure, "Could not record the outcome of mail %d; its claim lapses and it is retried",
                            mail.id());
                    return describe(failure);
                });
    }

    private MailTemplateInstance template(Claimed mail) {
        Mail base = new Mail().addHeader("Message-ID", "<notification-" + mail.id() + "@" + messageIdDomain + ">");
        replyTo.ifPresent(base::setReplyTo);
        return Mails.compose(mail.kind(), mail.notice(), base, links, clock.zone(), silenceCancels)
                .to(mail.recipient());
    }

    /** When to try again: the delay doubles from the first retry on, capped; null to give up. */
    private Instant retryAt(Claimed mail, String error) {
        if (mail.attempts() >= maxAttempts) {
            LOG.errorf("Giving up on mail %d (%s to %s) after %d attempts: %s", mail.id(), mail.kind(),
                    mail.recipient(), mail.attempts(), error);
            return null;
        }
        return clock.now().plus(retryDelay(mail.attempts(), firstRetry, maxRetryInterval));
    }

    /** How long to wait after the given failed attempt: the first retry, doubling, capped. */
    static Duration retryDelay(int attempts, Duration firstRetry, Duration maxRetryInterval) {
        Duration delay = firstRetry.multipliedBy(1L << Math.min(attempts - 1, 20));
        return delay.compareTo(maxRetryInterval) > 0 ? maxRetryInterval : delay;
    }

    private static String describe(Throwable failure) {
        String text = failure.getClass().getSimpleName() + ": " + failure.getMessage();
        return text.length() > 500 ? text.substring(0, 500) : text;
    }

    private static String withoutTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
