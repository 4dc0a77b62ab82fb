package shop.backorders.live;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import shop.backorders.shared.Caller;
import shop.backorders.shared.Counters;
import shop.backorders.shared.ErrorCode;
import shop.backorders.shared.ShopConfig;
import shop.backorders.shared.ShopException;

/**
 * Fair shares of this instance's live subscriptions, so that no one caller takes every place: one connection
 * of a customer or an anonymous caller holds at most shop.live.max-per-connection, one customer at most
 * shop.live.max-per-customer across their connections, anonymous callers of one address at most
 * shop.live.max-anonymous-per-address across theirs, and anonymous callers
 * together at most shop.live.anonymous-share of shop.live.max-subscriptions, so signed-in customers find
 * room whatever anonymous callers ask. Staff are not limited here, as with rate limits. A subscription holds
 * its places from its start until it ends: completed, stopped by its client, or its connection closed.
 */
@ApplicationScoped
@Startup // its meters show, at 0, from the start: Prometheus misses a series' first increment
public class SubscriptionQuotas {

    /** Where the address is not known, its subscriptions count against one shared address. */
    private static final String UNKNOWN_ADDRESS = "unknown";

    private final Quota<Subscriber> perConnection = new Quota<>();
    /** Per customer, or for anonymous callers per address. */
    private final Quota<String> perCaller = new Quota<>();
    private final Quota<Caller> anonymousShare = new Quota<>();
    private final int maxPerConnection;
    private final int maxPerCustomer;
    private final int maxPerAddress;
    private final int maxAnonymous;
    private final Map<Refusal, Counter> refusals;

    /** Which limit refused a subscription: the kind label of shop_live_subscription_refusals_total. */
    enum Refusal {
        CONNECTION, CUSTOMER, ADDRESS, ANONYMOUS_SHARE,
        /** This instance follows shop.live.max-subscriptions already. */
        INSTANCE
    }

    public SubscriptionQuotas(ShopConfig config, MeterRegistry registry) {
        ShopConfig.Live live = config.live();
        this.maxPerConnection = live.maxPerConnection();
        this.maxPerCustomer = live.maxPerCustomer();
        this.maxPerAddress = live.maxAnonymousPerAddress();
        this.maxAnonymous = (int) Math.floor(live.maxSubscriptions() * live.anonymousShare());
        this.refusals = Counters.perValue(registry, "shop.live.subscription.refusals", "Live subscriptions refused,"
                + " by the limit reached: per connection, customer or anonymous address (TOO_MANY_SUBSCRIPTIONS), the"
                + " anonymous share or the instance's room (UNAVAILABLE)", "kind", Refusal.class,
                refusal -> refusal.name().toLowerCase(Locale.ROOT));
    }

    /** Counts a subscription refused. */
    void refused(Refusal refusal) {
        refusals.get(refusal).increment();
    }

    /**
     * Takes the places of one more subscription of this caller over this connection, or refuses it: the
     * caller's own limit reached is TOO_MANY_SUBSCRIPTIONS, the anonymous share full is UNAVAILABLE.
     *
     * @return gives the places back; running it again does nothing
     */
    Runnable take(Caller caller, Subscriber subscriber) {
        if (caller.isStaff()) {
            return () -> {
            };
        }
        boolean anonymous = caller.email() == null;
        String who = anonymous ? "address " + (subscriber.address() == null ? UNKNOWN_ADDRESS : subscriber.address())
                : "customer " + caller.email();
        if (!perConnection.take(subscriber, maxPerConnection)) {
            refused(Refusal.CONNECTION);
            throw tooMany("this connection holds " + maxPerConnection);
        }
        if (!perCaller.take(who, anonymous ? maxPerAddress : maxPerCustomer)) {
            perConnection.giveBack(subscriber);
            refused(anonymous ? Refusal.ADDRESS : Refusal.CUSTOMER);
            throw tooMany(anonymous ? "anonymous callers from your address hold " + maxPerAddress + "; sign in for more"
                    : "your connections hold " + maxPerCustomer);
        }
        if (anonymous && !anonymousShare.take(Caller.ANONYMOUS, maxAnonymous)) {
            perConnection.giveBack(subscriber);
            perCaller.giveBack(who);
            refused(Refusal.ANONYMOUS_SHARE);
            throw new ShopException(ErrorCode.UNAVAILABLE, "This instance follows as many anonymous live"
                    + " subscriptions as it keeps room for (" + maxAnonymous + "); sign in, or subscribe again"
                    + " shortly");
        }
        AtomicBoolean held = new AtomicBoolean(true);
        return () -> {
            if (held.getAndSet(false)) {
                perConnection.giveBack(subscriber);
                perCaller.giveBack(who);
                if (anonymous) {
                    anonymousShare.giveBack(Caller.ANONYMOUS);
                }
            }
        };
    }

    private static ShopException tooMany(String held) {
        return new ShopException(ErrorCode.TOO_MANY_SUBSCRIPTIONS, "Too many live subscriptions: " + held
                + " at most; end one first");
    }

    /** Places held per key, at most the limit asked with; a key holding none is forgotten. */
    private static final class Quota<K> {

        private final Map<K, Integer> held = new ConcurrentHashMap<>();

        boolean take(K key, int limit) {
            AtomicBoolean taken = new AtomicBoolean();
            held.compute(key, (ignored, count) -> {
                int now = count == null ? 0 : count;
                taken.set(now < limit);
                return taken.get() ? now + 1 : count;
            });
            return taken.get();
        }

        void giveBack(K key) {
            held.computeIfPresent(key, (ignored, count) -> count == 1 ? null : count - 1);
        }
    }
}
