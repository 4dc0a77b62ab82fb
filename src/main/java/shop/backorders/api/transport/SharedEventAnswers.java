package shop.backorders.api.transport;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import graphql.ExecutionResultImpl;
import graphql.GraphQL;
import graphql.execution.ExecutionContext;
import graphql.execution.ExecutionStrategyParameters;
import graphql.execution.FetchedValue;
import graphql.execution.FieldValueInfo;
import graphql.execution.SubscriptionExecutionStrategy;
import graphql.language.OperationDefinition;
import io.smallrye.graphql.execution.ExecutionResponse;
import io.smallrye.graphql.execution.error.ExceptionHandler;

/**
 * One answer per event for all the subscribers asking the same. graphql-java runs a subscription's
 * selection for each subscriber on each event, and SmallRye turns each result into JSON: about 100 µs of
 * CPU per subscriber, over a second for the 10,000 watching one product on launch day. Here the subscribed
 * field's value for an event is worked out and turned into JSON once for each document and variables, and
 * every subscriber asking the same gets that JSON (SmallRye passes JSON values through as they are).
 * <p>
 * Sound because the fields of the live types are plain values of the item a subscription emits, which is
 * a value (a record): they read no caller and no context, so equal items asked with the same document and
 * variables give the same answer. Who may see an item is decided before it is emitted. An answer with
 * errors is never shared.
 * <p>
 * graphql-java's subscription strategy, with the one step it lets a subclass replace (completing the
 * subscribed field for an event) answered from the recent answers; installed through SmallRye's
 * GraphQL.Builder event, with SmallRye's exception handler as SmallRye installs it. Guarded by
 * LiveUpdatesTest.
 */
@ApplicationScoped
public class SharedEventAnswers {

    /** Answers kept: an event's fan-out is over long before this many others have come. */
    private static final int REMEMBERED = 1_024;

    private final LongAdder reused = new LongAdder();

    void install(@Observes GraphQL.Builder builder) {
        builder.subscriptionExecutionStrategy(new Sharing());
    }

    /** How many times a subscriber was sent an answer worked out for another. */
    public long reused() {
        return reused.sum();
    }

    /** The document's operation by identity: SmallRye hands the same parsed document to the same text. */
    private record Question(OperationDefinition operation, Map<String, Object> variables, Object item) {
    }

    private record Answer(FieldValueInfo.CompleteValueType type, Object json) {
    }

    private final class Sharing extends SubscriptionExecutionStrategy {

        private final Map<Question, Answer> recent = new LinkedHashMap<>(REMEMBERED * 2, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Question, Answer> eldest) {
                return size() > REMEMBERED;
            }
        };

        Sharing() {
            super(new ExceptionHandler());
        }

        @Override
        protected FieldValueInfo completeField(ExecutionContext context, ExecutionStrategyParameters parameters,
                FetchedValue fetched) {
            Object item = fetched.getFetchedValue();
            if (item == null || !fetched.getErrors().isEmpty()) {
                return super.completeField(context, parameters, fetched);
            }
            Question question = new Question(context.getOperationDefinition(), context.getCoercedVariables().toMap(),
                    item);
            Answer known;
            synchronized (recent) {
                known = recent.get(question);
            }
            if (known != null) {
                reused.increment();
                return new FieldValueInfo(known.type(), known.json());
            }
            FieldValueInfo completed = super.completeField(context, parameters, fetched);
            return new FieldValueInfo(completed.getCompleteValueType(),
                    completed.getFieldValueFuture().thenApply(value -> {
                        if (!context.getErrors().isEmpty()) {
                            return value;
                        }
                        Object json = new ExecutionResponse(ExecutionResultImpl.newExecutionResult().data(value)
                                .build()).getExecutionResultAsJsonObject().get("data");
                        synchronized (recent) {
                            recent.put(question, new Answer(completed.getCompleteValueType(), json));
                        }
                        return json;
                    }), completed.getFieldValueInfos());
        }
    }
}
