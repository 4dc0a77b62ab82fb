package shop.backorders.api.transport;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static shop.backorders.support.Fixtures.createProduct;
import static shop.backorders.support.GraphQLClient.data;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import graphql.TrivialDataFetcher;
import graphql.language.Document;
import graphql.language.FragmentDefinition;
import graphql.language.OperationDefinition;
import graphql.parser.Parser;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.TypeDefinitionRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;
import shop.backorders.support.LiveTest;
import shop.backorders.support.SubscriptionClient;
import shop.backorders.support.SubscriptionClient.Protocol;

/**
 * Subscribers asking the same document with the same variables share one answer per event; anyone
 * asking something else (other fields, another product) gets their own.
 */
@QuarkusTest
class SharedEventAnswersTest extends LiveTest {

    @Inject
    SharedEventAnswers answers;

    @Test
    void subscribersAskingTheSameShareAnAnswerAndNobodyGetsAnotherOne() throws Exception {
        String sku = createProduct("ALLOW", null, 0);
        String other = createProduct("ALLOW", null, 0);
        try (SubscriptionClient first = SubscriptionClient.connect(vertx, Protocol.TRANSPORT_WS);
                SubscriptionClient second = SubscriptionClient.connect(vertx, Protocol.LEGACY_WS)) {
            // Two alike on one connection: one event loop works them out one after the other.
            String product = first.subscribe("StockChanged", Map.of("sku", sku));
            String sameProduct = first.subscribe("StockChanged", Map.of("sku", sku));
            String otherProduct = first.subscribe("StockChanged", Map.of("sku", other));
            String onHandOnly = first.subscribe("OnHandChanged", Map.of("sku", sku));
            String overLegacy = second.subscribe("StockChanged", Map.of("sku", sku));
            // Computed per subscriber, at the event: not shared.
            String availability = second.subscribe("AvailabilityChanged", Map.of("sku", sku, "quantity", 2));
            awaitSubscriptions(6);
            long reusedBefore = answers.reused();

            String restocked = data("ReceiveStock", Map.of("sku", sku, "quantity", 2)).getString("receiveStock.id");

            JsonObject answer = first.next(product);
            assertEquals(restocked, answer.getJsonObject("data").getJsonObject("stockChanged")
                    .getString("id"));
            assertEquals(2, answer.getJsonObject("data").getJsonObject("stockChanged").getJsonObject("stock")
                    .getInteger("onHand"));
            assertEquals(answer, first.next(sameProduct));
            assertEquals(answer, second.next(overLegacy));
            assertEquals(new JsonObject("{\"data\":{\"level\":{\"stock\":{\"onHand\":2}}}}"), first.next(onHandOnly));
            assertEquals(new JsonObject("{\"data\":{\"stockChanged\":{\"availability\":{\"status\":\"IN_STOCK\","
                    + "\"allocated\":2}}}}"), second.next(availability));
            assertNull(first.poll(otherProduct, Duration.ofMillis(300)), "another product's watcher hears nothing");
            assertTrue(answers.reused() > reusedBefore, "the second alike subscriber got the first one's answer");

            data("ReceiveStock", Map.of("sku", other, "quantity", 5));
            assertEquals(5, first.next(otherProduct).getJsonObject("data").getJsonObject("stockChanged")
                    .getJsonObject("stock").getInteger("onHand"));
        }
    }

    /**
     * Sharing goes by the document's text, not by the parsed document SmallRye's cache hands out: with the cache
     * full of documents asked more often, a new one is dropped from it at once and parsed anew for the next
     * subscriber.
     */
    @Test
    void subscribersShareAnAnswerWhateverTheDocumentCacheKept() throws Exception {
        String sku = createProduct("ALLOW", null, 0);
        for (int round = 0; round < 2; round++) {
            for (int document = 0; document < 40; document++) {
                execute("{ d" + document + ": products(first: 1) { edges { cursor } } }");
            }
        }
        String document = "subscription { stockChanged(sku: \"" + sku + "\") { id stock { onHand } } }";
        try (SubscriptionClient client = SubscriptionClient.connect(vertx, Protocol.TRANSPORT_WS)) {
            String one = client.send(new JsonObject().put("query", document));
            String other = client.send(new JsonObject().put("query", document));
            awaitSubscriptions(2);
            long reusedBefore = answers.reused();

            data("ReceiveStock", Map.of("sku", sku, "quantity", 1));

            assertEquals(client.next(one), client.next(other));
            assertEquals(reusedBefore + 1, answers.reused(), "the second subscriber got the first one's answer");
        }
    }

    private static void execute(String document) {
        given().contentType(ContentType.JSON).body(new JsonObject().put("query", document).encode())
                .when().post("/graphql").then().statusCode(200).body("errors", nullValue());
    }

    @Test
    void aDocumentSelectingAFieldComputedRatherThanReadFromTheItemIsNotShared() {
        GraphQLSchema schema = schema();

        assertEquals(Optional.empty(), computedField(schema, "subscription { product { sku stock { onHand } } }"));
        assertEquals(Optional.of("Stock.forYou"), computedField(schema, "subscription { product { stock { forYou } } }"));
        assertEquals(Optional.of("Stock.forYou"), computedField(schema, """
                subscription { product { ...Fields } }
                fragment Fields on Product { sku ... on Product { stock { onHand forYou } } }"""));
    }

    /** A live product carries what its availability for one unit is worked out from (live.LiveAvailability). */
    @Test
    void aProductsAvailabilityForOneUnitIsReadFromTheItemAndForMoreUnitsComputed() {
        GraphQLSchema schema = schema();

        assertEquals(Optional.empty(), computedField(schema, "subscription { product { availability { status } } }"));
        assertEquals(Optional.empty(), computedField(schema,
                "subscription { product { sku availability(quantity: 1) { status } } }"));
        assertEquals(Optional.of("Product.availability"), computedField(schema,
                "subscription { product { availability(quantity: 2) { status } } }"));
        assertEquals(Optional.of("Product.availability"), computedField(schema,
                "subscription($units: Int) { product { availability(quantity: $units) { status } } }"));
        assertEquals(Optional.of("Availability.forYou"), computedField(schema,
                "subscription { product { availability { status forYou } } }"), "what it selects is checked too");
    }

    /** Fields read from the item (trivial data fetchers), and some computed: for the caller, or from arguments. */
    private static GraphQLSchema schema() {
        TypeDefinitionRegistry types = new SchemaParser().parse("""
                type Query { ping: Int }
                type Subscription { product: Product }
                type Product { sku: String, stock: Stock, availability(quantity: Int = 1): Availability }
                type Stock { onHand: Int, forYou: Int }
                type Availability { status: String, forYou: Int }""");
        TrivialDataFetcher<Object> read = environment -> null;
        RuntimeWiring wiring = RuntimeWiring.newRuntimeWiring()
                .type("Product", type -> type.dataFetcher("sku", read).dataFetcher("stock", read)
                        .dataFetcher("availability", environment -> environment.getArgument("quantity")))
                .type("Availability", type -> type.dataFetcher("status", read)
                        .dataFetcher("forYou", environment -> environment.getGraphQlContext().get("caller")))
                .type("Stock", type -> type.dataFetcher("onHand", read)
                        .dataFetcher("forYou", environment -> environment.getGraphQlContext().get("caller")))
                .build();
        return new SchemaGenerator().makeExecutableSchema(types, wiring);
    }

    private static Optional<String> computedField(GraphQLSchema schema, String subscription) {
        Document document = new Parser().parseDocument(subscription);
        Map<String, FragmentDefinition> fragments = new HashMap<>();
        document.getDefinitionsOfType(FragmentDefinition.class).forEach(fragment -> fragments.put(fragment.getName(),
                fragment));
        return SharedEventAnswers.computedField(schema, document.getDefinitionsOfType(OperationDefinition.class).get(0),
                fragments);
    }
}
