package shop.backorders.support;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.restassured.RestAssured;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;

/**
 * A real WebSocket client for /graphql speaking either sub-protocol, as storefronts do. Each
 * subscription's messages (its data, or its errors) queue up to be taken by the test.
 */
public final class SubscriptionClient implements AutoCloseable {

    public enum Protocol {
        TRANSPORT_WS("graphql-transport-ws", "subscribe", "next", "complete"),
        LEGACY_WS("graphql-ws", "start", "data", "stop");

        final String name;
        final String subscribe;
        final String next;
        final String stop;

        Protocol(String name, String subscribe, String next, String stop) {
            this.name = name;
            this.subscribe = subscribe;
            this.next = next;
            this.stop = stop;
        }
    }

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final Protocol protocol;
    private final WebSocket socket;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<String, BlockingQueue<JsonObject>> received = new ConcurrentHashMap<>();

    private SubscriptionClient(Protocol protocol, WebSocket socket) {
        this.protocol = protocol;
        this.socket = socket;
    }

    /** Where a client puts its token: the graphql-ws convention, or the upgrade request's header. */
    public enum TokenIn {
        INIT_PAYLOAD,
        UPGRADE_HEADER
    }

    /** Connects to the test application as staff and completes the protocol's handshake. */
    public static SubscriptionClient connect(Vertx vertx, Protocol protocol) throws Exception {
        return connect(vertx, protocol, RestAssured.port);
    }

    /** Connects to the instance on this local port, as staff. */
    public static SubscriptionClient connect(Vertx vertx, Protocol protocol, int port) throws Exception {
        return connect(vertx, protocol, port, Tokens.staff(), TokenIn.INIT_PAYLOAD);
    }

    /** Connects to the test application with this token (null: anonymous), sent in connection_init. */
    public static SubscriptionClient connect(Vertx vertx, Protocol protocol, String token) throws Exception {
        return connect(vertx, protocol, RestAssured.port, token, TokenIn.INIT_PAYLOAD);
    }

    /** Connects with a token (null: none) and completes the handshake; fails if the server closes instead. */
    public static SubscriptionClient connect(Vertx vertx, Protocol protocol, int port, String token, TokenIn tokenIn)
            throws Exception {
        return open(vertx, protocol, port, token, tokenIn, null).acknowledged();
    }

    /**
     * Connects to the test application from this local address, as a client elsewhere would (loopback
     * answers to all of 127.0.0.0/8), with a token (null: anonymous).
     */
    public static SubscriptionClient connectFrom(Vertx vertx, Protocol protocol, String localAddress, String token)
            throws Exception {
        return open(vertx, protocol, RestAssured.port, token, TokenIn.INIT_PAYLOAD, localAddress).acknowledged();
    }

    private SubscriptionClient acknowledged() throws InterruptedException {
        JsonObject ack = handshake();
        if (!"connection_ack".equals(ack.getString("type"))) {
            throw new IllegalStateException("no connection_ack but " + ack);
        }
        return this;
    }

    /**
     * Connects and sends connection_init without waiting for the answer: {@link #handshake} tells whether
     * the server acknowledged or closed the connection.
     */
    public static SubscriptionClient open(Vertx vertx, Protocol protocol, int port, String token, TokenIn tokenIn)
            throws Exception {
        return open(vertx, protocol, port, token, tokenIn, null);
    }

    private static SubscriptionClient open(Vertx vertx, Protocol protocol, int port, String token, TokenIn tokenIn,
            String localAddress) throws Exception {
        WebSocketConnectOptions options = new WebSocketConnectOptions()
                .setHost("localhost").setPort(port).setURI("/graphql")
                .setSubProtocols(List.of(protocol.name));
        JsonObject payload = new JsonObject();
        if (token != null && tokenIn == TokenIn.UPGRADE_HEADER) {
            options.addHeader("Authorization", "Bearer " + token);
        } else if (token != null) {
            payload.put("Authorization", "Bearer " + token);
        }
        WebSocket socket = vertx.createWebSocketClient(new WebSocketClientOptions().setLocalAddress(localAddress))
                .connect(options).toCompletionStage().toCompletableFuture()
                .get(WAIT.toSeconds(), TimeUnit.SECONDS);
        SubscriptionClient client = new SubscriptionClient(protocol, socket);
        socket.textMessageHandler(text -> client.onMessage(new JsonObject(text)));
        socket.closeHandler(closed -> client.queue("handshake").add(new JsonObject().put("type", "closed")
                .put("code", socket.closeStatusCode() == null ? -1 : (int) socket.closeStatusCode())));
        socket.writeTextMessage(new JsonObject().put("type", "connection_init").put("payload", payload).encode());
        return client;
    }

    /** The server's answer to connection_init: {"type": "connection_ack"}, or {"type": "closed", "code": …}. */
    public JsonObject handshake() throws InterruptedException {
        JsonObject answer = queue("handshake").poll(WAIT.toSeconds(), TimeUnit.SECONDS);
        if (answer == null) {
            throw new AssertionError("no answer to connection_init within " + WAIT);
        }
        return answer;
    }

    /** The code the connection was closed with (-1: none given), waiting a while for the close. */
    public int closeCode() throws InterruptedException {
        JsonObject closed = queue("handshake").poll(WAIT.toSeconds(), TimeUnit.SECONDS);
        if (closed == null) {
            throw new AssertionError("the connection is still open after " + WAIT);
        }
        return closed.getInteger("code");
    }

    /** Starts a named operation of operations.graphql and returns its id. */
    public String subscribe(String operation, Map<String, ?> variables) {
        return send(new JsonObject().put("query", GraphQLClient.document(operation)).put("operationName", operation)
                .put("variables", new JsonObject(new HashMap<String, Object>(variables))));
    }

    /** Sends any request ({@code query}, maybe {@code variables}, {@code operationName}) and returns its id. */
    public String send(JsonObject request) {
        String id = Integer.toString(ids.incrementAndGet());
        queue(id);
        socket.writeTextMessage(new JsonObject().put("id", id).put("type", protocol.subscribe)
                .put("payload", request).encode());
        return id;
    }

    /** Ends a subscription, as a client does when its page no longer needs it. */
    public void stop(String id) {
        socket.writeTextMessage(new JsonObject().put("id", id).put("type", protocol.stop).encode());
    }

    /** The next result of a subscription ({@code data} and maybe {@code errors}), waiting a while for it. */
    public JsonObject next(String id) throws InterruptedException {
        JsonObject message = queue(id).poll(WAIT.toSeconds(), TimeUnit.SECONDS);
        if (message == null) {
            throw new AssertionError("no message for subscription " + id + " within " + WAIT);
        }
        return message;
    }

    /** Whether a message arrives for the subscription within the given time. */
    public JsonObject poll(String id, Duration wait) throws InterruptedException {
        return queue(id).poll(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    private BlockingQueue<JsonObject> queue(String id) {
        return received.computeIfAbsent(id, ignored -> new LinkedBlockingQueue<>());
    }

    private void onMessage(JsonObject message) {
        String type = message.getString("type");
        if ("connection_ack".equals(type)) {
            queue("handshake").add(message);
        } else if (protocol.next.equals(type)) {
            queue(message.getString("id")).add(message.getJsonObject("payload"));
        } else if ("error".equals(type)) {
            Object payload = message.getValue("payload");
            queue(message.getString("id")).add(new JsonObject().put("errors", payload));
        }
    }

    @Override
    public void close() {
        socket.close();
    }
}
