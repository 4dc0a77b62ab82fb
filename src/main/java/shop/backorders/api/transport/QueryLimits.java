package shop.backorders.api.transport;

import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import graphql.GraphQL;
import graphql.execution.AbortExecutionException;
import graphql.execution.instrumentation.ChainedInstrumentation;
import graphql.execution.instrumentation.Instrumentation;
import graphql.execution.instrumentation.InstrumentationContext;
import graphql.execution.instrumentation.InstrumentationState;
import graphql.execution.instrumentation.SimplePerformantInstrumentation;
import graphql.execution.instrumentation.parameters.InstrumentationExecuteOperationParameters;
import graphql.language.Field;
import graphql.language.FragmentDefinition;
import graphql.language.FragmentSpread;
import graphql.language.InlineFragment;
import graphql.language.Selection;
import graphql.language.SelectionSet;
import graphql.parser.ParserOptions;
import io.quarkus.runtime.StartupEvent;
import shop.backorders.shared.ShopConfig;

/**
 * Limits on one GraphQL document, over HTTP and WebSocket alike, beside SmallRye's depth and complexity
 * limits (quarkus.smallrye-graphql.instrumentation-query-*): parser tokens, and root fields, each of which
 * runs on its own database session (SessionPerField), so 2,000 aliased fields would be 2,000 sessions
 * queued for a pool of 20. A document over a limit is refused before anything runs: REQUEST_TOO_LARGE.
 * <p>
 * Two graphql-java hooks, both process-wide: the default parser options for operations (SmallRye's own
 * parser-max-tokens sets only the options graphql-java no longer parses operations with), and an
 * instrumentation added to SmallRye's chain through its GraphQL.Builder event. Guarded by HostileInputTest.
 */
@ApplicationScoped
public class QueryLimits {

    private final int maxRootFields;
    private final int maxTokens;

    public QueryLimits(ShopConfig config) {
        this.maxRootFields = config.graphql().maxRootFields();
        this.maxTokens = config.graphql().maxTokens();
    }

    void limitParsing(@Observes StartupEvent starting) {
        ParserOptions.setDefaultOperationParserOptions(ParserOptions.getDefaultOperationParserOptions()
                .transform(options -> options.maxTokens(maxTokens).maxWhitespaceTokens(maxTokens * 10)));
    }

    void limitRootFields(@Observes GraphQL.Builder builder) {
        Instrumentation smallRye = builder.build().getInstrumentation();
        builder.instrumentation(new ChainedInstrumentation(List.of(smallRye, new RootFieldLimit())));
    }

    private final class RootFieldLimit extends SimplePerformantInstrumentation {

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
