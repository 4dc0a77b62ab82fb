package shop.backorders.shared;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;

class KeyedBatchesTest {

    /** Batches as they start, each held open until the test completes it. */
    private final List<List<Integer>> started = new ArrayList<>();
    private final List<UniEmitter<? super List<Uni<String>>>> running = new ArrayList<>();
    private final KeyedBatches<String, Integer, String> batches = batches(Duration.ofMinutes(1));

    private KeyedBatches<String, Integer, String> batches(Duration maxWait) {
        return new KeyedBatches<>(3, maxWait, () -> new IllegalStateException("waited too long"),
                items -> Uni.createFrom().emitter(emitter -> {
                    started.add(items);
                    running.add(emitter);
                }));
    }

    @Test
    void anItemAloneStartsAtOnceAndThoseArrivingMeanwhileGoTogetherInArrivalOrder() {
        List<CompletableFuture<String>> answers = new ArrayList<>();
        for (int item = 1; item <= 5; item++) {
            answers.add(batches.submit("A", item).subscribe().asCompletionStage());
        }
        assertEquals(List.of(List.of(1)), started);

        complete(0);
        assertEquals("done 1", answers.get(0).join());
        assertEquals(List.of(2, 3, 4), started.get(1), "the next batch takes the waiting items, up to the maximum");
        assertFalse(answers.get(1).isDone());

        complete(1);
        assertEquals(List.of("done 2", "done 3", "done 4"), answers.subList(1, 4).stream()
                .map(CompletableFuture::join).toList());
        assertEquals(List.of(5), started.get(2));
        complete(2);
        assertEquals("done 5", answers.get(4).join());

        answers.add(batches.submit("A", 6).subscribe().asCompletionStage());
        assertEquals(List.of(6), started.get(3), "with nothing running, an item starts at once again");
    }

    @Test
    void eachItemGetsItsOwnOutcomeAndAFailedBatchFailsOnlyItsItems() {
        CompletableFuture<String> first = batches.submit("A", 1).subscribe().asCompletionStage();
        CompletableFuture<String> second = batches.submit("A", 2).subscribe().asCompletionStage();
        CompletableFuture<String> third = batches.submit("A", 3).subscribe().asCompletionStage();
        running.get(0).fail(new IllegalStateException("batch failed"));
        assertTrue(first.isCompletedExceptionally());

        running.get(1).complete(List.of(Uni.createFrom().failure(new IllegalArgumentException("refused")),
                Uni.createFrom().item("placed")));
        assertTrue(second.isCompletedExceptionally());
        assertEquals("placed", third.join());
    }

    @Test
    void differentKeysDoNotWaitForEachOther() {
        batches.submit("A", 1).subscribe().asCompletionStage();
        batches.submit("B", 2).subscribe().asCompletionStage();
        assertEquals(List.of(List.of(1), List.of(2)), started);
    }

    private void complete(int batch) {
        running.get(batch).complete(started.get(batch).stream().map(item -> Uni.createFrom().item("done " + item))
                .toList());
    }

    @Test
    void itemsThatWaitedTooLongFailWithoutRunning() {
        KeyedBatches<String, Integer, String> impatient = batches(Duration.ZERO);
        CompletableFuture<String> first = impatient.submit("A", 1).subscribe().asCompletionStage();
        CompletableFuture<String> late = impatient.submit("A", 2).subscribe().asCompletionStage();
        complete(0);

        assertEquals("done 1", first.join());
        assertTrue(late.isCompletedExceptionally());
        assertEquals(1, started.size(), "the late item never ran");
        impatient.submit("A", 3).subscribe().asCompletionStage();
        assertEquals(List.of(3), started.get(1), "and the key is free again");
    }
}
