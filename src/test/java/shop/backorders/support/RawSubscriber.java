package shop.backorders.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

import io.vertx.core.json.JsonObject;

/**
 * A graphql-transport-ws client, as staff, on a plain socket: for what a WebSocket client library does not do —
 * stop reading, or leave without a close frame.
 */
public final class RawSubscriber implements AutoCloseable {

    private final Socket socket;
    private final OutputStream out;

    private RawSubscriber(Socket socket) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
    }

    /** Connects with this receive buffer (bytes) and completes the handshake. */
    public static RawSubscriber connect(int port, int receiveBuffer) throws IOException {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(receiveBuffer);
        socket.connect(new InetSocketAddress("localhost", port));
        RawSubscriber subscriber = new RawSubscriber(socket);
        subscriber.out.write(("GET /graphql HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Key: " + key() + "\r\nSec-WebSocket-Version: 13\r\n"
                + "Sec-WebSocket-Protocol: graphql-transport-ws\r\nAuthorization: Bearer " + Tokens.staff()
                + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        InputStream in = socket.getInputStream();
        String response = readHeaders(in);
        assertTrue(response.startsWith("HTTP/1.1 101"), response);
        subscriber.send(new JsonObject().put("type", "connection_init"));
        String ack = readText(in);
        assertTrue(ack.contains("connection_ack"), ack);
        return subscriber;
    }

    /** Starts a named operation of operations.graphql under this id. */
    public void subscribe(String id, String operation, Map<String, ?> variables) throws IOException {
        send(new JsonObject().put("id", id).put("type", "subscribe").put("payload", new JsonObject()
                .put("query", GraphQLClient.document(operation)).put("operationName", operation)
                .put("variables", new JsonObject(new HashMap<String, Object>(variables)))));
    }

    /** Leaves without a close frame, the connection ended in order (FIN): a client process that exits. */
    public void leave() throws IOException {
        socket.close();
    }

    /** Leaves at once, the connection reset (RST): a lost network, a killed client. */
    public void reset() throws IOException {
        socket.setSoLinger(true, 0);
        socket.close();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    /** A key of its own, as browsers send: the server tells connections apart by it. */
    private static String key() {
        byte[] key = new byte[16];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
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
    private void send(JsonObject message) throws IOException {
        byte[] payload = message.encode().getBytes(StandardCharsets.UTF_8);
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
