package shop.backorders.live;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import io.smallrye.mutiny.operators.multi.processors.UnicastProcessor;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.pubsub.PgSubscriber;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgConnectOptions;
import shop.backorders.changes.ChangeLog;
import shop.backorders.shared.ErrorCode;
import shop.backorders.shared.ShopConfig;
import shop.backorders.shared.ShopException;

/**
 * This instance's view of every committed change, from any instance: LISTENs on the change channel,
 * reads each notified change_log entry (one read per transaction, in commit order) and broadcasts it
 * to the live subscriptions here. Reconnects after the database goes away; as notifications sent
 * meanwhile are lost, it then tells every watcher to refetch ({@link ChangeEvent#RESYNC}).
 */
@ApplicationScoped
public class ChangeFeed {

    private static final Logger LOG = Logger.getLogger(ChangeFeed.class);
    private static final long MAX_RECONNECT_DELAY_MS = 10_000;

    private final Vertx vertx;
    private final Pool pool;
    private final ChangeLog changeLog;
    private final PgConnectOptions connectOptions;
    private final BroadcastProcessor<ChangeEvent> events = BroadcastProcessor.create();
    private final UnicastProcessor<Long> notified = UnicastProcessor.create();
    private final AtomicInteger watchers = new AtomicInteger();
    private final int maxWatchers;
    private final AtomicInteger starting = new AtomicInteger();
    private final AtomicBoolean listening = new AtomicBoolean();
    private final AtomicBoolean listenedBefore = new AtomicBoolean();
    private final Timer lag;
    private volatile PgSubscriber subscriber;
    private volatile boolean stopped;

    public ChangeFeed(Vertx vertx, Pool pool, ChangeLog changeLog, ShopConfig config, MeterRegistry registry,
            @ConfigProperty(name = "quarkus.datasource.reactive.url") String url,
            @ConfigProperty(name = "quarkus.datasource.username") Optional<String> username,
            @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password) {
        this.vertx = vertx;
        this.pool = pool;
        this.changeLog = changeLog;
        this.maxWatchers = config.live().maxSubscriptions();
        Gauge.builder("shop.change.feed.listening", listening, held -> held.get() ? 1 : 0)
                .description("1 while this instance listens for committed changes; 0 while it reconnects (its live"
                        + " subscribers miss changes, and refetch once it listens again)")
                .register(registry);
        Gauge.builder("shop.live.subscriptions", watchers, AtomicInteger::get)
                .description("Live subscriptions this instance follows").register(registry);
        this.lag = Timer.builder("shop.change.feed.lag")
                .description("From a change's commit to this instance reading it for its live subscribers, on the"
                        + " database's clock; measured while anyone here subscribes (otherwise nothing is read)")
                .serviceLevelObjectives(Duration.ofMillis(10), Duration.ofMillis(50), Duration.ofMillis(250),
                        Duration.ofSeconds(1), Duration.ofSeconds(5))
                .register(registry);
        // The same database as the pool: credentials from the datasource settings, or from the URL itself.
        PgConnectOptions options = PgConnectOptions.fromUri(url);
        username.ifPresent(options::setUser);
        password.ifPresent(options::setPassword);
        // A JDBC-style driver option some URLs carry; PostgreSQL itself would refuse it as a setting.
        options.getProperties().remove("stringtype");
        // Its requests in /q/metrics as postgresql_listen_*, beside the pool's postgresql_*, rather than nameless.
        options.setMetricsName("postgresql.listen");
        this.connectOptions = options;
    }

    /**
     * Every change committed from now on, on any instance, for as long as the caller watches. Hot:
     * nothing is replayed. While nobody here watches, entries are not even read.
     */
    Multi<ChangeEvent> events() {
        // The watch's place (see reserveWatch) is given back when it stops following.
        return events.onTermination().invoke(watchers::decrementAndGet);
    }

    /**
     * Takes a place for one more watch, which then follows {@link #events()}; false if this instance follows
     * as many as it has memory for (shop.live.max-subscriptions). The watch counts as starting from here until
     * it has read its starting state ({@link #started()}), so no moment shows it following but not started.
     */
    boolean reserveWatch() {
        starting.incrementAndGet();
        if (watchers.incrementAndGet() > maxWatchers) {
            watchers.decrementAndGet();
            starting.decrementAndGet();
            return false;
        }
        return true;
    }

    ShopException noRoomForWatch() {
        return new ShopException(ErrorCode.UNAVAILABLE, "This instance follows as many live subscriptions as it can ("
                + maxWatchers + "); subscribe again shortly, or to another instance");
    }

    /** How many watches on this instance follow the feed. */
    public int watchers() {
        return watchers.get();
    }

    /** How many of them are (re)reading their starting state. */
    public int starting() {
        return starting.get();
    }

    /** A watch reads its starting state again (after a resync or a bulk change); it counts as starting. */
    void startingAgain() {
        starting.incrementAndGet();
    }

    /** A watch has read its starting state, or ended while reading it. */
    void started() {
        starting.decrementAndGet();
    }

    /** Whether notifications are being received; while not, changes are missed and watchers will refetch. */
    public boolean isListening() {
        return listening.get();
    }

    void start(@Observes StartupEvent started) {
        notified.filter(id -> watchers.get() > 0)
                .onItem().transformToUniAndConcatenate(this::read)
                .subscribe().with(events::onNext, failure -> LOG.error("The change feed stopped", failure));
        connect();
    }

    void stop(@Observes ShutdownEvent stopping) {
        stopped = true;
        if (subscriber != null) {
            subscriber.closeAndForget();
        }
    }

    private void connect() {
        PgSubscriber next = PgSubscriber.subscriber(vertx, connectOptions)
                .reconnectPolicy(attempt -> {
                    if (listening.getAndSet(false)) {
                        LOG.warn("Lost the database connection listening for changes; reconnecting");
                    }
                    return stopped ? -1 : Math.min(MAX_RECONNECT_DELAY_MS, 100L << Math.min(attempt, 7));
                });
        next.channel(changeLog.channel())
                .subscribeHandler(this::listening)
                .handler(id -> notified.onNext(Long.parseLong(id)));
        subscriber = next;
        next.connect().subscribe().with(ignored -> { }, failure -> {
            LOG.warnf("Cannot listen for changes yet (%s); trying again", failure.getMessage());
            // A subscriber whose first connect failed never connects again: start over with a new one.
            next.closeAndForget();
            if (!stopped) {
                vertx.setTimer(Duration.ofSeconds(1).toMillis(), timer -> connect());
            }
        });
    }

    private void listening() {
        listening.set(true);
        // The server ending the connection (a restart, a failover) is reported to it: without a handler the client
        // prints that to stderr, a line outside the (JSON) log. The reconnect policy logs the loss.
        subscriber.actualConnection().exceptionHandler(failure -> LOG.debugf("Listening connection: %s", failure));
        if (listenedBefore.getAndSet(true)) {
            LOG.info("Listening for changes again; watchers refetch what they may have missed");
            events.onNext(ChangeEvent.RESYNC);
        } else {
            LOG.infof("Listening for changes on channel %s", changeLog.channel());
        }
    }

    private Uni<ChangeEvent> read(long id) {
        // An entry is written by the last step before its commit, stamped then (V15): its age is the lag.
        return pool.preparedQuery("""
                SELECT payload, CAST(extract(epoch FROM clock_timestamp() - created_at) AS float8) AS age
                FROM change_log WHERE id = $1""").execute(Tuple.of(id))
                .map(rows -> {
                    if (!rows.iterator().hasNext()) {
                        return ChangeEvent.RESYNC;
                    }
                    Row entry = rows.iterator().next();
                    lag.record(Math.max(0, Math.round(entry.getDouble("age") * 1e9)), TimeUnit.NANOSECONDS);
                    return ChangeEvent.parse(entry.getJsonObject("payload"));
                })
                .onFailure().recoverWithItem(failure -> {
                    LOG.warnf("Could not read change %d (%s); watchers refetch", id, failure.getMessage());
                    return ChangeEvent.RESYNC;
                });
    }
}
