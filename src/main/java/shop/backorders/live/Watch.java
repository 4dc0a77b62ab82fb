package shop.backorders.live;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import io.smallrye.mutiny.subscription.MultiEmitter;
import shop.backorders.shared.OwnContext;

/**
 * One live subscription: it listens to the feed first and only then reads its starting state, holding
 * back the events that arrive meanwhile, so nothing committed in between is lost; the starting state's
 * versions tell which of those it already reflects.
 *
 * @param <S> the starting state
 * @param <T> what the subscriber is sent
 */
abstract class Watch<S, T> {

    private List<ChangeEvent> heldBack = new ArrayList<>();
    private MultiEmitter<? super T> out;

    /** Reads the starting state; fails (e.g. with an unknown filter) to end the watch at once. */
    abstract Uni<S> start();

    abstract void started(S state);

    /** Handles one committed change; on {@link ChangeEvent#RESYNC} the watch starts over. */
    abstract void changed(ChangeEvent event);

    void send(T item) {
        out.emit(item);
    }

    static <S, T> Multi<T> run(ChangeFeed feed, Supplier<Watch<S, T>> create) {
        return Multi.createFrom().emitter(out -> {
            Watch<S, T> watch = create.get();
            watch.out = out;
            Cancellable listening = feed.events().subscribe().with(watch::onEvent, out::fail);
            out.onTermination(listening::cancel);
            watch.restart();
        });
    }

    private void restart() {
        OwnContext.run(this::start).subscribe().with(this::onStarted, out::fail);
    }

    private synchronized void onEvent(ChangeEvent event) {
        if (heldBack != null) {
            heldBack.add(event);
        } else if (event == ChangeEvent.RESYNC) {
            changed(event);
            heldBack = new ArrayList<>();
            restart();
        } else {
            changed(event);
        }
    }

    private synchronized void onStarted(S state) {
        started(state);
        List<ChangeEvent> held = heldBack;
        heldBack = null;
        held.forEach(this::onEvent);
    }
}
