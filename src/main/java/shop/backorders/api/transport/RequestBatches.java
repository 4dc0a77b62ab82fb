package shop.backorders.api.transport;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.dataloader.DataLoader;
import org.dataloader.DataLoaderFactory;
import org.dataloader.DataLoaderRegistry;

import graphql.ExecutionInput;
import graphql.GraphQL;
import graphql.execution.instrumentation.ChainedInstrumentation;
import graphql.execution.instrumentation.Instrumentation;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecutionParameters;
import graphql.language.OperationDefinition;
import graphql.schema.DataFetchingEnvironment;
import io.smallrye.graphql.api.Context;
import io.smallrye.mutiny.Uni;
import shop.backorders.shared.OwnContext;

/**
 * Loads a field for every object of a response in one go: graphql-java's DataLoader, registered in the
 * request's registry on first use and dispatched by graphql-java once a level of the response is fetched.
 * SmallRye gives a request a registry only if the schema has batched fields of its own, and graphql-java
 * dispatches nothing without one: an instrumentation chained onto SmallRye's (through its GraphQL.Builder
 * event) gives every request one (AvailabilityTest's page case).
 * Not SmallRye's batching ({@code @Source List}): that keys by the source object alone and hands every key the
 * first one's arguments, so two aliases asking different quantities of one product would get one answer
 * (guarded by AvailabilityTest's page case). The field's method calls {@link #load} as graphql-java calls it, never
 * later (as {@link SessionPerField} would run it): a key asked after the dispatch would wait forever. A
 * subscription's event is one object: its field is loaded at once, without a batch.
 */
@ApplicationScoped
public class RequestBatches {

    void giveEveryRequestARegistry(@Observes GraphQL.Builder builder) {
        chainOnto(builder, new Registry());
    }

    /**
     * Adds an instrumentation to the chain SmallRye built, in one flat chain: every field's fetch passes through
     * each chain, so a chain of chains costs more on every field.
     */
    static void chainOnto(GraphQL.Builder builder, Instrumentation added) {
        Instrumentation current = builder.build().getInstrumentation();
        List<Instrumentation> chain = new ArrayList<>(current instanceof ChainedInstrumentation chained
                ? chained.getInstrumentations() : List.of(current));
        chain.add(added);
        builder.instrumentation(new ChainedInstrumentation(chain));
    }

    private static final class Registry extends SimplePerformantInstrumentation {

        @Override
        public ExecutionInput instrumentExecutionInput(ExecutionInput input, InstrumentationExecutionParameters unused,
                InstrumentationState state) {
            return input.getDataLoaderRegistry().getKeys().isEmpty()
                    ? input.transform(builder -> builder.dataLoaderRegistry(new DataLoaderRegistry()))
                    : input;
        }
    }

    /**
     * The value for this key, loaded with the other keys of the same batch name asked in this response.
     *
     * @param loadAll the values of keys, one per key in order, on a database session of its own
     */
    public static <K, V> Uni<V> load(Context context, String name, K key, Function<List<K>, Uni<List<V>>> loadAll) {
        DataFetchingEnvironment field = context.unwrap(DataFetchingEnvironment.class);
        if (field.getOperationDefinition().getOperation() == OperationDefinition.Operation.SUBSCRIPTION) {
            return OwnContext.run(() -> loadAll.apply(List.of(key))).map(values -> values.get(0));
        }
        DataLoader<K, V> loader = field.getDataLoaderRegistry().computeIfAbsent(name,
                unused -> DataLoaderFactory.newDataLoader((List<K> keys) -> OwnContext.run(() -> loadAll.apply(keys))
                        .subscribeAsCompletionStage()));
        return Uni.createFrom().completionStage(loader.load(key));
    }
}
