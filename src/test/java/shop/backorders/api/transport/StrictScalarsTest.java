package shop.backorders.api.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;

/** The strict Int, as the two transports' GraphQL objects get it from one schema, without a server. */
class StrictScalarsTest {

    private static final String SCHEMA = """
            type Query { order: Order, count(units: Int): Int }
            type Order { id: ID, backorders: [Backorder] }
            type Backorder { id: ID, quantity: Int }
            """;

    @Test
    void bothTransportsGetOneStrictSchemaThatStillValidatesQueries() {
        GraphQLSchema smallRye = new SchemaGenerator().makeExecutableSchema(new SchemaParser().parse(SCHEMA),
                RuntimeWiring.MOCKED_WIRING);
        StrictScalars strict = new StrictScalars();
        GraphQL.Builder http = GraphQL.newGraphQL(smallRye);
        strict.install(http);
        GraphQL.Builder webSocket = GraphQL.newGraphQL(smallRye);
        strict.install(webSocket);

        GraphQL overHttp = http.build();
        assertEquals(overHttp.getGraphQLSchema(), webSocket.build().getGraphQLSchema());
        ExecutionResult fragments = overHttp.execute("""
                { order { ...OrderFields } }
                fragment OrderFields on Order { backorders { ...BackorderFields } }
                fragment BackorderFields on Backorder { id quantity }""");
        assertEquals(List.of(), fragments.getErrors());
        for (String notAnInt : List.of("1.5", "\"1\"", "3000000000")) {
            ExecutionResult refused = overHttp.execute("{ count(units: " + notAnInt + ") }");
            assertTrue(!refused.getErrors().isEmpty(), notAnInt + " is not an Int");
        }
    }
}
