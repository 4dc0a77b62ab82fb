package shop.backorders.api.pages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.opentest4j.AssertionFailedError;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;

import io.quarkus.test.junit.QuarkusTest;
import shop.backorders.support.Browser;
import shop.backorders.support.Browser.Screen;
import shop.backorders.support.Browser.Tab;

/**
 * Guards the browser harness the page tests stand on: that its accessibility check fails on serious findings
 * (and only on those), that a tab reaches the service under test by relative URLs on both screens, and that
 * script errors and requests leaving the service are caught. Without the first, an inaccessible page would pass
 * its test silently. Skipped, with the reason in the build's output, where there is no Chromium.
 */
@QuarkusTest
@ExtendWith(Browser.Required.class)
class BrowserHarnessTest {

    /**
     * A strict Content-Security-Policy, as the service's pages may send: axe-core runs through the DevTools
     * protocol, not a script the page would have to allow.
     */
    private static final String HEAD = """
            <!doctype html><html lang="en"><head><meta charset="utf-8"><title>Harness</title>
            <meta http-equiv="Content-Security-Policy" content="default-src 'self'; img-src data:"></head>""";
    /** Findings below the bar, which alone must not fail a page: a minor one and a moderate one (zoom capped). */
    private static final String BELOW_THE_BAR = """
            <div role="directory">Suppliers</div>
            <meta name="viewport" content="width=device-width, maximum-scale=1.5">""";


    @Test
    void seriousFindingsFailWithEveryFindingListed() {
        try (Tab tab = Browser.shared().open()) {
            tab.page().setContent(HEAD + """
                    <body><main><h1>Receive stock</h1>
                    <img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">
                    <input name="quantity">
                    """ + BELOW_THE_BAR + "</main></body></html>");

            AssertionFailedError failure = assertThrows(AssertionFailedError.class,
                    () -> Browser.assertAccessible(tab.page()));
            for (String finding : List.of("critical image-alt", "critical label", "minor aria-deprecated-role",
                    "moderate meta-viewport")) {
                assertTrue(failure.getMessage().contains(finding), finding + " missing in\n" + failure.getMessage());
            }
        }
    }

    @Test
    void anAccessiblePagePassesDespiteMinorAndModerateFindings() {
        try (Tab tab = Browser.shared().open()) {
            tab.page().setContent(HEAD + """
                    <body><main><h1>Receive stock</h1>
                    <label for="quantity">Quantity</label> <input id="quantity" name="quantity" type="number">
                    <button type="submit">Receive</button>
                    """ + BELOW_THE_BAR + "</main></body></html>");

            Browser.assertAccessible(tab.page());
            tab.assertNoErrors();
        }
    }

    @Test
    void relativeUrlsReachTheServiceOnLaptopAndTablet() {
        String service = ConfigProvider.getConfig().getValue("test.url", String.class);
        for (Screen screen : Screen.values()) {
            try (Tab tab = Browser.shared().open(screen)) {
                Response response = tab.page().navigate("/q/health/live");

                assertEquals(200, response.status());
                assertEquals(service + "/q/health/live", tab.page().url());
                assertEquals(screen == Screen.TABLET, tab.page().evaluate("matchMedia('(pointer: coarse)').matches"),
                        screen + " touch");
                assertEquals(tab.page().viewportSize().width, tab.page().evaluate("innerWidth"));
                tab.assertNoErrors();
            }
        }
    }

    @Test
    void scriptErrorsAndRequestsOutsideTheServiceAreCaught() {
        try (Tab tab = Browser.shared().open()) {
            Page page = tab.page();
            page.setContent(HEAD.replace("default-src 'self'; img-src data:", "img-src *") + """
                    <body><img alt="" src="http://cdn.example.invalid/chart.png">
                    <script>console.error("no stream"); undefinedFunction();</script></body></html>""");
            // The three below, and Chromium's own console error for the image it could not load.
            page.waitForCondition(() -> tab.errors().size() == 4);

            String errors = String.join("\n", tab.errors());
            assertTrue(errors.contains("console error: no stream"), errors);
            assertTrue(errors.contains("uncaught") && errors.contains("undefinedFunction"), errors);
            assertTrue(errors.contains("outside the service: GET http://cdn.example.invalid/chart.png"), errors);
            assertThrows(AssertionFailedError.class, tab::assertNoErrors);
        }
    }
}
