package shop.backorders.api.transport;

import java.lang.reflect.Method;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import graphql.schema.DataFetchingEnvironment;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.util.NetUtil;
import io.quarkus.runtime.ShutdownDelayInitiatedEvent;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.quarkus.vertx.http.runtime.filters.QuarkusRequestWrapper;
import io.smallrye.graphql.api.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import io.vertx.core.net.impl.ConnectionBase;
import io.vertx.ext.web.Router;
import shop.backorders.api.view.Connections;
import shop.backorders.live.Subscriber;
import shop.backorders.shared.ShopConfig;

/**
 * The WebSocket connections subscriptions are delivered over. SmallRye hands each event to the socket
 * without waiting for the write, so this follows each connection itself: watches hold back (and
 * conflate) while its socket is unwritable, end when it closes, and a connection that has stayed
 * unwritable (its client not reading) for longer than the stall limit is closed. Connections are found
 * by their upgrade request's Sec-WebSocket-Key, which SmallRye passes to every operation in its headers.
 * Each knows the client address it comes from, for the quotas per address: the request's remote address,
 * which is the client's own behind a proxy only where Quarkus is told to trust the proxy's forwarding
 * headers (quarkus.http.proxy.*). When the service stops, every connection is closed with 1001 (going away),
 * the cue for clients to connect again, to another replica.
 */
@ApplicationScoped
@RegisterForReflection(targets = QuarkusRequestWrapper.class)
public class SubscriberConnections {

    private static final Logger LOG = Logger.getLogger(SubscriberConnections.class);
    private static final String KEY_HEADER = "Sec-WebSocket-Key";
    /**
     * Quarkus counts a request as under way until its response ends, and the stop waits for those under way; the
     * upgrade request of a WebSocket never ends its response, so every connection a replica ever served, even one
     * closed long ago, held up its stop for all of quarkus.shutdown.timeout (20 s, then "Timed out waiting for
     * graceful shutdown"). Its end is told to Quarkus here when the connection closes, through the one method that
     * does, which is not public. Null if that method is gone: the stop then waits out its timeout again.
     */
    private static final Method REQUEST_DONE = requestDone();

    private final Map<String, Connection> connections = new ConcurrentHashMap<>();
    /** Keys two live connections presented: served without stall protection rather than mixed up. */
    private final Set<String> reused = ConcurrentHashMap.newKeySet();
    private final Duration stallLimit;
    private final Duration shutdownDelay;
    /** Set once the service begins to stop: new connections are refused, clients go to another replica. */
    private volatile boolean goingAway;
    private final Counter stalled;

    public SubscriberConnections(ShopConfig config,
            @ConfigProperty(name = "quarkus.shutdown.delay") Optional<Duration> shutdownDelay, MeterRegistry registry) {
        this.stallLimit = config.live().stallLimit();
        this.shutdownDelay = shutdownDelay.orElse(Duration.ZERO);
        this.stalled = Counter.builder("shop.live.connections.stalled")
                .description("Subscription connections closed because their client had not read for longer than"
                        + " shop.live.stall-limit")
                .register(registry);
    }

    void register(@Observes Router router, Vertx vertx) {
        router.get("/graphql").order(-200).handler(context -> {
            String key = context.request().getHeader(KEY_HEADER);
            boolean upgrade = "websocket".equalsIgnoreCase(context.request().getHeader("Upgrade"));
            if (upgrade && goingAway) {
                context.response().setStatusCode(503).end();
                return;
            }
            if (key != null && upgrade && context.request().connection() instanceof ConnectionBase base) {
                Connection connection = new Connection(base.channel(), clientOf(context.request().remoteAddress()));
                if (connections.putIfAbsent(key, connection) != null) {
                    reused.add(key);
                }
                HttpServerRequest request = context.request();
                base.channel().closeFuture().addListener(closed -> {
                    upgradeDone(request);
                    connections.remove(key, connection);
                    if (!connections.containsKey(key)) {
                        reused.remove(key);
                    }
                    connection.end();
                });
            }
            context.next();
        });
        vertx.setPeriodic(Math.max(100, stallLimit.toMillis() / 4),
                timer -> connections.values().forEach(Connection::closeIfStalled));
    }

    /**
     * The service begins to stop (quarkus.shutdown.delay-enabled): readiness is down, and once the delay has let
     * the load balancer take this replica out, the connections close. They must not wait for the end: the
     * shutdown first waits for the requests under way, which an open WebSocket counts as (see REQUEST_DONE).
     */
    void goAwaySoon(@Observes ShutdownDelayInitiatedEvent stopping, Vertx vertx) {
        goingAway = true;
        vertx.setTimer(Math.max(1, shutdownDelay.toMillis()), timer -> closeAll());
    }

    /** Closes what is still open: in case the service stops without the delay's event. */
    void goAway(@Observes ShutdownEvent stopping) {
        closeAll();
    }

    private void closeAll() {
        goingAway = true;
        connections.values().forEach(Connection::goAway);
    }

    /** The connection of the subscription being started in this GraphQL context. */
    public Subscriber of(Context context) {
        DataFetchingEnvironment environment = context.unwrap(DataFetchingEnvironment.class);
        Map<String, List<String>> headers = environment == null ? null
                : environment.getGraphQlContext().get("httpHeaders");
        if (headers == null) {
            return Subscriber.UNKNOWN;
        }
        return headers.entrySet().stream()
                .filter(header -> header.getKey().equalsIgnoreCase(KEY_HEADER) && !header.getValue().isEmpty())
                .map(header -> header.getValue().get(0))
                .filter(key -> !reused.contains(key))
                .map(key -> (Subscriber) connections.get(key))
                .filter(Objects::nonNull)
                .findFirst().orElse(Subscriber.UNKNOWN);
    }

    private static Method requestDone() {
        try {
            Method done = QuarkusRequestWrapper.class.getDeclaredMethod("done");
            done.setAccessible(true);
            return done;
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.warnf("Cannot tell Quarkus that WebSocket upgrades end (%s): stopping waits for quarkus.shutdown.timeout",
                    e);
            return null;
        }
    }

    private static void upgradeDone(HttpServerRequest upgrade) {
        if (REQUEST_DONE == null) {
            return;
        }
        try {
            REQUEST_DONE.invoke(QuarkusRequestWrapper.get(upgrade));
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.debugf("Could not tell Quarkus that a WebSocket upgrade ended: %s", e);
        }
    }

    /**
     * The address a client counts as: its IP address, or for IPv6 its /64 network, which one household or
     * server commonly holds whole.
     */
    private static String clientOf(SocketAddress remote) {
        if (remote == null) {
            return null;
        }
        byte[] ip = NetUtil.createByteArrayFromIpAddressString(remote.host());
        if (ip == null) {
            return remote.host(); // not an IP address: what a proxy forwarded in its place
        }
        try {
            InetAddress address = InetAddress.getByAddress(ip); // an IPv4-mapped IPv6 address comes back as IPv4
            if (address instanceof Inet6Address) {
                return InetAddress.getByAddress(Arrays.copyOf(Arrays.copyOf(ip, 8), 16)).getHostAddress() + "/64";
            }
            return address.getHostAddress();
        } catch (UnknownHostException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private final class Connection implements Subscriber {

        private final Channel channel;
        private final String address;
        private final Queue<Runnable> whenWritable = new ConcurrentLinkedQueue<>();
        private final Set<Runnable> whenClosed = ConcurrentHashMap.newKeySet();
        private volatile boolean ended;
        /** When the socket last went unwritable; 0 while it is writable. */
        private volatile long unwritableSince;

        Connection(Channel channel, String address) {
            this.channel = channel;
            this.address = address;
            // Nearest the socket, so it sees every writability change whatever the upgrade does upstream.
            channel.pipeline().addFirst(new ChannelInboundHandlerAdapter() {
                @Override
                public void channelWritabilityChanged(ChannelHandlerContext context) {
                    if (channel.isWritable()) {
                        unwritableSince = 0;
                        runAll(whenWritable);
                    } else {
                        unwritableSince = System.nanoTime();
                    }
                    context.fireChannelWritabilityChanged();
                }
            });
        }

        @Override
        public boolean isWritable() {
            return channel.isWritable();
        }

        @Override
        public void onWritable(Runnable action) {
            whenWritable.add(action);
            if (isWritable()) {
                runAll(whenWritable);
            }
        }

        @Override
        public Runnable onClose(Runnable action) {
            whenClosed.add(action);
            if (ended) {
                end();
            }
            return () -> whenClosed.remove(action);
        }

        @Override
        public String address() {
            return address;
        }

        /** Ends every watch at once, rather than waiting for the close to travel through SmallRye. */
        void end() {
            ended = true;
            whenClosed.removeIf(action -> {
                action.run();
                return true;
            });
        }

        /** Closes with 1001 (going away) rather than dropping the connection: clients take it as a cue to reconnect. */
        void goAway() {
            channel.writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.ENDPOINT_UNAVAILABLE,
                    "The service is restarting; connect again")).addListener(ChannelFutureListener.CLOSE);
        }

        void closeIfStalled() {
            long since = unwritableSince;
            if (!ended && since != 0 && System.nanoTime() - since > stallLimit.toNanos()) {
                LOG.warnf("Closing subscription connection %s: its client has not read for over %s",
                        channel.remoteAddress(), stallLimit);
                end();
                channel.close();
                stalled.increment();
            }
        }

        private static void runAll(Queue<Runnable> actions) {
            for (Runnable action = actions.poll(); action != null; action = actions.poll()) {
                action.run();
            }
        }
    }
}
