package shop.backorders.shared;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;

import io.smallrye.mutiny.Uni;

/** Sequential steps over a collection: a reactive session runs one statement at a time. */
public final class Sequence {

    private Sequence() {
    }

    public static <T> Uni<Void> forEach(Collection<T> items, Function<T, Uni<?>> step) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (T item : items) {
            chain = chain.chain(() -> step.apply(item)).replaceWithVoid();
        }
        return chain;
    }

    /** What each step gave, in order. */
    public static <T, R> Uni<List<R>> map(Collection<T> items, Function<T, Uni<R>> step) {
        List<R> results = new ArrayList<>();
        return forEach(items, item -> step.apply(item).invoke(results::add)).replaceWith(results);
    }
}
