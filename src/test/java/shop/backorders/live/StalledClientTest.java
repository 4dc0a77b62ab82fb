package shop.backorders.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static shop.backorders.support.Fixtures.createProduct;
import static shop.backorders.support.GraphQLClient.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.vertx.core.json.JsonObject;
import shop.backorders.support.GraphQLClient;
import shop.backorders.support.LiveTest;
import shop.backorders.support.Queues;
import shop.backorders.support.SubscriptionClient;
import shop.backorders.support.SubscriptionClient.Protocol;
import shop.backorders.support.Tokens;

/**
 * A subscriber that stops reading must not make the server buffer without bound nor slow anyone else:
 * its connection is closed once it has stayed unwritable past the limit (2 s in tests), releasing its
 * watch, while a client reading on another connection keeps getting its events.
 */
@QuarkusTest
class StalledClientTest extends LiveTest {

    @Test
    void aClientThatStopsReadingIsDisconnectedAndOthersKeepTheirEvents() throws Exception {
        String sku = createProduct("ALLOW", null, 0);
        Queues.queueBackorders(dataSource, sku, 10_000, 1);
        try (Socket stalled = stalledSubscriber(sku);
                SubscriptionClient healthy = SubscriptionClient.connect(vertx, Protocol.TRANSPORT_WS)) {
            // The customer at the head of the same queue, on a connection that reads.
            String watch = healthy.subscribe("BackorderChanged", Map.of("customerEmail", "queue1@example.com"));
            awaitSubscriptions(2);

            // 10,000 events of a few hundred bytes each: far more than the stalled socket can take.
            data("ReceiveStock", Map.of("sku", sku, "quantity", 10_000));

            awaitSubscriptions(1);
            JsonObject first = healthy.next(watch).getJsonObject("data").getJsonObject("backorderChanged");
            assertEquals("ALLOCATED", first.getString("type"));
        }
        awaitSubscriptions(0);
    }

    /**
     * A graphql-transport-ws client on a plain socket with a tiny receive buffer that subscribes and then
     * never reads again.
     */
    private static Socket stalledSubscriber(String sku) throws IOException {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(1024);
        socket.connect(new InetSocketAddress("localhost", RestAssured.port));
        OutputStream out = socket.getOutputStream();
        out.write(("GET /graphql HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n"
                + "Sec-WebSocket-Protocol: graphql-transport-ws\r\nAuthorization: Bearer " + Tokens.staff()
                + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        InputStream in = socket.getInputStream();
        String response = readHeaders(in);
        assertTrue(response.startsWith("HTTP/1.1 101"), response);
        sendText(out, new JsonObject().put("type", "connection_init").encode());
        String ack = readText(in);
        assertTrue(ack.contains("connection_ack"), ack);
        sendText(out, new JsonObject().put("id", "1").put("type", "subscribe").put("payload", new JsonObject()
                .put("query", GraphQLClient.load("/graphql/operations.graphql"))
                .put("operationName", "BackorderChanged")
                .put("variables", new JsonObject().put("sku", sku))).encode());
        return socket;
    }

    private static String readHeaders(InputStream in) throws IOException {
        StringBuilder headers = new StringBuilder();
        while (!headers.toString().endsWith("\r\n\r\n")) {
            int next = in.read();
            if (next < 0) {
                break;
            }
            headers.append((char) next);
        }
        return headers.toString();
    }

    /** One short unfragmented server text frame (servers do not mask). */
    private static String readText(InputStream in) throws IOException {
        int opcode = in.read();
        assertEquals(0x81, opcode, "a final text frame");
        int length = in.read();
        if (length == 126) {
            length = (in.read() << 8) | in.read();
        }
        return new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }

    /** A client text frame, masked with a zero key (so the payload goes as it is). */
    private static void sendText(OutputStream out, String text) throws IOException {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        out.write(0x81);
        if (payload.length < 126) {
            out.write(0x80 | payload.length);
        } else {
            out.write(0x80 | 126);
            out.write(payload.length >> 8);
            out.write(payload.length & 0xff);
        }
        out.write(new byte[4]);
        out.write(payload);
        out.flush();
    }
}
