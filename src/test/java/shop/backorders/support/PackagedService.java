package shop.backorders.support;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * The packaged service (target/quarkus-app) as its own process in production mode, with the memory its
 * container has, on a test database and trusting the test's tokens: for the *IT tests. Its output goes to
 * target/instance-NAME.log.
 */
public final class PackagedService {

    public static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    /**
     * The Kubernetes deployment's memory limit, half of it for the heap (k8s/base, src/main/docker/Dockerfile.jvm);
     * and the quick JIT only: these instances are here for what they do, not how fast, and the full JIT's
     * compiler threads compete for the build machine's two cores with everything else the build runs.
     */
    private static final List<String> CONTAINER_MEMORY = List.of("-XX:MaxRAM=512m", "-XX:MaxRAMPercentage=50",
            "-XX:TieredStopAtLevel=1");
    /** Random, as the packaged service requires; the same for every instance of a run, as for replicas. */
    private static final String LINKS_SECRET = randomSecret();

    private final Process process;
    private final int port;
    private final Path log;

    private PackagedService(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Starts an instance on a free port; overrides set environment variables, an empty value removes one. */
    public static PackagedService start(String name, int databasePort, Map<String, String> overrides)
            throws IOException {
        int port = freePort();
        Path log = Path.of("target", "instance-" + name + ".log");
        String jar = System.getProperty("application.jar", "target/quarkus-app/quarkus-run.jar");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        builder.command().addAll(CONTAINER_MEMORY);
        builder.command().addAll(List.of("-jar", jar));
        builder.redirectErrorStream(true).redirectOutput(log.toFile());
        Map<String, String> environment = builder.environment();
        environment.put("QUARKUS_DATASOURCE_REACTIVE_URL", "postgresql://localhost:" + databasePort + "/postgres");
        environment.put("QUARKUS_DATASOURCE_USERNAME", "postgres");
        environment.put("QUARKUS_DATASOURCE_PASSWORD", "postgres");
        environment.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        environment.put("MP_JWT_VERIFY_PUBLICKEY_LOCATION", Path.of("src/dev/jwt/publicKey.pem").toAbsolutePath()
                .toString());
        environment.put("MP_JWT_VERIFY_ISSUER", Tokens.ISSUER);
        environment.put("MP_JWT_VERIFY_AUDIENCES", Tokens.AUDIENCE);
        environment.put("SHOP_LINKS_SECRET", LINKS_SECRET);
        // No SMTP server here: without this, each instance would spend the test retrying hundreds of mails.
        environment.put("SHOP_MAIL_DISPATCH_EVERY", "off");
        overrides.forEach((variable, value) -> {
            if (value.isEmpty()) {
                environment.remove(variable);
            } else {
                environment.put(variable, value);
            }
        });
        return new PackagedService(builder.start(), port, log);
    }

    public int port() {
        return port;
    }

    public Process process() {
        return process;
    }

    /** What the instance has written to its log so far. */
    public String log() throws IOException {
        return Files.readString(log);
    }

    /** Waits until the instance is ready: migrated, connected and listening for changes. */
    public void awaitReady() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/q/health/ready")).build();
        while (System.nanoTime() < deadline) {
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            if (!process.isAlive()) {
                throw new AssertionError("instance on port " + port + " stopped; see " + log);
            }
            Thread.sleep(200);
        }
        throw new AssertionError("instance on port " + port + " not ready within " + START_TIMEOUT);
    }

    public void stop() {
        process.destroy();
    }

    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String randomSecret() {
        byte[] bytes = new byte[48];
        new SecureRandom().nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }
}
