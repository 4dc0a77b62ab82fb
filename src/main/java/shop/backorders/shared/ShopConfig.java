package shop.backorders.shared;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Currency;
import java.util.Optional;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;

import org.eclipse.microprofile.config.spi.Converter;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithConverter;
import io.smallrye.config.WithDefault;

/**
 * Every setting of the shop (`shop.*`, or `SHOP_*` in the environment) with its default, in one place,
 * checked when the service starts. The README's configuration table lists them for operators.
 * Schedules (`…every`) are also read by name in `@Scheduled` expressions; `off` disables one.
 */
@ConfigMapping(prefix = "shop")
public interface ShopConfig {

    /** The zone of calendar dates: release dates, expected arrivals. */
    @WithDefault("UTC")
    ZoneId timeZone();

    /**
     * The currency of every price: an ISO 4217 code whose amounts have at most 2 decimals, as prices are stored
     * (EUR, USD, JPY; not BHD). Prices are amounts only: changing the currency does not convert them.
     */
    @WithDefault("EUR")
    @WithConverter(CurrencyCode.class)
    Currency currency();

    PreorderRelease preorderRelease();

    Changes changes();

    Live live();

    Eta eta();

    Mail mail();

    Links links();

    Quote quote();

    Supply supply();

    Insight insight();

    RateLimit rateLimit();

    Graphql graphql();

    Identity identity();

    Catalogue catalogue();

    Metrics metrics();

    interface PreorderRelease {
        /** How often idle pre-order products are checked for their release date. */
        @WithDefault("1m")
        String every();
    }

    interface Changes {
        /** The NOTIFY channel every instance listens on. */
        @WithDefault("shop_changes")
        String channel();

        /** How long change-log entries (behind live updates) are kept. */
        @WithDefault("1h")
        Duration retention();

        @WithDefault("10m")
        String pruneEvery();

        /**
         * A transaction that changes more backorders than this (a restock filling a long queue, estimates
         * moving along it) publishes its products and their queue moves, not a snapshot of each backorder
         * and order: watchers read anew what they show of those products.
         */
        @WithDefault("1000")
        int snapshotLimit();
    }

    interface Live {
        /** A subscription connection whose client has not read for this long is closed. */
        @WithDefault("30s")
        Duration stallLimit();

        /**
         * Most live subscriptions this instance follows at once; more are refused (UNAVAILABLE) rather than
         * run out of memory. Each holds about 40 KB of heap (docs/benchmarks.md): the default fits the
         * 256 MB heap of the Kubernetes deployment, with room for requests.
         */
        @WithDefault("3000")
        @Min(1)
        int maxSubscriptions();

        /**
         * Most live subscriptions one WebSocket connection of a customer or an anonymous caller holds at once
         * (staff are not limited); more are refused (TOO_MANY_SUBSCRIPTIONS).
         */
        @WithDefault("10")
        @Min(1)
        int maxPerConnection();

        /**
         * Most live subscriptions anonymous callers from one client address (an IPv6 /64) hold at once, across
         * all their connections; more are refused (TOO_MANY_SUBSCRIPTIONS).
         */
        @WithDefault("20")
        @Min(1)
        int maxAnonymousPerAddress();

        /**
         * Most live subscriptions one customer holds at once, across all their connections (tabs, devices); more
         * are refused (TOO_MANY_SUBSCRIPTIONS), so that one account cannot take the signed-in callers' room.
         */
        @WithDefault("30")
        @Min(1)
        int maxPerCustomer();

        /**
         * The share of max-subscriptions anonymous callers together may hold; the rest is kept for signed-in
         * customers and staff. Beyond it, anonymous subscriptions are refused (UNAVAILABLE).
         */
        @WithDefault("0.5")
        @DecimalMin("0")
        @DecimalMax("1")
        double anonymousShare();
    }

    interface Eta {
        /** A new date later than the promise by more than this asks the customer to accept it or cancel. */
        @WithDefault("0")
        @Min(0)
        int slipToleranceDays();

        /** How long the customer has to answer. */
        @WithDefault("7d")
        Duration consentWindow();

        /** What an unanswered question comes to at its deadline. */
        @WithDefault("KEEP")
        WhenSilent consentDefault();

        /** How often dates that passed unfilled and unanswered questions are revisited. */
        @WithDefault("1h")
        String refreshEvery();

        enum WhenSilent {
            /** The date asked about becomes the promise. */
            KEEP,
            /** A backorder still waiting is cancelled. */
            CANCEL
        }
    }

    interface Mail {
        /** The storefront, for links in mails to customers. */
        @WithDefault("http://localhost:8080")
        String baseUrl();

        /**
         * This service as the world reaches it, for links to its own pages (a supplier's purchase order); the
         * storefront's address where none is given, as when the storefront is this service.
         */
        Optional<String> serviceUrl();

        /** Where replies go, if not the sender. */
        Optional<String> replyTo();

        /** How often this instance sends due mail; `off`: it sends none. */
        @WithDefault("5s")
        String dispatchEvery();

        /** Attempts of a mail the server refused before it is FAILED (doubling, capped: about eight hours). */
        @WithDefault("100")
        @Min(1)
        int maxAttempts();

        @WithDefault("5s")
        Duration firstRetry();

        @WithDefault("5m")
        Duration maxRetryInterval();

        /** How long a dispatcher's claim on a batch lasts. */
        @WithDefault("5m")
        Duration lease();

        /** One send at most. */
        @WithDefault("30s")
        Duration sendTimeout();

        /**
         * Mails one dispatcher sends at once (one backorder's still one after another); keep it under the
         * mailer's connection pool (quarkus.mailer.max-pool-size, 10).
         */
        @WithDefault("8")
        @Min(1)
        int sendsAtOnce();

        /** Moves of one estimate within this window make one mail. */
        @WithDefault("10m")
        Duration etaWindow();
    }

    interface Links {
        /**
         * Signs the accept and cancel links in mails (SHOP_LINKS_SECRET): 32+ bytes of random text, the same on
         * every replica. The packaged service refuses placeholders and text with too little randomness.
         */
        String secret();

        /**
         * The secret before a rotation (SHOP_LINKS_PREVIOUS_SECRET): links it signed still work, new ones are
         * signed with the current secret. Drop it once the links it signed have expired (valid-for).
         */
        Optional<String> previousSecret();

        /** How long a link in a mail works. */
        @WithDefault("30d")
        Duration validFor();
    }

    interface Quote {
        /**
         * How long a quote's promise holds at checkout (SHOP_QUOTE_VALID_FOR): long enough to fill in a checkout
         * form, short enough that a day's estimates do not move under it.
         */
        @WithDefault("15m")
        Duration validFor();
    }

    interface Supply {
        /**
         * How long the link in a purchase order's mail lets the supplier read and answer it
         * (SHOP_SUPPLY_LINK_VALID_FOR): long enough for slow deliveries to be moved until they arrive.
         */
        @WithDefault("120d")
        Duration linkValidFor();
    }

    interface Insight {
        /**
         * The past whose orders make a product's daily demand (SHOP_INSIGHT_DEMAND_WINDOW): units ordered in it
         * divided by its days. Long enough to smooth a week's ups and downs, short enough to follow a season.
         */
        @WithDefault("28d")
        Duration demandWindow();

        /**
         * How often purchase orders are reviewed (SHOP_INSIGHT_REVIEW_PERIOD): a reorder suggestion covers the
         * demand until a refill ordered at the next review could arrive (lead time plus this).
         */
        @WithDefault("7d")
        Duration reviewPeriod();

        /**
         * Days of demand kept as safety stock for a product whose supplier has too little history for its
         * 90th-percentile delay (SHOP_INSIGHT_SAFETY_DAYS); with that history, the delay's days are taken.
         */
        @WithDefault("7")
        @Min(0)
        int safetyDays();
    }

    interface RateLimit {
        /** Orders a customer may place per minute, per instance. */
        @WithDefault("30")
        @Min(1)
        int ordersPerMinute();

        /** Mail-sending actions (alerts, cancellations) a customer may take per hour, per instance. */
        @WithDefault("30")
        @Min(1)
        int mailActionsPerHour();
    }

    interface Graphql {
        /** Root fields one document may ask for: each runs on its own database session. */
        @WithDefault("20")
        @Min(1)
        int maxRootFields();

        /** Parser tokens one document may have. */
        @WithDefault("5000")
        @Min(100)
        int maxTokens();

        /**
         * Characters one document may have: 2.5 times the shop's largest, its storefront's whole set of
         * operations (6 KiB), and 10 times GraphiQL's introspection query.
         */
        @WithDefault("16384")
        @Min(1024)
        int maxDocumentLength();

        /**
         * Characters of one string, written in a document or sent in its variables: the quote token of a full
         * cart (100 lines, each in four parts: 2,880 characters), with room to spare.
         */
        @WithDefault("4096")
        @Min(64)
        int maxStringLength();

        /** The default, also read by name before the settings are mapped (api.transport.QueryLimits). */
        String DOCUMENT_CACHE_SIZE = "32";

        /**
         * Distinct documents kept parsed and checked, by their text, for requests that send them again. One
         * takes up to 130 bytes per token: at the default limits, 32 take at most 20 MB of heap (the storefront's
         * whole set of operations: 60 KB each). Read as the service starts (in a native image: as it is built).
         */
        @WithDefault(DOCUMENT_CACHE_SIZE)
        @Min(1)
        int documentCacheSize();
    }

    interface Identity {
        /**
         * A customer is their `email` claim only with `email_verified: true`. On: a token without the claim is
         * accepted too, for providers that verify every address and leave it out (`false` is still refused).
         */
        @WithDefault("false")
        boolean emailVerifiedIfAbsent();
    }

    interface Catalogue {
        /**
         * Off: callers other than staff are told status and dates only, no exact counts (Product.stock and
         * waitingBackorders, Availability.allocated and backordered, Delivery.quantity are null for them).
         */
        @WithDefault("true")
        boolean exactCounts();
    }

    interface Metrics {
        /**
         * How often this instance samples the figures /q/metrics shows from the database (backorders waiting, open
         * purchase orders, mail to send), with one statement: a scrape shows the last sample and reads nothing.
         * `off`: those gauges stay empty.
         */
        @WithDefault("15s")
        String sampleEvery();
    }

    /** A currency by its ISO 4217 code; an unknown one, or one with more decimals than prices keep, stops the start. */
    final class CurrencyCode implements Converter<Currency> {

        /** The decimals of a stored price (product.price is numeric(12, 2)). */
        public static final int MAX_DECIMALS = 2;

        @Override
        public Currency convert(String code) {
            Currency currency;
            try {
                currency = Currency.getInstance(code.strip());
            } catch (IllegalArgumentException unknown) {
                throw new IllegalArgumentException("shop.currency must be an ISO 4217 code such as EUR; got " + code);
            }
            int decimals = currency.getDefaultFractionDigits();
            if (decimals < 0 || decimals > MAX_DECIMALS) {
                throw new IllegalArgumentException("shop.currency " + code + " has " + decimals + " decimals;"
                        + " prices keep 0 to " + MAX_DECIMALS);
            }
            return currency;
        }
    }
}
