package shop.backorders.api.transport;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.ConfigProvider;

import graphql.ExecutionInput;
import graphql.GraphQL;
import graphql.execution.AbortExecutionException;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import graphql.execution.instrumentation.parameters.InstrumentationExecutionParameters;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.parser.InvalidSyntaxException;
import graphql.parser.ParserOptions;
import graphql.parser.ParsingListener;
import graphql.parser.exceptions.ParseCancelledException;
import graphql.parser.exceptions.ParseCancelledTooDeepException;
import graphql.parser.exceptions.ParseCancelledTooManyCharsException;
import graphql.schema.GraphQLSchema;
import shop.backorders.shared.ShopConfig;

/**
 * Limits on one GraphQL request, over HTTP and WebSocket alike, beside SmallRye's depth and complexity
 * limits (quarkus.smallrye-graphql.instrumentation-query-*): the characters and parser tokens of its
 * document, the length of every string in it or in its variables, and its root fields, each of which runs on
 * its own database session (SessionPerField), so 2,000 aliased fields would be 2,000 sessions queued for a
 * pool of 20. A request over a limit is refused before anything runs: REQUEST_TOO_LARGE (a document over the
 * token limit sent over WebSocket: INVALID_INPUT, as graphql-java's parse reports it).
 * <p>
 * The document limits bound memory too: SmallRye keeps every distinct document it has checked, by its text,
 * in a cache whose size this sets (a parsed document takes up to 130 bytes per token).
 * <p>
 * Hooks: an instrumentation added to SmallRye's chain through its GraphQL.Builder event, which hands
 * graphql-java's parse these limits as its parser options (SmallRye's parser-max-* settings set only the
 * options graphql-java no longer parses operations with); RequestChecks parses HTTP requests with them too;
 * and the system property SmallRye sizes its document cache with. SmallRye parses each document once before
 * any hook, with graphql-java's defaults, and answers one it cannot parse without a code: so the limits are
 * not made process-wide, and a document over them is refused, coded, by the parse that follows.
 * Guarded by HostileInputTest and LargeDocumentsIT.
 */
@ApplicationScoped
public class QueryLimits {

    /** Read once by SmallRye's QueryCache, as its class loads. */
    static final String DOCUMENT_CACHE_SIZE = "io.smallrye.graphql.execution.queryCacheMaxSize";

    private final int maxRootFields;
    private final int maxDocumentLength;
    private final int maxStringLength;
    private final ParserOptions parserOptions;

    public QueryLimits(ShopConfig config) {
        this.maxRootFields = config.graphql().maxRootFields();
        this.maxDocumentLength = config.graphql().maxDocumentLength();
        this.maxStringLength = config.graphql().maxStringLength();
        int maxTokens = config.graphql().maxTokens();
        this.parserOptions = ParserOptions.getDefaultOperationParserOptions().transform(options -> options
                .maxTokens(maxTokens).maxWhitespaceTokens(maxTokens * 10).maxCharacters(maxDocumentLength)
                .parsingListener(this::checkString));
    }

    /**
     * Sizes SmallRye's document cache: SmallRye builds it with its execution service, right after the schema
     * this event builds, at static init, before the shop's settings are mapped, so read here by name
     * (guarded by HostileInputTest).
     */
    static void sizeDocumentCache(@Observes GraphQLSchema.Builder schema) {
        System.setProperty(DOCUMENT_CACHE_SIZE, ConfigProvider.getConfig()
                .getOptionalValue("shop.graphql.document-cache-size", String.class)
                .orElse(ShopConfig.Graphql.DOCUMENT_CACHE_SIZE));
    }

    /** The options to parse a document with: over a limit, the parse fails. */
    public ParserOptions parserOptions() {
        return parserOptions;
    }

    void limitRequests(@Observes GraphQL.Builder builder) {
        RequestBatches.chainOnto(builder, new RequestLimits());
    }

    /** Whether a document failed to parse for being over a limit, rather than for being wrong. */
    public static boolean isOverLimit(InvalidSyntaxException failure) {
        return failure instanceof ParseCancelledException || failure instanceof ParseCancelledTooManyCharsException
                || failure instanceof ParseCancelledTooDeepException;
    }

    /**
     * A string literal is one token, so the token limit does not bound it, and graphql-java has no limit of its
     * own for strings (guarded by HostileInputTest). Aborts the parse (graphql-java passes anything but a syntax
     * error through), so the request is refused as too large.
     */
    private void checkString(ParsingListener.Token token) {
        String text = token.getText();
        // The token as written, quotes included: "…" or a block string """…""".
        if (text.length() > maxStringLength + 2 && text.charAt(0) == '"') {
            throw new AbortExecutionException("A string in the document (line " + token.getLine()
                    + ") is longer than " + maxStringLength + " characters");
        }
    }

    /**
     * Whether every string the variables hold, however deep, is within the limit (graphql-java has no such limit;
     * guarded by HostileInputTest); walked without recursion.
     */
    private boolean stringsWithinLimit(Map<String, Object> variables) {
        Deque<Object> values = new ArrayDeque<>();
        values.push(variables);
        while (!values.isEmpty()) {
            Object value = values.pop();
            if (value instanceof CharSequence text && text.length() > maxStringLength) {
                return false;
            }
            Iterable<?> inner = value instanceof Map<?, ?> object ? object.values()
                    : value instanceof Iterable<?> list ? list : List.of();
            for (Object element : inner) {
                if (element != null) {
                    values.push(element);
                }
            }
        }
        return true;
    }

    private final class RequestLimits extends SimplePerformantInstrumentation {

        @Override
        public ExecutionInput instrumentExecutionInput(ExecutionInput input,
                InstrumentationExecutionParameters parameters, InstrumentationState state) {
            if (input.getQuery().length() > maxDocumentLength) {
                throw new AbortExecutionException("The document is longer than " + maxDocumentLength
                        + " characters");
            }
            if (!stringsWithinLimit(input.getVariables())) {
                throw new AbortExecutionException("A string in the variables is longer than " + maxStringLength
                        + " characters");
            }
            input.getGraphQLContext().put(ParserOptions.class, parserOptions);
            return input;
        }

        @Override
        public InstrumentationContext<graphql.ExecutionResult> beginExecuteOperation(
                InstrumentationExecuteOperationParameters parameters, InstrumentationState state) {
            var execution = parameters.getExecutionContext();
            int fields = count(execution.getOperationDefinition().getSelectionSet(), execution.getFragmentsByName(), 0);
            if (fields > maxRootFields) {
                throw new AbortExecutionException("The operation asks for " + fields + " root fields; at most "
                        + maxRootFields + " are answered in one request");
            }
            return super.beginExecuteOperation(parameters, state);
        }

        /** Root fields, through fragments; stops counting once over the limit (fragments may repeat). */
        private int count(SelectionSet selections, Map<String, FragmentDefinition> fragments, int depth) {
            int fields = 0;
            for (Selection<?> selection : selections.getSelections()) {
                if (fields > maxRootFields || depth > fragments.size()) {
                    break;
                }
                if (selection instanceof Field) {
                    fields++;
                } else if (selection instanceof InlineFragment inline) {
                    fields += count(inline.getSelectionSet(), fragments, depth + 1);
                } else if (selection instanceof FragmentSpread spread && fragments.containsKey(spread.getName())) {
                    fields += count(fragments.get(spread.getName()).getSelectionSet(), fragments, depth + 1);
                }
            }
            return fields;
        }
    }
}
