package shop.backorders.api.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static shop.backorders.support.Fixtures.createProduct;
import static shop.backorders.support.GraphQLClient.data;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import graphql.TrivialDataFetcher;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.TypeDefinitionRegistry;
import io.quarkus.test.junit.QuarkusTest;
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
            awaitSubscriptions(5);
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
            assertNull(first.poll(otherProduct, Duration.ofMillis(300)), "another product's watcher hears nothing");
            assertTrue(answers.reused() > reusedBefore, "the second alike subscriber got the first one's answer");

            data("ReceiveStock", Map.of("sku", other, "quantity", 5));
            assertEquals(5, first.next(otherProduct).getJsonObject("data").getJsonObject("stockChanged")
                    .getJsonObject("stock").getInteger("onHand"));
        }
    }

    @Test
    void aFieldComputedRatherThanReadFromTheItemStopsTheSharing() {
        TypeDefinitionRegistry types = new SchemaParser().parse("""
                type Query { ping: Int }
                type Subscription { product: Product }
                type Product { sku: String, stock: Stock }
                type Stock { onHand: Int, forYou: Int }""");
        TrivialDataFetcher<Object> read = environment -> null;
        RuntimeWiring wiring = RuntimeWiring.newRuntimeWiring()
                .type("Product", type -> type.dataFetcher("sku", read).dataFetcher("stock", read))
                .type("Stock", type -> type.dataFetcher("onHand", read)
                        .dataFetcher("forYou", environment -> environment.getGraphQlContext().get("caller")))
                .build();

        assertEquals(Optional.of("Stock.forYou"),
                SharedEventAnswers.computedField(new SchemaGenerator().makeExecutableSchema(types, wiring)));
    }
}
