package shop.backorders.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jboss.logging.Logger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import shop.backorders.support.PackagedReplicas;
import shop.backorders.support.PackagedService;
import shop.backorders.support.SubscriptionClient;
import shop.backorders.support.SubscriptionClient.Protocol;
import shop.backorders.support.SubscriptionClient.TokenIn;

/**
 * Thousands of distinct large documents from anonymous callers, over HTTP and WebSocket, at the packaged
 * service with its container's heap: every one is answered with a code, and what stays on the heap after a
 * full collection is bounded (the document limits, and the size of SmallRye's document cache).
 * <p>
 * Each kind of document: one with a 250 KB string (over the length limit), one with a 250 KB string in its
 * variables, and one just within the length limit, valid, so SmallRye keeps it, with as many aliased fields
 * as the limits allow (refused for its root fields, after it was cached).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LargeDocumentsIT {

    private static final Logger LOG = Logger.getLogger(LargeDocumentsIT.class);
    /**
     * Distinct documents per transport, 800 in all: more than filled the heap before the limits (587 answered
     * in 60 s); -Dlarge-documents.count=... for a longer run by hand.
     */
    private static final int DOCUMENTS = Integer.getInteger("large-documents.count", 400);
    private static final int LARGE = 250_000;
    private static final int SENDERS = 8;
    /** The heap a collection leaves, at most: a quarter of the container's 256 MB. */
    private static final long MAX_HEAP_AFTER_MB = 64;
    private static final Pattern USED = Pattern.compile("^\\s*(.+?)\\s+total \\d+K, used (\\d+)K", Pattern.MULTILINE);

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final Vertx vertx = Vertx.vertx();
    /** Random letters, from which each large string is cut with its own start: distinct, and cheap to make. */
    private final String letters = randomLetters(2 * LARGE);
    private PackagedService instance;

    /**
     * A replica CrossInstanceIT uses too: it answers these documents as any instance would. The other one
     * CrossInstanceIT needs starts with it: two starts together cost less than one after the other.
     */
    @BeforeAll
    void startInstance() throws Exception {
        instance = PackagedReplicas.ready("a", "b").get(0);
    }

    @AfterAll
    void closeClients() {
        vertx.close();
    }

    @Test
    void distinctLargeDocumentsOverHttpAndWebSocketLeaveTheHeapBounded() throws Exception {
        assertTrue(jcmd("VM.system_properties").contains("io.smallrye.graphql.execution.queryCacheMaxSize="
                + PackagedReplicas.DOCUMENT_CACHE_SIZE),
                "SmallRye's document cache sized by the shop");
        long before = usedHeapAfterCollection();
        Map<String, Integer> tally = new ConcurrentHashMap<>();
        List<String> wrong = Collections.synchronizedList(new ArrayList<>());

        long started = System.nanoTime();
        overHttp(tally, wrong);
        long httpDone = System.nanoTime();
        overWebSocket(tally, wrong);
        long socketDone = System.nanoTime();
        long after = usedHeapAfterCollection();
        Map<String, Integer> codes = new TreeMap<>(tally);

        LOG.infof("%d distinct large documents over HTTP in %d ms, %d over WebSocket in %d ms: answers %s; heap"
                + " used after a full collection %d MB before, %d MB after", DOCUMENTS,
                (httpDone - started) / 1_000_000, DOCUMENTS, (socketDone - httpDone) / 1_000_000, codes, before,
                after);
        assertTrue(wrong.isEmpty(), wrong.size() + " answers wrong, such as " + wrong.subList(0, Math.min(5,
                wrong.size())));
        assertEquals(2 * DOCUMENTS, codes.values().stream().mapToInt(Integer::intValue).sum());
        assertTrue(after <= MAX_HEAP_AFTER_MB, "heap used after a collection: " + after + " MB");
        assertFalse(instance.log().contains("OutOfMemoryError"), "OutOfMemoryError in the instance's log");
    }

    private void overHttp(Map<String, Integer> tally, List<String> wrong) throws Exception {
        Semaphore senders = new Semaphore(SENDERS);
        List<CompletableFuture<?>> answers = new ArrayList<>();
        URI graphql = URI.create("http://localhost:" + instance.port() + "/graphql");
        for (int i = 0; i < DOCUMENTS; i++) {
            String body = request(i).encode();
            senders.acquire();
            answers.add(http.sendAsync(HttpRequest.newBuilder(graphql).timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body))
                    .build(), HttpResponse.BodyHandlers.ofString())
                    .whenComplete((response, failure) -> {
                        senders.release();
                        if (failure != null) {
                            wrong.add("HTTP: " + failure);
                        } else if (response.statusCode() >= 500) {
                            wrong.add("HTTP: " + response.statusCode() + " " + response.body());
                        } else {
                            record("HTTP", new JsonObject(response.body()), tally, wrong);
                        }
                    }));
        }
        CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).join();
    }

    /** Over a few anonymous sockets at once, each sending its share one after another. */
    private void overWebSocket(Map<String, Integer> tally, List<String> wrong) throws Exception {
        List<CompletableFuture<Void>> sockets = new ArrayList<>();
        for (int s = 0; s < SENDERS; s++) {
            int first = s;
            sockets.add(CompletableFuture.runAsync(() -> {
                try (SubscriptionClient socket = SubscriptionClient.connect(vertx, Protocol.TRANSPORT_WS,
                        instance.port(), null, TokenIn.INIT_PAYLOAD)) {
                    for (int i = first; i < DOCUMENTS; i += SENDERS) {
                        record("WebSocket", socket.next(socket.send(request(DOCUMENTS + i))), tally, wrong);
                    }
                } catch (Exception | AssertionError failure) {
                    wrong.add("WebSocket: " + failure);
                }
            }));
        }
        CompletableFuture.allOf(sockets.toArray(CompletableFuture[]::new)).join();
    }

    private static void record(String transport, JsonObject answer, Map<String, Integer> tally, List<String> wrong) {
        JsonArray errors = answer.getJsonArray("errors");
        String code = errors == null || errors.isEmpty() ? null
                : errors.getJsonObject(0).getJsonObject("extensions", new JsonObject()).getString("code");
        if (code == null || code.equals("INTERNAL")) {
            wrong.add(transport + ": " + answer.encode().substring(0, Math.min(300, answer.encode().length())));
        } else {
            tally.merge(code, 1, Integer::sum);
        }
    }

    /** The n-th request: each distinct, so no cache can answer it from an earlier one. */
    private JsonObject request(int n) {
        return switch (n % 3) {
            case 0 -> new JsonObject().put("query", "{ product(sku: \"" + large(n) + "\") { sku } }");
            case 1 -> new JsonObject().put("query", "query Large($sku: String!) { product(sku: $sku) { sku } }")
                    .put("variables", new JsonObject().put("sku", large(n)));
            default -> new JsonObject().put("query", aliasedDocument(n));
        };
    }

    /** A valid document just within the length limit: about 1,300 distinct aliases of one field. */
    private static String aliasedDocument(int n) {
        StringBuilder document = new StringBuilder("# ").append(n).append("\n{");
        for (int alias = 0; document.length() < 16_300; alias++) {
            document.append(" a").append(Integer.toString(alias, 36)).append(":__typename");
        }
        return document.append(" }").toString();
    }

    private String large(int n) {
        int start = (n * 7919) % LARGE;
        return n + letters.substring(start, start + LARGE);
    }

    private static String randomLetters(int length) {
        Random random = new Random(19);
        char[] text = new char[length];
        for (int i = 0; i < length; i++) {
            text[i] = (char) ('a' + random.nextInt(26));
        }
        return new String(text);
    }

    /** The instance's heap in use after a full collection, in MB (jcmd's figure for the young and old gens). */
    private long usedHeapAfterCollection() throws Exception {
        jcmd("GC.run");
        String info = jcmd("GC.heap_info");
        long usedKb = 0;
        Matcher used = USED.matcher(info);
        while (used.find()) {
            if (!used.group(1).contains("Metaspace") && !used.group(1).contains("class space")) {
                usedKb += Long.parseLong(used.group(2));
            }
        }
        assertTrue(usedKb > 0, "no heap figure in: " + info);
        return usedKb / 1024;
    }

    /** What the instance answers to a jcmd command. */
    private String jcmd(String command) throws Exception {
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                Long.toString(instance.process().pid()), command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertEquals(0, process.waitFor(), output);
        return output;
    }
}
