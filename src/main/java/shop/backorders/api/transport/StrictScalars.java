package shop.backorders.api.transport;

import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import graphql.GraphQL;
import graphql.Scalars;
import graphql.TrivialDataFetcher;
import graphql.schema.Coercing;
import graphql.schema.FieldCoordinates;
import graphql.schema.GraphQLCodeRegistry;
import graphql.schema.GraphQLScalarType;
import graphql.schema.GraphQLSchema;
import graphql.schema.GraphQLSchemaElement;
import graphql.schema.GraphQLTypeVisitorStub;
import graphql.schema.SchemaTransformer;
import graphql.util.TraversalControl;
import graphql.util.TraverserContext;
import shop.backorders.api.view.Money;
import shop.backorders.api.view.ProductView;

/**
 * Scalars as strict as the shop needs, in place of SmallRye's lenient ones. `Int` as the GraphQL spec has it,
 * with graphql-java's own coercing: a whole number within 32 bits, given as a number (SmallRye's takes 1.5 and
 * the string "1" and truncates them, so a customer asking for 1.5 units would get one). `Decimal`, money's
 * amount, with {@link DecimalCoercing}, and money read straight from its record: SmallRye's own data fetcher
 * for these fields fills its context with the selected fields on every fetch, which made a product's price
 * cost more than the rest of the product (bench, product by SKU at 32 clients: 1,060 queries/s with it, 2,600
 * without). Through SmallRye's GraphQL.Builder event, over HTTP and WebSocket alike. Guarded by
 * HostileInputTest, PriceTest and StrictScalarsTest.
 */
@ApplicationScoped
public class StrictScalars {

    /** The coercing each of these scalars gets, by name. */
    private static final Map<String, Coercing<?, ?>> COERCING = Map.of(
            Scalars.GraphQLInt.getName(), Scalars.GraphQLInt.getCoercing(),
            "Decimal", new DecimalCoercing());

    /** SmallRye's schema and the one with the strict Int made from it. */
    private record Strict(GraphQLSchema smallRye, GraphQLSchema strict) {
    }

    private Strict made;

    /**
     * SmallRye builds a GraphQL object per transport (HTTP, WebSocket) from one schema. Each gets the same strict
     * schema, made once: graphql-java's transform shares unchanged types with its source, and with one made per
     * transport, a run whose first request read the SDL endpoint failed every later query's validation
     * ("objects of type 'Backorder' can never be of type 'Backorder'"). Guarded by StrictScalarsTest, and by
     * SchemaTest then CatalogTest in one run.
     */
    synchronized void install(@Observes GraphQL.Builder builder) {
        GraphQLSchema smallRye = builder.build().getGraphQLSchema();
        if (made == null || made.smallRye() != smallRye) {
            made = new Strict(smallRye, moneyFromRecords(SchemaTransformer.transformSchema(smallRye,
                    new GraphQLTypeVisitorStub() {
                @Override
                public TraversalControl visitGraphQLScalarType(GraphQLScalarType scalar,
                        TraverserContext<GraphQLSchemaElement> context) {
                    Coercing<?, ?> coercing = COERCING.get(scalar.getName());
                    if (coercing == null) {
                        return TraversalControl.CONTINUE;
                    }
                    return changeNode(context, scalar.transform(type -> type.coercing(coercing)));
                }
            })));
        }
        builder.schema(made.strict());
    }

    /** Only the data fetchers change: the types, and so their references, stay as they are. */
    private static GraphQLSchema moneyFromRecords(GraphQLSchema schema) {
        GraphQLCodeRegistry fetchers = schema.getCodeRegistry().transform(registry -> registry
                .dataFetcher(FieldCoordinates.coordinates("Product", "price"),
                        (TrivialDataFetcher<?>) field -> field.<ProductView>getSource().price())
                .dataFetcher(FieldCoordinates.coordinates("Money", "amount"),
                        (TrivialDataFetcher<?>) field -> field.<Money>getSource().amount())
                .dataFetcher(FieldCoordinates.coordinates("Money", "currencyCode"),
                        (TrivialDataFetcher<?>) field -> field.<Money>getSource().currencyCode()));
        return schema.transformWithoutTypes(builder -> builder.codeRegistry(fetchers));
    }
}
