package shop.backorders.api.trust;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import shop.backorders.shared.Caller;
import shop.backorders.shared.Counters;
import shop.backorders.shared.ErrorCode;
import shop.backorders.shared.ShopConfig;
import shop.backorders.shared.ShopException;

/**
 * Per-customer limits on what costs the shop or a mailbox: placing orders, and the actions that send
 * mail, so nobody can flood the queue or mail-bomb an address. A token bucket per customer and kind,
 * in this instance's memory: with several replicas a customer gets at most replicas x the limit. Staff
 * are not limited (phone orders, imports, benchmarks); anonymous callers reach none of these actions.
 */
@ApplicationScoped
@Startup // its meters show, at 0, from the start: Prometheus misses a series' first increment
public class RateLimits {

    public enum Kind {
        /** placeOrder */
        ORDERS,
        /** notifyWhenAvailable and the cancellations, each of which mails the customer */
        MAIL
    }

    private final Map<Kind, Rate> rates;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final Map<Kind, Counter> refusals;

    public RateLimits(ShopConfig config, MeterRegistry registry) {
        this.rates = Map.of(Kind.ORDERS, new Rate(config.rateLimit().ordersPerMinute(), Duration.ofMinutes(1)),
                Kind.MAIL, new Rate(config.rateLimit().mailActionsPerHour(), Duration.ofHours(1)));
        this.refusals = Counters.perValue(registry, "shop.rate.limit.refusals", "Actions refused RATE_LIMITED, by"
                + " kind: orders (placeOrder), mail (actions that mail the customer)", "kind", Kind.class,
                kind -> kind.name().toLowerCase(Locale.ROOT));
    }

    /** Takes one action of this kind from the caller's allowance, or fails with RATE_LIMITED. */
    public Uni<Void> take(Kind kind, Caller caller) {
        if (caller.isStaff() || caller.email() == null) {
            return Uni.createFrom().voidItem();
        }
        Rate rate = rates.get(kind);
        long wait = buckets.computeIfAbsent(kind + " " + caller.email(), key -> new Bucket(rate))
                .take(System.nanoTime());
        if (wait > 0) {
            refusals.get(kind).increment();
            Duration retryAfter = Duration.ofNanos(wait);
            return Uni.createFrom().failure(new Exceeded(retryAfter));
        }
        return Uni.createFrom().voidItem();
    }

    /**
     * Forgets buckets that have filled up again: they would let the caller do as much as a new one. On every
     * replica, each for its own memory.
     */
    @Scheduled(every = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void forgetFullBuckets() {
        long now = System.nanoTime();
        buckets.values().removeIf(bucket -> bucket.isFull(now));
    }

    /** So many actions per period, at most that many at once. */
    private record Rate(int actions, Duration period) {

        long nanosPerAction() {
            return period.toNanos() / Math.max(1, actions);
        }
    }

    /** A token bucket holding up to the rate's actions, refilled one action every period / actions. */
    private static final class Bucket {

        private final Rate rate;
        /** The moment at which the bucket is full again; the allowance is what lies between now and then. */
        private long fullAt;

        Bucket(Rate rate) {
            this.rate = rate;
            this.fullAt = System.nanoTime();
        }

        /** Takes one action: 0 if allowed, else the nanoseconds until one is. */
        synchronized long take(long now) {
            long start = Math.max(fullAt, now);
            long next = start + rate.nanosPerAction();
            long overdraft = next - now - rate.period().toNanos();
            if (overdraft > 0) {
                return overdraft;
            }
            fullAt = next;
            return 0;
        }

        synchronized boolean isFull(long now) {
            return fullAt <= now;
        }
    }

    /** RATE_LIMITED, with the time after which the same action would be allowed. */
    public static final class Exceeded extends ShopException {

        private final Duration retryAfter;

        Exceeded(Duration retryAfter) {
            super(ErrorCode.RATE_LIMITED, "Too many requests of this kind; retry after "
                    + seconds(retryAfter) + " s");
            this.retryAfter = retryAfter;
        }

        public long retryAfterSeconds() {
            return seconds(retryAfter);
        }

        private static long seconds(Duration duration) {
            return Math.max(1, (duration.toMillis() + 999) / 1000);
        }
    }
}
