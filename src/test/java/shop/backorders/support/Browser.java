package shop.backorders.support;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

import com.deque.html.axecore.playwright.AxeBuilder;
import com.deque.html.axecore.results.AxeResults;
import com.deque.html.axecore.results.Rule;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.impl.driver.jar.DriverJar;
import com.microsoft.playwright.options.ScreenshotAnimations;

/**
 * Headless Chromium driven by Playwright, for the page tests: the system's Chromium (Debian's package), never a
 * downloaded one. A test class is skipped where there is none ({@link Required}); the classes that run share one
 * browser ({@link #shared}: a launch costs 1.5-3 s), and each test opens its own {@link Tab}, a fresh browser
 * context (no cookies or storage from another test) whose relative URLs go to the service under test.
 */
public final class Browser implements AutoCloseable {

    /** A screen to try a page on. */
    public enum Screen {
        LAPTOP(1366, 768, false),
        TABLET(820, 1180, true);

        private final int width;
        private final int height;
        private final boolean touch;

        Screen(int width, int height, boolean touch) {
            this.width = width;
            this.height = height;
            this.touch = touch;
        }
    }

    private static final Logger LOG = Logger.getLogger(Browser.class);
    private static final Path DEFAULT_CHROMIUM = Path.of("/usr/bin/chromium");
    /**
     * Headless, and quiet on a closed network: without the last four Chromium keeps calling Google (updates,
     * sync, field trials) and logs every refused connection. No sandbox: CI containers run as root.
     */
    private static final List<String> CHROMIUM_ARGS = List.of("--no-sandbox", "--disable-gpu", "--disable-quic",
            "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync");
    /** Playwright's driver would otherwise fetch its own browsers the first time it starts. */
    private static final Map<String, String> NO_BROWSER_DOWNLOAD = Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
    /** axe-core's tags for the WCAG 2.0, 2.1 and 2.2 success criteria of levels A and AA. */
    private static final List<String> WCAG_A_AA = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa");
    private static final List<String> BLOCKING_IMPACTS = List.of("serious", "critical");
    /** A page that never shows what a test waits for fails in seconds, not Playwright's default 30. */
    private static final double WAIT_MS = 10_000;
    private static final Path SCREENSHOTS = Path.of("docs", "screenshots");

    private final Playwright playwright;
    private final com.microsoft.playwright.Browser chromium;

    private Browser(Playwright playwright, com.microsoft.playwright.Browser chromium) {
        this.playwright = playwright;
        this.chromium = chromium;
    }

    /** The Chromium to drive: $CHROMIUM, -Dchromium=..., or Debian's. */
    public static Path chromium() {
        String configured = System.getProperty("chromium", System.getenv("CHROMIUM"));
        return configured == null || configured.isBlank() ? DEFAULT_CHROMIUM : Path.of(configured);
    }

    public static boolean available() {
        return Files.isExecutable(chromium());
    }

    private static String missing() {
        String reason = "Chromium not found at " + chromium() + " (or $CHROMIUM): the browser tests are skipped;"
                + " install Debian's chromium to run them";
        // Surefire counts skipped tests but does not print why: say it where the build's reader looks.
        LOG.warn(reason);
        return reason;
    }

    /**
     * {@code @ExtendWith(Browser.Required.class)}: skips a test class where there is no Chromium, before Quarkus
     * starts for it. Surefire then counts its tests as skipped, which it does not for a skip from {@code @BeforeAll}.
     */
    public static final class Required implements ExecutionCondition {

        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            return available() ? ConditionEvaluationResult.enabled("Chromium at " + chromium())
                    : ConditionEvaluationResult.disabled(missing());
        }
    }

    private static Browser shared;

    /** The run's browser, started by the first test that asks and closed when the test JVM exits. */
    public static synchronized Browser shared() {
        if (shared == null) {
            shared = launch();
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close));
        }
        return shared;
    }

    /** Starts Playwright and Chromium, or skips the calling test (class) when there is no Chromium. */
    private static Browser launch() {
        Assumptions.assumeTrue(available(), Browser::missing);
        long start = System.nanoTime();
        useUnpackedDriver();
        Playwright playwright = Playwright.create(new Playwright.CreateOptions().setEnv(NO_BROWSER_DOWNLOAD));
        long created = System.nanoTime();
        try {
            // launch() gives Chromium a fresh temporary profile, deleted on close.
            com.microsoft.playwright.Browser chromium = playwright.chromium().launch(new BrowserType.LaunchOptions()
                    .setExecutablePath(chromium()).setHeadless(true).setArgs(CHROMIUM_ARGS));
            LOG.infof("Chromium %s ready in %d ms (Playwright's driver %d ms)", chromium.version(),
                    (System.nanoTime() - start) / 1_000_000, (created - start) / 1_000_000);
            return new Browser(playwright, chromium);
        } catch (RuntimeException e) {
            playwright.close();
            throw e;
        }
    }

    /**
     * Playwright unpacks its driver (Node.js and playwright-core, 130 MB) into a new temporary directory in every
     * JVM, about a second and a half each time. Unpacked once under target/ instead (a version's own directory,
     * renamed into place only when complete), later runs start the driver from there. Playwright's own setting for
     * a driver directory wins where someone gave one. DriverJar is Playwright's internal class: should an upgrade
     * move it, drop this method and pay the second and a half.
     */
    private static void useUnpackedDriver() {
        String version = Playwright.class.getPackage().getImplementationVersion();
        if (version == null || System.getProperty("playwright.cli.dir") != null
                || System.getenv("PLAYWRIGHT_DRIVER_DIR") != null) {
            return;
        }
        Path driver = Path.of("target", "playwright-driver-" + version).toAbsolutePath();
        try {
            if (!Files.isDirectory(driver)) {
                Files.createDirectories(driver.getParent());
                Path unpacking = Files.createTempDirectory(driver.getParent(), driver.getFileName() + "-");
                DriverJar.installDriverTo(unpacking);
                try {
                    Files.move(unpacking, driver, StandardCopyOption.ATOMIC_MOVE);
                } catch (IOException anotherRunWasFaster) {
                    driver = unpacking;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        System.setProperty("playwright.cli.dir", driver.toString());
    }

    /** A fresh context on a laptop-sized screen. */
    public Tab open() {
        return open(Screen.LAPTOP);
    }

    public Tab open(Screen screen) {
        String service = ConfigProvider.getConfig().getValue("test.url", String.class);
        BrowserContext context = chromium.newContext(new com.microsoft.playwright.Browser.NewContextOptions()
                .setBaseURL(service).setViewportSize(screen.width, screen.height).setHasTouch(screen.touch));
        context.setDefaultTimeout(WAIT_MS);
        return new Tab(context, service + "/");
    }

    @Override
    public void close() {
        try {
            chromium.close();
        } finally {
            playwright.close();
        }
    }

    /**
     * Runs axe-core in the page against WCAG 2 A and AA; fails listing every finding when any is serious or
     * critical (the minor and moderate ones are listed then too, to fix in the same go).
     */
    public static void assertAccessible(Page page) {
        AxeResults results = new AxeBuilder(page).withTags(WCAG_A_AA).analyze();
        if (results.isErrored()) {
            fail("axe-core could not check " + page.url() + ": " + results.getErrorMessage());
        }
        List<Rule> violations = results.getViolations();
        if (violations.stream().anyMatch(rule -> BLOCKING_IMPACTS.contains(rule.getImpact()))) {
            fail("accessibility findings on " + page.url() + ":\n"
                    + violations.stream().map(Browser::describe).collect(Collectors.joining("\n")));
        }
    }

    private static String describe(Rule rule) {
        return "- " + rule.getImpact() + " " + rule.getId() + ": " + rule.getHelp() + " (" + rule.getHelpUrl() + ")"
                + rule.getNodes().stream().map(node -> "\n    " + node.getTarget() + " " + node.getHtml())
                        .collect(Collectors.joining());
    }

    /**
     * Saves the whole page, scrolled or not, as docs/screenshots/NAME.png when the build asks for screenshots
     * (-Dscreenshots=true); does nothing otherwise, so ordinary test runs leave docs/ alone.
     */
    public static void screenshot(Page page, String name) {
        if (Boolean.getBoolean("screenshots")) {
            page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(name + ".png"))
                    .setFullPage(true)
                    .setAnimations(ScreenshotAnimations.DISABLED));
        }
    }

    /**
     * One browser context with one page, and what went wrong in it: uncaught script errors, console errors
     * (failed loads among them) and requests that left the service, which serves everything its pages use.
     */
    public static final class Tab implements AutoCloseable {

        private final BrowserContext context;
        private final Page page;
        private final List<String> console = new ArrayList<>();
        private final List<String> errors = new ArrayList<>();

        private Tab(BrowserContext context, String service) {
            this.context = context;
            this.page = context.newPage();
            // Playwright calls these on the test's thread, while it waits for the browser.
            String favicon = service + "favicon.ico";
            page.onConsoleMessage(message -> {
                String line = message.type() + ": " + message.text() + " (" + message.location() + ")";
                console.add(line);
                // Chromium asks for /favicon.ico by itself where a page names no icon (a JSON answer, say).
                if ("error".equals(message.type()) && !message.location().startsWith(favicon)) {
                    errors.add("console " + line);
                }
            });
            page.onPageError(error -> errors.add("uncaught " + error));
            page.onRequest(request -> {
                if (request.url().startsWith("http") && !request.url().startsWith(service)) {
                    errors.add("request outside the service: " + request.method() + " " + request.url());
                }
            });
        }

        public Page page() {
            return page;
        }

        public List<String> errors() {
            return List.copyOf(errors);
        }

        /** Fails listing what went wrong, and the whole console for what led to it. */
        public void assertNoErrors() {
            if (!errors.isEmpty()) {
                fail("the page went wrong:\n" + String.join("\n", errors) + "\nconsole:\n"
                        + String.join("\n", console));
            }
        }

        @Override
        public void close() {
            context.close();
        }
    }
}
