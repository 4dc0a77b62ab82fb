package shop.backorders.live;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import io.smallrye.mutiny.subscription.MultiEmitter;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import shop.backorders.shared.Caller;
import shop.backorders.shared.OwnContext;
import shop.backorders.shared.ShopException;

/**
 * One live subscription. It listens to the feed first and only then reads its starting state, holding
 * back the events that arrive meanwhile, so nothing committed in between is lost; the starting state's
 * versions tell which of those it already reflects.
 * <p>
 * What it sends waits in a queue keyed by the thing it is about, and goes out in small batches, one
 * batch per task on the subscriber's event loop, while the subscriber's connection takes it: a change
 * touching thousands of watched backorders never holds a loop for long, and a subscriber that falls
 * behind gets the latest state of each thing it watches, not every intermediate one (conflation). The
 * watch ends when the connection goes.
 *
 * @param <S> the starting state
 * @param <T> what the subscriber is sent
 */
abstract class Watch<S, T> {

    private static final int BATCH = 16;
    /** Tries at reading the starting state when the database fails, as just after it came back. */
    private static final int START_ATTEMPTS = 8;

    /**
     * Events that arrived while reading the starting state (or a refresh); null when none is being read. Once
     * the watch has its place on the feed, the feed counts it as starting exactly while this is not null.
     */
    private List<ChangeEvent> heldBack = new ArrayList<>();
    private boolean ended;
    private final Map<Object, T> pending = new LinkedHashMap<>();
    private boolean scheduled;
    private boolean awaitingWritable;
    private MultiEmitter<? super T> out;
    private Context context;
    private Subscriber subscriber;
    private ChangeFeed feed;

    /** Reads the starting state; fails (e.g. with an unknown filter) to end the watch at once. */
    abstract Uni<S> start();

    abstract void started(S state);

    /** Handles one committed change; on {@link ChangeEvent#RESYNC} the watch starts over. */
    abstract void changed(ChangeEvent event);

    /**
     * Whether a change must be read anew instead of from its event: a bulk change (see {@link ChangeEvent})
     * to something watched. Then {@link #refresh()} reads it, while later events are held back as at the
     * start, and {@link #refreshed} takes what it read in place of the event.
     */
    boolean needsRefresh(ChangeEvent event) {
        return false;
    }

    Uni<S> refresh() {
        return start();
    }

    void refreshed(S state) {
    }

    /** What an item is about: a newer item about the same thing replaces one not sent yet. */
    abstract Object keyOf(T item);

    /** Queues an item; one about a thing already waiting takes its place (and its turn) in the queue. */
    synchronized void send(T item) {
        pending.put(keyOf(item), item);
        schedule();
    }

    private synchronized void schedule() {
        if (!scheduled && !pending.isEmpty()) {
            scheduled = true;
            context.runOnContext(ignored -> sendBatch());
        }
    }

    /** Sends while there is demand and the socket takes it, at most a batch before yielding the loop. */
    private void sendBatch() {
        synchronized (this) {
            scheduled = false;
        }
        for (int sent = 0; sent < BATCH; sent++) {
            if (!subscriber.isWritable()) {
                awaitWritable();
                return;
            }
            T next = out.requested() > 0 ? takeNext() : null;
            if (next == null) {
                return; // nothing to send, or no demand: the next send or request schedules again
            }
            out.emit(next);
        }
        schedule();
    }

    private synchronized void awaitWritable() {
        if (!awaitingWritable) {
            awaitingWritable = true;
            subscriber.onWritable(() -> {
                synchronized (this) {
                    awaitingWritable = false;
                }
                schedule();
            });
        }
    }

    private synchronized T takeNext() {
        Iterator<T> items = pending.values().iterator();
        if (!items.hasNext()) {
            return null;
        }
        T next = items.next();
        items.remove();
        return next;
    }

    /**
     * The watch as a stream. It first takes its places (see {@link SubscriptionQuotas}), then its place on the
     * feed; when either is refused it fails at once, holding nothing. Whichever way it ends, it gives both back.
     */
    static <S, T> Multi<T> run(ChangeFeed feed, SubscriptionQuotas quotas, Caller caller, Subscriber subscriber,
            Supplier<Watch<S, T>> create) {
        return Multi.createFrom().emitter(out -> {
            Watch<S, T> watch = create.get();
            watch.out = out;
            watch.feed = feed;
            watch.subscriber = subscriber;
            watch.context = Objects.requireNonNull(Vertx.currentContext(), "subscribed outside Vert.x");
            Runnable places;
            try {
                places = quotas.take(caller, subscriber);
            } catch (ShopException refused) {
                out.fail(refused);
                return;
            }
            if (!feed.reserveWatch()) {
                places.run();
                quotas.refused(SubscriptionQuotas.Refusal.INSTANCE);
                out.fail(feed.noRoomForWatch());
                return;
            }
            out.onRequest(requested -> watch.schedule());
            Cancellable listening = feed.events().subscribe().with(watch::onEvent, out::fail);
            Runnable forgetClose = subscriber.onClose(out::complete);
            out.onTermination(() -> {
                listening.cancel();
                forgetClose.run();
                watch.end();
                places.run();
            });
            watch.restart();
        });
    }

    /**
     * Reads the starting state. A refusal (an unknown filter) ends the watch at once; a fault is tried
     * again for a few seconds first: after an outage the pool's first connections may still be dead, and
     * failing would end the subscription before the RESYNC it was just sent.
     */
    private void restart() {
        read(this::start, this::started);
    }

    /** Reads (see {@link #restart()}) while holding back events, hands over what it read, then the events. */
    private synchronized void read(Supplier<Uni<S>> read, Consumer<S> then) {
        if (ended) {
            return; // the connection went before the watch got going
        }
        if (heldBack == null) {
            heldBack = new ArrayList<>();
            feed.startingAgain();
        }
        OwnContext.run(read)
                .onFailure(failure -> !(failure instanceof ShopException)).retry()
                .withBackOff(Duration.ofMillis(100), Duration.ofSeconds(2)).atMost(START_ATTEMPTS)
                .subscribe().with(state -> onRead(state, then), out::fail);
    }

    private synchronized void onEvent(ChangeEvent event) {
        if (ended) {
            return;
        }
        if (heldBack != null) {
            heldBack.add(event);
        } else if (event == ChangeEvent.RESYNC) {
            changed(event);
            restart();
        } else if (needsRefresh(event)) {
            read(this::refresh, this::refreshed);
        } else {
            changed(event);
        }
    }

    private synchronized void onRead(S state, Consumer<S> then) {
        if (ended) {
            return;
        }
        try {
            then.accept(state);
        } catch (RuntimeException failure) {
            out.fail(failure); // ends the watch (see end), rather than leave it holding events back for ever
            return;
        }
        List<ChangeEvent> held = heldBack;
        heldBack = null;
        feed.started();
        held.forEach(this::onEvent);
    }

    private synchronized void end() {
        ended = true;
        if (heldBack != null) {
            heldBack = null;
            feed.started();
        }
    }
}
