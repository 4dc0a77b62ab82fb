package shop.backorders.backorder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static shop.backorders.support.Fixtures.createProduct;
import static shop.backorders.support.Fixtures.placeOrder;
import static shop.backorders.support.GraphQLClient.data;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import shop.backorders.support.LiveTest;
import shop.backorders.support.SubscriptionClient;
import shop.backorders.support.SubscriptionClient.Protocol;

/**
 * A query, a live event and a mail tell the same about a backorder: all three read the one read model
 * ({@code backorder_states}), as of their transaction.
 */
@QuarkusTest
class BackorderReadModelTest extends LiveTest {

    @Test
    void aQueryALiveEventAndAMailAgree() throws Exception {
        String sku = createProduct("ALLOW", null, 0);
        String expectedAt = LocalDate.now().plusDays(5).toString();
        data("ScheduleInbound", Map.of("sku", sku, "quantity", 10, "expectedAt", expectedAt));
        String head = placeOrder("first@example.com", sku, 2).getString("backorders[0].id");
        placeOrder("second@example.com", sku, 1);
        try (SubscriptionClient client = SubscriptionClient.connect(vertx, Protocol.TRANSPORT_WS)) {
            String watch = client.subscribe("BackorderChanged", Map.of("sku", sku));
            awaitSubscriptions(1);

            String third = placeOrder("third@example.com", sku, 3).getString("backorders[0].id");

            JsonObject created = event(client.next(watch), "CREATED");
            assertEquals(3, created.getInteger("queuePosition"));
            assertEquals("INBOUND_SHIPMENT", created.getJsonObject("eta").getString("source"));
            assertEquals(query(third), created);
            assertEquals(created, asQueried(mailed(third, "BACKORDER_CREATED")));

            data("CancelBackorder", Map.of("id", head));

            event(client.next(watch), "CANCELLED");
            assertEquals(1, event(client.next(watch), "QUEUE_POSITION_CHANGED").getInteger("queuePosition"));
            JsonObject movedUp = event(client.next(watch), "QUEUE_POSITION_CHANGED");
            assertEquals(2, movedUp.getInteger("queuePosition"));
            assertEquals(query(third), movedUp);
        }
    }

    private static JsonObject event(JsonObject message, String type) {
        JsonObject event = message.getJsonObject("data").getJsonObject("backorderChanged");
        assertEquals(type, event.getString("type"));
        return event.getJsonObject("backorder");
    }

    private static JsonObject query(String id) {
        return new JsonObject(Json.encode(data("Backorder", Map.of("id", id)).getMap("backorder")));
    }

    /** The snapshot in the outbox row of the backorder's mail of that kind. */
    private BackorderState mailed(String backorderId, String kind) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(
                        "SELECT payload FROM notification WHERE backorder_id = ? AND kind = ?")) {
            statement.setLong(1, Long.parseLong(backorderId));
            statement.setString(2, kind);
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                return BackorderState.fromJson(new JsonObject(row.getString(1)));
            }
        }
    }

    /** A snapshot as the BackorderFields fragment (operations.graphql) selects it. */
    private static JsonObject asQueried(BackorderState state) {
        BackorderEta eta = state.eta();
        return new JsonObject().put("id", String.valueOf(state.id())).put("orderId", String.valueOf(state.orderId()))
                .put("status", state.status().name()).put("sku", state.sku()).put("quantity", state.quantity())
                .put("allocated", state.allocated()).put("shipped", state.shipped()).put("preorder", state.preorder())
                .put("queuePosition", state.queuePosition())
                .put("eta", eta == null ? null : new JsonObject().put("date", eta.date().toString())
                        .put("source", eta.source().name())
                        .put("inboundShipmentId", eta.inboundShipmentId() == null ? null
                                : String.valueOf(eta.inboundShipmentId()))
                        .put("promised", eta.promised().toString())
                        .put("consentDeadline", eta.consentDeadline() == null ? null
                                : eta.consentDeadline().toString()));
    }
}
