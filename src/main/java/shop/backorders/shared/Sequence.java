package shop.backorders.shared;

import java.util.Collection;
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
}
