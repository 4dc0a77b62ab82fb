package shop.backorders;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.Yaml;

import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.WithDefault;
import shop.backorders.api.trust.TrustSettings;
import shop.backorders.shared.ShopConfig;
import shop.backorders.shared.SigningKeys;

/**
 * Renders the kustomize base and every overlay with {@code kubectl kustomize} and checks what the manifests must
 * agree on with the service and with each other: what a cluster would only find out at rollout (a pod that
 * refuses to start, a Service with no endpoints, a probe on a path the app does not serve). Plain JUnit, no
 * Quarkus: the app's side is read from application.properties, the Dockerfiles and the settings' code. Where there
 * is no kubectl the checks are skipped and say so (.ci/run installs it).
 */
class DeploymentManifestsTest {

    private static final Logger LOG = Logger.getLogger(DeploymentManifestsTest.class);
    private static final Path K8S = Path.of("k8s");
    private static final Path DOCKER = Path.of("src/main/docker");
    private static final String APP = "backorders";
    /** Which image each overlay runs; a new overlay must say which. */
    private static final Map<String, String> DOCKERFILE = Map.of("base", "Dockerfile.jvm", "dev", "Dockerfile.jvm",
            "native", "Dockerfile.native", "prod", "Dockerfile.native");
    /**
     * Required without a default in application.properties (the production profile derives Flyway's JDBC URL from
     * the reactive one); the shop's own and the token settings are read from their code below.
     */
    private static final List<String> DATASOURCE = List.of("quarkus.datasource.reactive.url",
            "quarkus.datasource.username", "quarkus.datasource.password");
    /** Have a default that is wrong anywhere but a laptop: links in mails would point at localhost. */
    private static final List<String> PUBLIC_ADDRESSES = List.of("shop.mail.base-url", "shop.mail.service-url");
    private static final Map<String, Manifests> RENDERED = new ConcurrentHashMap<>();
    private static final String KUBECTL_UNUSABLE = kubectlUnusable();

    static Stream<String> overlays() throws IOException {
        try (Stream<Path> overlays = Files.list(K8S.resolve("overlays"))) {
            List<String> named = overlays.filter(dir -> Files.exists(dir.resolve("kustomization.yaml")))
                    .map(dir -> dir.getFileName().toString()).sorted().toList();
            return Stream.concat(Stream.of("base"), named.stream());
        }
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void probesAskTheHealthEndpointsTheAppServes(String overlay) {
        Manifests manifests = render(overlay);
        Map<String, Object> app = manifests.appContainer();
        assertTrue(pom().contains("<artifactId>quarkus-smallrye-health</artifactId>"),
                "the probes need quarkus-smallrye-health in the pom");
        String health = App.path(App.setting("quarkus.smallrye-health.root-path", "health"));
        Map<String, String> expected = Map.of(
                "startupProbe", health + "/" + App.setting("quarkus.smallrye-health.startup-path", "started"),
                "livenessProbe", health + "/" + App.setting("quarkus.smallrye-health.liveness-path", "live"),
                "readinessProbe", health + "/" + App.setting("quarkus.smallrye-health.readiness-path", "ready"));
        expected.forEach((probe, path) -> {
            assertEquals(path, text(app, probe, "httpGet", "path"), overlay + ": " + probe + " path");
            assertEquals(App.port(), manifests.containerPort(app, at(app, probe, "httpGet", "port")),
                    overlay + ": " + probe + " port");
        });
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void everySettingTheServiceRequiresIsProvided(String overlay) throws Exception {
        Manifests manifests = render(overlay);
        List<String> problems = new ArrayList<>();
        Map<String, String> env = manifests.environment(manifests.appContainer(), problems);
        SmallRyeConfig config = new SmallRyeConfigBuilder().withSources(new EnvConfigSource(env, 300)).build();

        List<String> required = new ArrayList<>(DATASOURCE);
        required.addAll(PUBLIC_ADDRESSES);
        required.addAll(requiredSettings(ShopConfig.class, "shop"));
        for (String name : required) {
            if (config.getOptionalValue(name, String.class).filter(value -> !value.isBlank()).isEmpty()) {
                problems.add(name + " is not set");
            }
        }
        problems.addAll(tokenSettingsMissing(config));

        // Values the render knows (generated Secrets) must pass the packaged service's own checks.
        String links = env.get("SHOP_LINKS_SECRET");
        if (links != null && !links.startsWith(Manifests.FROM_OPERATOR)) {
            try {
                new SigningKeys(links, null, true);
            } catch (IllegalStateException refused) {
                problems.add(refused.getMessage());
            }
        }
        String keyFile = env.getOrDefault("MP_JWT_VERIFY_PUBLICKEY_LOCATION", "");
        if (keyFile.startsWith("/")) {
            String mounted = manifests.mountedFile(manifests.appContainer(), keyFile, problems);
            if (mounted != null && !mounted.equals(Files.readString(Path.of("src/dev/jwt/publicKey.pem")))) {
                problems.add(keyFile + " is not the public half of src/dev/jwt's key pair");
            }
        }
        assertEquals(List.of(), problems, overlay + ": settings the pods would start without");
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void selectorsMatchThePods(String overlay) {
        Manifests manifests = render(overlay);
        List<String> problems = new ArrayList<>();
        for (Map<String, Object> workload : manifests.workloads()) {
            Map<String, Object> labels = map(workload, "spec", "template", "metadata", "labels");
            if (!matches(map(workload, "spec", "selector", "matchLabels"), labels)) {
                problems.add(name(workload) + ": its selector does not match its own pod template");
            }
            for (Object spread : list(workload, "spec", "template", "spec", "topologySpreadConstraints")) {
                if (!matches(map(spread, "labelSelector", "matchLabels"), labels)) {
                    problems.add(name(workload) + ": a topology spread constraint counts other pods");
                }
            }
        }
        for (Map<String, Object> service : manifests.all("Service")) {
            manifests.selected(service, map(service, "spec", "selector"), problems);
        }
        Map<String, Object> app = manifests.appWorkload();
        for (String kind : List.of("PodDisruptionBudget", "NetworkPolicy")) {
            for (Map<String, Object> object : manifests.all(kind)) {
                Map<String, Object> selector = kind.equals("NetworkPolicy")
                        ? map(object, "spec", "podSelector", "matchLabels")
                        : map(object, "spec", "selector", "matchLabels");
                if (manifests.selected(object, selector, problems) != app) {
                    problems.add(kind + " " + name(object) + " does not select the " + APP + " pods");
                }
            }
        }
        for (Map<String, Object> autoscaler : manifests.all("HorizontalPodAutoscaler")) {
            Map<String, Object> target = map(autoscaler, "spec", "scaleTargetRef");
            Map<String, Object> scaled = manifests.find(text(target, "kind"), text(target, "name"));
            if (scaled == null) {
                problems.add("HorizontalPodAutoscaler " + name(autoscaler) + " scales " + target + ", not rendered");
            } else if (at(scaled, "spec", "replicas") != null) {
                problems.add(name(scaled) + " sets replicas, which every apply would reset under its autoscaler");
            }
        }
        assertEquals(List.of(), problems, overlay);
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void portsAgree(String overlay) {
        Manifests manifests = render(overlay);
        Map<String, Object> app = manifests.appContainer();
        List<String> problems = new ArrayList<>();
        Matcher exposed = Pattern.compile("(?m)^EXPOSE (\\d+)").matcher(dockerfile(overlay));
        if (!exposed.find() || Integer.parseInt(exposed.group(1)) != App.port()) {
            problems.add(DOCKERFILE.get(overlay) + " does not expose the app's port " + App.port());
        }
        if (manifests.containerPort(app, "http") != App.port()) {
            problems.add("the container's port `http` is not the app's port " + App.port());
        }
        for (Map<String, Object> service : manifests.all("Service")) {
            Map<String, Object> pods = manifests.selected(service, map(service, "spec", "selector"), new ArrayList<>());
            for (Object port : list(service, "spec", "ports")) {
                Map<String, Object> container = pods == null ? null : containers(pods).get(0);
                if (container == null || manifests.containerPort(container, at(port, "targetPort")) == -1) {
                    problems.add("Service " + name(service) + " sends port " + at(port, "port") + " nowhere");
                }
            }
        }
        for (Map<String, Object> policy : manifests.all("NetworkPolicy")) {
            for (Object rule : list(policy, "spec", "ingress")) {
                for (Object port : list(rule, "ports")) {
                    if (manifests.containerPort(app, at(port, "port")) != App.port()) {
                        problems.add("NetworkPolicy " + name(policy) + " lets in port " + at(port, "port"));
                    }
                }
            }
            if (list(policy, "spec", "policyTypes").contains("Egress")) {
                List<Integer> open = new ArrayList<>();
                list(policy, "spec", "egress").forEach(rule -> list(rule, "ports")
                        .forEach(port -> open.add(((Number) at(port, "port")).intValue())));
                for (int needed : outboundPorts(manifests.environment(app, new ArrayList<>()))) {
                    if (!open.contains(needed)) {
                        problems.add("NetworkPolicy " + name(policy) + " keeps the pods from port " + needed);
                    }
                }
            }
        }
        Map<String, Object> annotations = map(manifests.appWorkload(), "spec", "template", "metadata", "annotations");
        if ("true".equals(annotations.get("prometheus.io/scrape"))) {
            if (!String.valueOf(App.port()).equals(annotations.get("prometheus.io/port"))
                    || !App.metricsPath().equals(annotations.get("prometheus.io/path"))) {
                problems.add("the scrape annotations do not name " + App.metricsPath() + " on port " + App.port());
            }
        }
        for (Map<String, Object> ingress : manifests.all("Ingress")) {
            for (Object rule : list(ingress, "spec", "rules")) {
                for (Object path : list(rule, "http", "paths")) {
                    manifests.servicePort(map(path, "backend", "service"), problems);
                }
            }
        }
        Path monitor = K8S.resolve("overlays").resolve(overlay).resolve("servicemonitor.yaml");
        if (Files.exists(monitor)) {
            Map<String, Object> serviceMonitor = Manifests.parse(read(monitor)).get(0);
            Map<String, Object> selector = map(serviceMonitor, "spec", "selector", "matchLabels");
            List<Map<String, Object>> services = manifests.all("Service").stream()
                    .filter(service -> matches(selector, map(service, "metadata", "labels"))).toList();
            for (Object endpoint : list(serviceMonitor, "spec", "endpoints")) {
                if (services.size() != 1 || !App.metricsPath().equals(at(endpoint, "path")) || manifests.servicePort(
                        Map.of("name", name(services.get(0)), "port", Map.of("name", text(endpoint, "port"))),
                        problems) == null) {
                    problems.add("servicemonitor.yaml does not scrape " + App.metricsPath() + " through one Service");
                }
            }
        }
        assertEquals(List.of(), problems, overlay);
    }

    /** The manifests ask Prometheus to scrape the metrics path: the service must serve it. */
    @Test
    void theScrapedPathIsServed() {
        // Until issue 23's metrics work is merged, the extension is not in the pom.
        Assumptions.assumeTrue(pom().contains("<artifactId>quarkus-micrometer-registry-prometheus</artifactId>"),
                () -> warn("the pom has no quarkus-micrometer-registry-prometheus: that " + App.metricsPath()
                        + " is served is not checked"));
        assertEquals("true", App.setting("quarkus.micrometer.enabled", "true"), "metrics are turned off");
        assertEquals("true", App.setting("quarkus.micrometer.export.prometheus.enabled", "true"),
                "the Prometheus endpoint is turned off");
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void imagesAreTheDockerfiles(String overlay) {
        Manifests manifests = render(overlay);
        Map<String, Object> app = manifests.appContainer();
        String dockerfile = dockerfile(overlay);
        Matcher built = Pattern.compile("docker build -f src/main/docker/" + Pattern.quote(DOCKERFILE.get(overlay))
                + " -t ([\\w.-]+)").matcher(dockerfile);
        assertTrue(built.find(), DOCKERFILE.get(overlay) + " says how it is built and tagged");
        String image = text(app, "image");
        String repository = image.replaceFirst("[:@].*$", "");
        assertEquals(built.group(1), repository.substring(repository.lastIndexOf('/') + 1),
                overlay + ": " + image + " is not the image " + DOCKERFILE.get(overlay) + " builds");
        // The Dockerfile's entrypoint runs what it copied (the fast-jar or the native runner): nothing may replace it.
        assertEquals(null, at(app, "command"), overlay + ": command replaces the image's entrypoint");
        assertEquals(null, at(app, "args"), overlay + ": args replace the image's command");
        Matcher user = Pattern.compile("(?m)^USER (\\S+)").matcher(dockerfile);
        String last = null;
        while (user.find()) {
            last = user.group(1);
        }
        assertTrue(last != null && last.matches("\\d+") && !last.equals("0"), DOCKERFILE.get(overlay)
                + " must end on a numeric non-root USER, or the kubelet cannot check runAsNonRoot: " + last);
        if (dockerfile.contains("JAVA_MAX_MEM_RATIO")) {
            assertTrue(at(app, "resources", "limits", "memory") != null,
                    overlay + ": the JVM sizes its heap from the memory limit, and there is none");
        }
        if (dockerfile.contains("target/quarkus-app/")) {
            assertEquals("fast-jar", App.setting("quarkus.package.jar.type", "fast-jar"),
                    DOCKERFILE.get(overlay) + " copies the fast-jar's target/quarkus-app/");
        }
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void podsRunHardened(String overlay) {
        Manifests manifests = render(overlay);
        List<String> problems = new ArrayList<>();
        for (Map<String, Object> workload : manifests.workloads()) {
            Map<String, Object> pod = map(workload, "spec", "template", "spec");
            for (Map<String, Object> container : containers(workload)) {
                String who = name(workload) + "/" + container.get("name");
                if (!Boolean.TRUE.equals(Optional.ofNullable(at(container, "securityContext", "runAsNonRoot"))
                        .orElse(at(pod, "securityContext", "runAsNonRoot")))) {
                    problems.add(who + " may run as root");
                }
                if (!Boolean.TRUE.equals(at(container, "securityContext", "readOnlyRootFilesystem"))) {
                    problems.add(who + " may write its root filesystem");
                }
                if (!Boolean.FALSE.equals(at(container, "securityContext", "allowPrivilegeEscalation"))) {
                    problems.add(who + " may escalate privileges");
                }
                if (!list(container, "securityContext", "capabilities", "drop").contains("ALL")) {
                    problems.add(who + " keeps Linux capabilities");
                }
            }
        }
        Map<String, Object> app = manifests.appContainer();
        Object tmp = list(app, "volumeMounts").stream().filter(mount -> "/tmp".equals(at(mount, "mountPath")))
                .map(mount -> manifests.volume(manifests.appWorkload(), String.valueOf(at(mount, "name"))))
                .filter(volume -> volume != null && volume.containsKey("emptyDir")).findFirst().orElse(null);
        if (tmp == null) {
            problems.add("/tmp is not a writable emptyDir: Vert.x and the JVM write there");
        }
        if (!Boolean.FALSE.equals(at(manifests.appWorkload(), "spec", "template", "spec",
                "automountServiceAccountToken"))) {
            problems.add("the service never calls the Kubernetes API, yet gets a token");
        }
        assertEquals(List.of(), problems, overlay);
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void drainingFitsTheGracePeriod(String overlay) {
        Manifests manifests = render(overlay);
        Map<String, String> env = manifests.environment(manifests.appContainer(), new ArrayList<>());
        String timeout = env.get("QUARKUS_SHUTDOWN_TIMEOUT");
        assertTrue(timeout != null, overlay + ": QUARKUS_SHUTDOWN_TIMEOUT is not set: SIGTERM would cut requests");
        long drain = Duration.parse("PT" + timeout.toUpperCase(Locale.ROOT)).toSeconds();
        Object sleep = at(manifests.appContainer(), "lifecycle", "preStop", "sleep", "seconds");
        long before = sleep == null ? 0 : ((Number) sleep).longValue();
        Object grace = at(manifests.appWorkload(), "spec", "template", "spec", "terminationGracePeriodSeconds");
        long allowed = grace == null ? 30 : ((Number) grace).longValue();
        assertTrue(before + drain < allowed, overlay + ": preStop " + before + " s + drain " + drain
                + " s must end before the kubelet's SIGKILL at " + allowed + " s");
    }

    @ParameterizedTest
    @MethodSource("overlays")
    void ingressesExposeOnlyTheServicesOwnAddress(String overlay) {
        Manifests manifests = render(overlay);
        String serviceUrl = manifests.environment(manifests.appContainer(), new ArrayList<>())
                .get("SHOP_MAIL_SERVICE_URL");
        String internal = "/" + App.setting("quarkus.http.non-application-root-path", "q");
        for (Map<String, Object> ingress : manifests.all("Ingress")) {
            for (Object rule : list(ingress, "spec", "rules")) {
                assertEquals(URI.create(String.valueOf(serviceUrl)).getHost(), at(rule, "host"),
                        overlay + ": supplier links (SHOP_MAIL_SERVICE_URL) would not reach this Ingress");
                for (Object path : list(rule, "http", "paths")) {
                    String prefix = String.valueOf(at(path, "path"));
                    assertTrue(!prefix.equals("/") && !prefix.startsWith(internal), overlay + ": Ingress path " + prefix
                            + " exposes " + internal + " (health, metrics) outside the cluster");
                }
            }
        }
    }

    /** Where the service connects to: DNS, PostgreSQL, the SMTP relay, the identity provider's keys over HTTPS. */
    private static List<Integer> outboundPorts(Map<String, String> env) {
        List<Integer> ports = new ArrayList<>(List.of(53));
        String database = env.getOrDefault("QUARKUS_DATASOURCE_REACTIVE_URL", "");
        ports.add(database.startsWith("postgresql:") && URI.create(database).getPort() != -1
                ? URI.create(database).getPort() : 5432);
        ports.add(Integer.parseInt(env.getOrDefault("QUARKUS_MAILER_PORT", App.setting("quarkus.mailer.port", "25"))));
        String keys = env.getOrDefault("MP_JWT_VERIFY_PUBLICKEY_LOCATION", "");
        if (keys.startsWith("https:")) {
            ports.add(URI.create(keys).getPort() == -1 ? 443 : URI.create(keys).getPort());
        }
        return ports;
    }

    /** The shop's settings without a default: the service refuses to start without them (ShopConfig is validated). */
    private static List<String> requiredSettings(Class<?> group, String prefix) {
        List<String> required = new ArrayList<>();
        for (Method setting : group.getDeclaredMethods()) {
            if (setting.isDefault() || Modifier.isStatic(setting.getModifiers())) {
                continue;
            }
            String name = prefix + "."
                    + setting.getName().replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
            Class<?> type = setting.getReturnType();
            if (type.isInterface() && type.getEnclosingClass() == ShopConfig.class) {
                required.addAll(requiredSettings(type, name));
            } else if (type != Optional.class && !setting.isAnnotationPresent(WithDefault.class)) {
                required.add(name);
            }
        }
        return required;
    }

    /** TrustSettings' own list, so that a setting it adds is checked here too (its method is package-private). */
    @SuppressWarnings("unchecked")
    private static List<String> tokenSettingsMissing(Config config) throws ReflectiveOperationException {
        Method missing = TrustSettings.class.getDeclaredMethod("missing", Config.class);
        missing.setAccessible(true);
        try {
            return (List<String>) missing.invoke(null, config);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    private static Manifests render(String overlay) {
        Assumptions.assumeTrue(KUBECTL_UNUSABLE == null, KUBECTL_UNUSABLE);
        return RENDERED.computeIfAbsent(overlay, key -> {
            Path dir = key.equals("base") ? K8S.resolve("base") : K8S.resolve("overlays").resolve(key);
            return new Manifests(Manifests.parse(run(kubectl().toString(), "kustomize", dir.toString())));
        });
    }

    /** Why kubectl cannot render k8s/, said once where the build's reader looks; null if it can. */
    private static String kubectlUnusable() {
        Path kubectl = kubectl();
        if (!Files.isExecutable(kubectl)) {
            return warn("kubectl not found at " + kubectl + " (or $KUBECTL): the manifest checks are skipped;"
                    + " install kubectl 1.27+ to run them");
        }
        // k8s/ uses kustomize 5's fields (labels, patches with targets); an older kubectl fails on them.
        Matcher kustomize = Pattern.compile("\"kustomizeVersion\":\\s*\"v(\\d+)")
                .matcher(run(kubectl.toString(), "version", "--client", "-o", "json"));
        if (!kustomize.find() || Integer.parseInt(kustomize.group(1)) < 5) {
            return warn(kubectl + " embeds a kustomize older than v5: the manifest checks are skipped;"
                    + " install kubectl 1.27+ to run them");
        }
        return null;
    }

    private static String run(String... command) {
        try {
            Process process = new ProcessBuilder(command).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(process.waitFor(60, TimeUnit.SECONDS), String.join(" ", command) + " did not finish");
            assertEquals(0, process.exitValue(), String.join(" ", command) + ": " + err);
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** $KUBECTL, -Dkubectl=..., or the first kubectl on the PATH. */
    private static Path kubectl() {
        String configured = System.getProperty("kubectl", System.getenv("KUBECTL"));
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        return Stream.of(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                .filter(dir -> !dir.isBlank()).map(dir -> Path.of(dir, "kubectl")).filter(Files::isExecutable)
                .findFirst().orElse(Path.of("/usr/bin/kubectl"));
    }

    /** Surefire counts skipped tests but does not print why: say it where the build's reader looks. */
    private static String warn(String reason) {
        LOG.warn(reason);
        return reason;
    }

    private static String dockerfile(String overlay) {
        String name = DOCKERFILE.get(overlay);
        assertTrue(name != null, "overlay " + overlay + ": say in DOCKERFILE which image it runs");
        return read(DOCKER.resolve(name));
    }

    private static String pom() {
        return read(Path.of("pom.xml"));
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What application.properties sets for production: the port and the paths the manifests must name. */
    private static final class App {

        private static final Properties PROPERTIES = new Properties();

        static {
            try (StringReader reader = new StringReader(read(Path.of("src/main/resources/application.properties")))) {
                PROPERTIES.load(reader);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        static String setting(String name, String otherwise) {
            return PROPERTIES.getProperty("%prod." + name, PROPERTIES.getProperty(name, otherwise));
        }

        static int port() {
            return Integer.parseInt(setting("quarkus.http.port", "8080"));
        }

        /** A management path: under the non-application root unless it is absolute. */
        static String path(String relative) {
            if (relative.startsWith("/")) {
                return relative;
            }
            String root = setting("quarkus.http.non-application-root-path", "q").replaceAll("^/|/$", "");
            return "/" + root + "/" + relative;
        }

        static String metricsPath() {
            return path(setting("quarkus.micrometer.export.prometheus.path", "metrics"));
        }
    }

    /** One rendering's objects, and how they refer to each other. */
    private record Manifests(List<Map<String, Object>> objects) {

        /** The value of a key in a Secret this rendering does not create (the operator does). */
        static final String FROM_OPERATOR = "from the operator's Secret ";

        @SuppressWarnings("unchecked")
        static List<Map<String, Object>> parse(String yaml) {
            List<Map<String, Object>> objects = new ArrayList<>();
            for (Object document : new Yaml().loadAll(yaml)) {
                if (document != null) {
                    objects.add((Map<String, Object>) document);
                }
            }
            return objects;
        }

        List<Map<String, Object>> all(String kind) {
            return objects.stream().filter(object -> kind.equals(object.get("kind"))).toList();
        }

        Map<String, Object> find(String kind, String name) {
            return all(kind).stream().filter(object -> name.equals(name(object))).findFirst().orElse(null);
        }

        List<Map<String, Object>> workloads() {
            return objects.stream().filter(object -> List.of("Deployment", "StatefulSet").contains(object.get("kind")))
                    .toList();
        }

        Map<String, Object> appWorkload() {
            Map<String, Object> deployment = find("Deployment", APP);
            assertTrue(deployment != null, "no Deployment " + APP);
            return deployment;
        }

        Map<String, Object> appContainer() {
            return containers(appWorkload()).stream().filter(container -> APP.equals(container.get("name"))).findFirst()
                    .orElseThrow(() -> new AssertionError("no container " + APP));
        }

        /** The one workload whose pods a selector picks; a problem if it picks none or several. */
        Map<String, Object> selected(Map<String, Object> by, Map<String, Object> selector, List<String> problems) {
            List<Map<String, Object>> picked = workloads().stream()
                    .filter(workload -> !selector.isEmpty()
                            && matches(selector, map(workload, "spec", "template", "metadata", "labels")))
                    .toList();
            if (picked.size() != 1) {
                problems.add(by.get("kind") + " " + name(by) + " selects the pods of " + picked.size() + " workloads");
                return null;
            }
            return picked.get(0);
        }

        /** The number of a container's port given by number or name; -1 if it has none such. */
        int containerPort(Map<String, Object> container, Object port) {
            for (Object declared : list(container, "ports")) {
                if (Objects.equals(port, at(declared, "name")) || Objects.equals(port, at(declared, "containerPort"))) {
                    return ((Number) at(declared, "containerPort")).intValue();
                }
            }
            return -1;
        }

        /** The Service port a backend names ({name, port: {name | number}}); null, and a problem, if none. */
        Object servicePort(Map<String, Object> backend, List<String> problems) {
            Map<String, Object> service = find("Service", String.valueOf(backend.get("name")));
            Object wanted = Optional.ofNullable(at(backend, "port", "name")).orElse(at(backend, "port", "number"));
            Object port = service == null ? null : list(service, "spec", "ports").stream()
                    .filter(candidate -> Objects.equals(wanted, at(candidate, "name"))
                            || Objects.equals(wanted, at(candidate, "port")))
                    .findFirst().orElse(null);
            if (port == null) {
                problems.add("no Service port " + backend.get("name") + ":" + wanted);
            }
            return port;
        }

        @SuppressWarnings("unchecked")
        Map<String, Object> volume(Map<String, Object> workload, String name) {
            return (Map<String, Object>) list(workload, "spec", "template", "spec", "volumes").stream()
                    .filter(volume -> name.equals(at(volume, "name"))).findFirst().orElse(null);
        }

        /**
         * The container's environment as the kubelet would build it; a Secret the rendering does not create gives
         * a stand-in value where it is documented (secret.example.yaml), a problem where it is not. Optional
         * references that resolve to nothing are left out.
         */
        Map<String, String> environment(Map<String, Object> container, List<String> problems) {
            Map<String, String> env = new LinkedHashMap<>();
            for (Object source : list(container, "envFrom")) {
                for (String kind : List.of("ConfigMap", "Secret")) {
                    Map<String, Object> reference = map(source, kind.equals("Secret") ? "secretRef" : "configMapRef");
                    if (!reference.isEmpty()) {
                        env.putAll(data(kind, text(reference, "name"), Boolean.TRUE.equals(reference.get("optional")),
                                problems));
                    }
                }
            }
            for (Object variable : list(container, "env")) {
                String name = String.valueOf(at(variable, "name"));
                if (at(variable, "value") != null) {
                    env.put(name, String.valueOf(at(variable, "value")));
                    continue;
                }
                for (String kind : List.of("ConfigMap", "Secret")) {
                    Map<String, Object> reference = map(variable, "valueFrom",
                            kind.equals("Secret") ? "secretKeyRef" : "configMapKeyRef");
                    if (reference.isEmpty()) {
                        continue;
                    }
                    boolean optional = Boolean.TRUE.equals(reference.get("optional"));
                    String value = data(kind, text(reference, "name"), optional, problems).get(reference.get("key"));
                    if (value != null) {
                        env.put(name, value);
                    } else if (!optional) {
                        problems.add(name + ": " + kind + " " + reference.get("name") + " has no key "
                                + reference.get("key"));
                    }
                }
            }
            return env;
        }

        private Map<String, String> data(String kind, String name, boolean optional, List<String> problems) {
            Map<String, Object> object = find(kind, name);
            Map<String, String> data = new HashMap<>();
            if (object != null) {
                map(object, "data").forEach((key, value) -> data.put(key, kind.equals("Secret")
                        ? new String(Base64.getMimeDecoder().decode(String.valueOf(value)), StandardCharsets.UTF_8)
                        : String.valueOf(value)));
                map(object, "stringData").forEach((key, value) -> data.put(key, String.valueOf(value)));
            } else if (kind.equals("Secret")) {
                Map<String, Object> example = secretExamples().get(name);
                if (example != null) {
                    map(example, "stringData").keySet().forEach(key -> data.put(key, FROM_OPERATOR + name));
                } else if (!optional) {
                    problems.add("Secret " + name + " is neither rendered nor in a secret.example.yaml");
                }
            } else if (!optional) {
                problems.add("ConfigMap " + name + " is not rendered");
            }
            return data;
        }

        /** The text of a file the container reads from a mounted ConfigMap; null, and a problem, if not mounted. */
        String mountedFile(Map<String, Object> container, String file, List<String> problems) {
            Path path = Path.of(file);
            for (Object mount : list(container, "volumeMounts")) {
                if (path.getParent().equals(Path.of(String.valueOf(at(mount, "mountPath"))))) {
                    Map<String, Object> volume = volume(appWorkload(), String.valueOf(at(mount, "name")));
                    Object configMap = volume == null ? null : at(volume, "configMap", "name");
                    if (configMap != null) {
                        return data("ConfigMap", String.valueOf(configMap), false, problems)
                                .get(path.getFileName().toString());
                    }
                }
            }
            problems.add(file + " is not mounted from a ConfigMap");
            return null;
        }

        private static Map<String, Map<String, Object>> secretExamples() {
            Map<String, Map<String, Object>> examples = new HashMap<>();
            try (Stream<Path> files = Files.walk(K8S)) {
                files.filter(file -> file.getFileName().toString().equals("secret.example.yaml"))
                        .flatMap(file -> parse(read(file)).stream())
                        .forEach(secret -> examples.merge(name(secret), secret, (one, other) -> {
                            Map<String, Object> keys = new HashMap<>(map(one, "stringData"));
                            keys.putAll(map(other, "stringData"));
                            return Map.of("stringData", keys);
                        }));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return examples;
        }
    }

    private static boolean matches(Map<String, Object> selector, Map<String, Object> labels) {
        return !selector.isEmpty() && labels.entrySet().containsAll(selector.entrySet());
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> containers(Map<String, Object> workload) {
        return (List<Map<String, Object>>) (List<?>) list(workload, "spec", "template", "spec", "containers");
    }

    private static String name(Map<String, Object> object) {
        return String.valueOf(at(object, "metadata", "name"));
    }

    private static Object at(Object node, String... path) {
        Object current = node;
        for (String key : path) {
            if (!(current instanceof Map<?, ?> map)) {
                return null;
            }
            current = map.get(key);
        }
        return current;
    }

    private static String text(Object node, String... path) {
        return String.valueOf(at(node, path));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object node, String... path) {
        return at(node, path) instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    private static List<?> list(Object node, String... path) {
        return at(node, path) instanceof List<?> list ? list : List.of();
    }
}
