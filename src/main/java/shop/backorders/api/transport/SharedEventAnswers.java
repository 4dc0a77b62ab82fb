package shop.backorders.api.transport;

import java.math.BigInteger;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
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
import graphql.language.IntValue;
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
 * variables give the same answer. Who may see an item is decided before it is emitted, and what of it they
 * may see is part of it (a product's counts: ProductView.visibility), so callers told less never share an
 * answer with those told more. An answer with errors is never shared. A document that selects a field
 * computed rather than read from the item (a product's availability for several units) is answered per
 * subscriber (SharedEventAnswersTest). A product's availability for one unit counts as read from the item: a
 * live product carries its stock version, and the answer for it is worked out once per version for everyone
 * (live.LiveAvailability).
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
                if (type != schema.getSubscriptionType() && !answeredByItem(type, field)
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

    /**
     * A product's availability for one unit (quantity left to its default, or a literal 1): the same for every
     * item of one event (see the class comment). A variable's value is not known here, so it is not.
     */
    private static boolean answeredByItem(GraphQLObjectType type, Field field) {
        if (!"Product".equals(type.getName()) || !"availability".equals(field.getName())) {
            return false;
        }
        return field.getArguments().stream().filter(argument -> "quantity".equals(argument.getName()))
                .allMatch(quantity -> quantity.getValue() instanceof IntValue value
                        && BigInteger.ONE.equals(value.getValue()));
    }

    /** How many times a subscriber was sent an answer worked out for another. */
    public long reused() {
        return reused.sum();
    }

    /**
     * The document by its text and the operation by its name: not by the parsed document's identity, which is
     * the same for the same text only while SmallRye's document cache keeps it, and a cache full of other
     * documents may drop a new one at once (SharedEventAnswersTest failed so, run after many others).
     */
    private record Question(Document document, Map<String, Object> variables, Object item) {
    }

    /** A subscription's document text and the operation it runs (null if the document has only one). */
    private record Document(String text, String operationName) {

        static Document of(ExecutionContext context) {
            return new Document(context.getExecutionInput().getQuery(), context.getExecutionInput().getOperationName());
        }
    }

    /**
     * An answer, as JSON once the first subscriber's is complete; {@link #NOT_SHARED} if that one had errors. Kept
     * from the moment the first subscriber starts on it, so those asking meanwhile (an answer read from the
     * database, such as a product's availability, takes a while) wait for it rather than work out their own.
     */
    private record Answer(CompletableFuture<Object> json) {
    }

    private static final Object NOT_SHARED = new Object();

    private final class Sharing extends SubscriptionExecutionStrategy {

        private final Recent<Question, Answer> recent = new Recent<>(REMEMBERED);
        /** Per document (as in Question): whether it selects only fields read from the item. */
        private final Recent<Document, Boolean> shareable = new Recent<>(REMEMBERED);

        Sharing() {
            super(new ExceptionHandler());
        }

        private boolean shareable(ExecutionContext context) {
            Document document = Document.of(context);
            Boolean known = shareable.get(document);
            if (known == null) {
                known = computedField(context.getGraphQLSchema(), context.getOperationDefinition(),
                        context.getFragmentsByName()).isEmpty();
                shareable.put(document, known);
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
            Question question = new Question(Document.of(context), context.getCoercedVariables().toMap(), item);
            Answer mine = new Answer(new CompletableFuture<>());
            Answer known;
            synchronized (recent) {
                known = recent.get(question);
                if (known == null) {
                    recent.put(question, mine);
                }
            }
            if (known != null) {
                // The subscribed field is an object (the item is not null); the strategy only awaits its value.
                return new FieldValueInfo(FieldValueInfo.CompleteValueType.OBJECT, known.json().thenCompose(json -> {
                    if (json == NOT_SHARED) {
                        return super.completeField(context, parameters, fetched).getFieldValueFuture();
                    }
                    reused.increment();
                    return CompletableFuture.completedFuture(json);
                }));
            }
            FieldValueInfo completed = super.completeField(context, parameters, fetched);
            CompletableFuture<Object> answered = completed.getFieldValueFuture().thenApply(value ->
                    context.getErrors().isEmpty() ? new ExecutionResponse(ExecutionResultImpl.newExecutionResult()
                            .data(value).build()).getExecutionResultAsJsonObject().get("data") : value);
            answered.whenComplete((json, failure) -> mine.json().complete(
                    failure == null && context.getErrors().isEmpty() ? json : NOT_SHARED));
            return new FieldValueInfo(completed.getCompleteValueType(), answered, completed.getFieldValueInfos());
        }
    }
}
