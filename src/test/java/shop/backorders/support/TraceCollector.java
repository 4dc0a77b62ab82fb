package shop.backorders.support;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.zip.GZIPInputStream;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;

/**
 * A real OTLP trace receiver, standing in for an OpenTelemetry collector: OTLP over gRPC (HTTP/2 without TLS,
 * the exporter's default) and OTLP/HTTP with protobuf bodies, on a free local port. It keeps every span it is
 * sent, read from the protobuf wire format (opentelemetry-proto's trace.proto: only the fields tests look at).
 */
public final class TraceCollector implements AutoCloseable {

    /** A span as received: ids in hex, as logs print them; its instrumentation scope; string attributes. */
    public record Span(String traceId, String spanId, String parentSpanId, String name, Kind kind, String scope,
            Map<String, String> attributes) {
    }

    /** OTLP's SpanKind, in its numbering. */
    public enum Kind {
        UNSPECIFIED, INTERNAL, SERVER, CLIENT, PRODUCER, CONSUMER
    }

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String GRPC_EXPORT = "/opentelemetry.proto.collector.trace.v1.TraceService/Export";

    private final HttpServer server;
    private final List<Span> spans = new CopyOnWriteArrayList<>();

    private TraceCollector(Vertx vertx) throws Exception {
        server = vertx.createHttpServer().requestHandler(this::receive).listen(0).toCompletionStage()
                .toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    public static TraceCollector start(Vertx vertx) throws Exception {
        return new TraceCollector(vertx);
    }

    /** The address to give an exporter as its endpoint. */
    public String endpoint() {
        return "http://localhost:" + server.actualPort();
    }

    /** Every span received so far. */
    public List<Span> spans() {
        return List.copyOf(spans);
    }

    /** Waits until a span matching the condition has arrived, and returns it. */
    public Span await(String what, Predicate<Span> condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            for (Span span : spans) {
                if (condition.test(span)) {
                    return span;
                }
            }
            Thread.sleep(50);
        }
        throw new AssertionError("no span " + what + " within " + WAIT + "; received: " + spans);
    }

    private void receive(HttpServerRequest request) {
        boolean grpc = request.path().equals(GRPC_EXPORT);
        if (!grpc && !request.path().equals("/v1/traces")) {
            request.response().setStatusCode(404).end();
            return;
        }
        request.body().onSuccess(body -> {
            try {
                if (grpc) {
                    // One length-prefixed message: a compressed flag, four bytes of length, the message.
                    byte[] message = body.getBytes(5, 5 + body.getInt(1));
                    read(body.getByte(0) == 1 ? gunzip(message) : message);
                    request.response().putHeader("content-type", "application/grpc").putTrailer("grpc-status", "0")
                            .end(Buffer.buffer(new byte[5]));
                } else {
                    read("gzip".equals(request.getHeader("content-encoding")) ? gunzip(body.getBytes())
                            : body.getBytes());
                    request.response().putHeader("content-type", "application/x-protobuf").end();
                }
            } catch (RuntimeException | IOException unreadable) {
                request.response().setStatusCode(400).end(String.valueOf(unreadable));
            }
        });
    }

    /** An ExportTraceServiceRequest: resource_spans (1) → scope_spans (2) → spans (2). */
    private void read(byte[] request) {
        for (Wire resourceSpans : new Wire(request).messages(1)) {
            for (Wire scopeSpans : resourceSpans.messages(2)) {
                String scope = scopeSpans.messages(1).stream().map(s -> s.string(1)).findFirst().orElse("");
                for (Wire span : scopeSpans.messages(2)) {
                    Map<String, String> attributes = new HashMap<>();
                    for (Wire attribute : span.messages(9)) {
                        attribute.messages(2).stream().map(value -> value.string(1)).filter(Objects::nonNull)
                                .forEach(value -> attributes.put(attribute.string(1), value));
                    }
                    spans.add(new Span(span.hex(1), span.hex(2), span.hex(4), span.string(5),
                            Kind.values()[(int) span.number(6)], scope, attributes));
                }
            }
        }
    }

    private static byte[] gunzip(byte[] compressed) throws IOException {
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(compressed))) {
            return in.readAllBytes();
        }
    }

    @Override
    public void close() {
        server.close();
    }

    /**
     * One protobuf message, its fields read on demand: length-delimited ones (messages, strings, bytes) by
     * number, and varints.
     */
    private static final class Wire {

        private final byte[] bytes;
        private final int start;
        private final int end;

        Wire(byte[] bytes) {
            this(bytes, 0, bytes.length);
        }

        private Wire(byte[] bytes, int start, int end) {
            this.bytes = bytes;
            this.start = start;
            this.end = end;
        }

        /** Every occurrence of a length-delimited field. */
        List<Wire> messages(int field) {
            List<Wire> found = new ArrayList<>();
            scan(field, (from, to) -> found.add(new Wire(bytes, from, to)), value -> {
            });
            return found;
        }

        String string(int field) {
            List<Wire> found = messages(field);
            return found.isEmpty() ? null
                    : new String(bytes, found.get(0).start, found.get(0).end - found.get(0).start,
                            StandardCharsets.UTF_8);
        }

        /** Bytes in hex, or "" where the field is absent or empty (a root span's parent). */
        String hex(int field) {
            List<Wire> found = messages(field);
            return found.isEmpty() ? ""
                    : HexFormat.of().formatHex(bytes, found.get(0).start, found.get(0).end);
        }

        long number(int field) {
            long[] value = {0};
            scan(field, (from, to) -> {
            }, varint -> value[0] = varint);
            return value[0];
        }

        private interface Range {
            void accept(int from, int to);
        }

        private interface Varint {
            void accept(long value);
        }

        private void scan(int wanted, Range delimited, Varint varint) {
            int[] at = {start};
            while (at[0] < end) {
                long key = varint(at);
                int field = (int) (key >>> 3);
                switch ((int) (key & 7)) {
                    case 0 -> {
                        long value = varint(at);
                        if (field == wanted) {
                            varint.accept(value);
                        }
                    }
                    case 1 -> at[0] += 8;
                    case 2 -> {
                        int length = (int) varint(at);
                        if (field == wanted) {
                            delimited.accept(at[0], at[0] + length);
                        }
                        at[0] += length;
                    }
                    case 5 -> at[0] += 4;
                    default -> throw new UncheckedIOException(new IOException("wire type " + (key & 7)));
                }
            }
        }

        private long varint(int[] at) {
            long value = 0;
            for (int shift = 0;; shift += 7) {
                byte next = bytes[at[0]++];
                value |= (long) (next & 0x7f) << shift;
                if (next >= 0) {
                    return value;
                }
            }
        }
    }
}
