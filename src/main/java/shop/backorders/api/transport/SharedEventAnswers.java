package shop.backorders.api.transport;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import graphql.ExecutionResultImpl;
import graphql.GraphQL;
import graphql.TrivialDataFetcher;
import graphql.execution.ExecutionContext;
import graphql.execution.ExecutionStrategyParameters;
import graphql.execution.FetchedValue;
import graphql.execution.FieldValueInfo;
import graphql.execution.SubscriptionExecutionStrategy;
import graphql.language.OperationDefinition;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLInterfaceType;
import graphql.schema.GraphQLNamedType;
import graphql.schema.GraphQLObjectType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLType;
import graphql.schema.GraphQLTypeUtil;
import graphql.schema.GraphQLUnionType;
import io.smallrye.graphql.execution.ExecutionResponse;
import io.smallrye.graphql.execution.error.ExceptionHandler;
import shop.backorders.shared.Recent;

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
 * errors is never shared. Should a field reachable from a subscription ever be computed rather than read
 * from its item, nothing is shared (with a warning at start-up) and SharedEventAnswersTest fails.
 * <p>
 * graphql-java's subscription strategy, with the one step it lets a subclass replace (completing the
 * subscribed field for an event) answered from the recent answers; installed through SmallRye's
 * GraphQL.Builder event, with SmallRye's exception handler as SmallRye installs it. Guarded by
 * SharedEventAnswersTest.
 */
@ApplicationScoped
public class SharedEventAnswers {

    private static final Logger LOG = Logger.getLogger(SharedEventAnswers.class);
    /** Answers kept: an event's fan-out is over long before this many others have come. */
    private static final int REMEMBERED = 1_024;

    private final LongAdder reused = new LongAdder();

    void install(@Observes GraphQL.Builder builder) {
        Optional<String> computed = computedField(builder.build().getGraphQLSchema());
        if (computed.isPresent()) {
            LOG.warnf("Live answers are worked out per subscriber: %s is computed, not read from the item",
                    computed.get());
            return;
        }
        builder.subscriptionExecutionStrategy(new Sharing());
    }

    /**
     * The first field a subscription reaches that is not read straight from its item (by a trivial data
     * fetcher) and might therefore depend on who asks; none if every one is.
     */
    static Optional<String> computedField(GraphQLSchema schema) {
        Deque<GraphQLType> toVisit = new ArrayDeque<>();
        Set<String> seen = new HashSet<>();
        if (schema.getSubscriptionType() != null) {
            schema.getSubscriptionType().getFieldDefinitions().forEach(field -> toVisit.add(field.getType()));
        }
        while (!toVisit.isEmpty()) {
            GraphQLType type = GraphQLTypeUtil.unwrapAll(toVisit.poll());
            if (type instanceof GraphQLInterfaceType || type instanceof GraphQLUnionType) {
                return Optional.of(((GraphQLNamedType) type).getName());
            }
            if (!(type instanceof GraphQLObjectType object) || !seen.add(object.getName())) {
                continue;
            }
            for (GraphQLFieldDefinition field : object.getFieldDefinitions()) {
                if (!(schema.getCodeRegistry().getDataFetcher(object, field) instanceof TrivialDataFetcher)) {
                    return Optional.of(object.getName() + "." + field.getName());
                }
                toVisit.add(field.getType());
            }
        }
        return Optional.empty();
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

        private final Recent<Question, Answer> recent = new Recent<>(REMEMBERED);

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
            Answer known = recent.get(question);
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
                        recent.put(question, new Answer(completed.getCompleteValueType(), json));
                        return json;
                    }), completed.getFieldValueInfos());
        }
    }
}
