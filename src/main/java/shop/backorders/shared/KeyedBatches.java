package shop.backorders.shared;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Runs work one batch at a time per key. An item whose key has no batch running starts one at once, alone;
 * items that arrive meanwhile wait, and the next batch takes them together, in arrival order, up to a
 * maximum. Work that serialises on one resource anyway (a product's stock row) then pays its fixed cost
 * once per batch instead of once per item, and the waiting items hold nothing but memory.
 *
 * <p>A batch answers with one outcome per item, in order, each delivered on its caller's Vert.x context; a
 * failed batch fails every item with its failure. An item that waited longer than allowed for its batch
 * fails without running, so a caller that has likely given up is not served long after. Each batch runs
 * on a Vert.x context of its own, hence with a database session of its own.
 */
public final class KeyedBatches<K, I, O> {

    private final int maxBatch;
    private final Duration maxWait;
    private final Supplier<RuntimeException> waitedTooLong;
    private final Function<List<I>, Uni<List<Uni<O>>>> work;
    /** Per key with a batch running, the items waiting for the next one. Guarded by {@code lock}. */
    private final Map<K, Deque<Waiting<I, O>>> waiting = new HashMap<>();
    private final Object lock = new Object();

    public KeyedBatches(int maxBatch, Duration maxWait, Supplier<RuntimeException> waitedTooLong,
            Function<List<I>, Uni<List<Uni<O>>>> work) {
        this.maxBatch = maxBatch;
        this.maxWait = maxWait;
        this.waitedTooLong = waitedTooLong;
        this.work = work;
    }

    public Uni<O> submit(K key, I item) {
        return Uni.createFrom().emitter(emitter -> {
            Waiting<I, O> entry = new Waiting<>(item, emitter, Vertx.currentContext(), System.nanoTime());
            boolean idle;
            synchronized (lock) {
                Deque<Waiting<I, O>> queue = waiting.get(key);
                idle = queue == null;
                if (idle) {
                    waiting.put(key, new ArrayDeque<>());
                } else {
                    queue.add(entry);
                }
            }
            if (idle) {
                run(key, List.of(entry));
            }
        });
    }

    private void run(K key, List<Waiting<I, O>> batch) {
        Runnable start = () -> {
            Uni<List<Uni<O>>> outcomes;
            try {
                outcomes = work.apply(batch.stream().map(Waiting::item).toList());
            } catch (RuntimeException failure) {
                outcomes = Uni.createFrom().failure(failure);
            }
            outcomes.subscribe().with(answers -> {
                try {
                    for (int i = 0; i < batch.size(); i++) {
                        batch.get(i).answer(i < answers.size() ? answers.get(i) : Uni.createFrom()
                                .failure(new IllegalStateException("The batch answered " + answers.size() + " of "
                                        + batch.size() + " items")));
                    }
                } finally {
                    // Whatever happened to this batch, the next one runs: a key left running would hold its
                    // items forever.
                    next(key);
                }
            }, failure -> {
                batch.forEach(entry -> entry.answer(Uni.createFrom().failure(failure)));
                next(key);
            });
        };
        Context caller = batch.get(0).context();
        if (caller == null) {
            start.run();
        } else {
            OwnContext.start(caller, start);
        }
    }

    private void next(K key) {
        List<Waiting<I, O>> batch = new ArrayList<>();
        List<Waiting<I, O>> expired = new ArrayList<>();
        long now = System.nanoTime();
        synchronized (lock) {
            Deque<Waiting<I, O>> queue = waiting.get(key);
            while (!queue.isEmpty() && batch.size() < maxBatch) {
                Waiting<I, O> entry = queue.poll();
                (now - entry.since() > maxWait.toNanos() ? expired : batch).add(entry);
            }
            if (batch.isEmpty()) {
                waiting.remove(key);
            }
        }
        expired.forEach(entry -> entry.answer(Uni.createFrom().failure(waitedTooLong.get())));
        if (!batch.isEmpty()) {
            run(key, batch);
        }
    }

    private record Waiting<I, O>(I item, UniEmitter<? super O> emitter, Context context, long since) {

        void answer(Uni<O> outcome) {
            Runnable deliver = () -> outcome.subscribe().with(emitter::complete, emitter::fail);
            if (context == null) {
                deliver.run();
            } else {
                context.runOnContext(ignored -> deliver.run());
            }
        }
    }
}
