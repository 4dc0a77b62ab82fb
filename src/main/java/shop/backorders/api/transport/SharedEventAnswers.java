package shop.backorders.api.transport;

import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import graphql.ExecutionResultImpl;
import graphql.GraphQL;
import graphql.TrivialDataFetcher;
import graphql.execution.ExecutionContext;
import graphql.execution.ExecutionStrategyParameters;
import graphql.execution.FetchedValue;
import graphql.execution.FieldValueInfo;
import graphql.execution.SubscriptionExecutionStrategy;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.OperationDefinition;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.schema.GraphQLFieldDefinition;
import graphql.schema.GraphQLInterfaceType;
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
 * errors is never shared. A document that selects a field computed rather than read from the item (a
 * product's availability) is answered per subscriber (SharedEventAnswersTest).
 * <p>
 * graphql-java's subscription strategy, with the one step it lets a subclass replace (completing the
 * subscribed field for an event) answered from the recent answers; installed through SmallRye's
 * GraphQL.Builder event, with SmallRye's exception handler as SmallRye installs it. Guarded by
 * SharedEventAnswersTest.
 */
@ApplicationScoped
public class SharedEventAnswers {

    /** Answers kept: an event's fan-out is over long before this many others have come. */
    private static final int REMEMBERED = 1_024;

    private final LongAdder reused = new LongAdder();

    void install(@Observes GraphQL.Builder builder) {
        builder.subscriptionExecutionStrategy(new Sharing());
    }

    /**
     * The first field a subscription document selects that is not read straight from its item (by a trivial
     * data fetcher) and might therefore depend on who asks or when; none if every one is.
     */
    static Optional<String> computedField(GraphQLSchema schema, OperationDefinition operation,
            Map<String, FragmentDefinition> fragments) {
        return computedIn(schema, schema.getSubscriptionType(), operation.getSelectionSet(), fragments,
                new HashSet<>());
    }

    private static Optional<String> computedIn(GraphQLSchema schema, GraphQLObjectType type, SelectionSet selections,
            Map<String, FragmentDefinition> fragments, Set<String> spread) {
        for (Selection<?> selection : selections.getSelections()) {
            Optional<String> computed = Optional.empty();
            if (selection instanceof Field field && type.getFieldDefinition(field.getName()) != null) {
                GraphQLFieldDefinition definition = type.getFieldDefinition(field.getName());
                String name = type.getName() + "." + field.getName();
                GraphQLType fieldType = GraphQLTypeUtil.unwrapAll(definition.getType());
                // The subscribed field itself is the subscription's resolver; the fields below it read its item.
                if (type != schema.getSubscriptionType()
                        && !(schema.getCodeRegistry().getDataFetcher(type, definition) instanceof TrivialDataFetcher)
                        || fieldType instanceof GraphQLInterfaceType || fieldType instanceof GraphQLUnionType) {
                    return Optional.of(name);
                }
                if (fieldType instanceof GraphQLObjectType object && field.getSelectionSet() != null) {
                    computed = computedIn(schema, object, field.getSelectionSet(), fragments, spread);
                }
            } else if (selection instanceof InlineFragment inline) {
                computed = computedIn(schema, type, inline.getSelectionSet(), fragments, spread);
            } else if (selection instanceof FragmentSpread named && spread.add(named.getName())
                    && fragments.containsKey(named.getName())) {
                computed = computedIn(schema, type, fragments.get(named.getName()).getSelectionSet(), fragments,
                        spread);
            }
            if (computed.isPresent()) {
                return computed;
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
        /** Per document (by identity, as in Question): whether it selects only fields read from the item. */
        private final Recent<OperationDefinition, Boolean> shareable = new Recent<>(REMEMBERED);

        Sharing() {
            super(new ExceptionHandler());
        }

        private boolean shareable(ExecutionContext context) {
            OperationDefinition operation = context.getOperationDefinition();
            Boolean known = shareable.get(operation);
            if (known == null) {
                known = computedField(context.getGraphQLSchema(), operation, context.getFragmentsByName()).isEmpty();
                shareable.put(operation, known);
            }
            return known;
        }

        @Override
        protected FieldValueInfo completeField(ExecutionContext context, ExecutionStrategyParameters parameters,
                FetchedValue fetched) {
            Object item = fetched.getFetchedValue();
            if (item == null || !fetched.getErrors().isEmpty() || !shareable(context)) {
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
