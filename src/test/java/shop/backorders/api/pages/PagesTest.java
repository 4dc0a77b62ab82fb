package shop.backorders.api.pages;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.quarkus.test.junit.QuarkusTest;
import shop.backorders.support.MovableClock;

/**
 * The pages as plain HTTP sees them (what the browser test cannot show): each address answers its page with the
 * headers that keep a link's token in its page and the shop's calendar day, and the pages load nothing but the
 * service's own files, which a browser asks for again rather than run a stale copy.
 */
@QuarkusTest
class PagesTest {

    @Inject
    MovableClock clock;

    private static final Pattern REFERENCE = Pattern.compile("(?:src|href)=\"([^\"]+)\"|from '([^']+)'");

    @ParameterizedTest
    @ValueSource(strings = { "/console", "/supplier/purchase-orders/12?token=abc",
            "/backorders/7/accept-new-date?token=abc", "/backorders/7/cancel?token=abc" })
    void everyPageIsServedWithItsGuards(String address) {
        given().get(address).then().statusCode(200)
                .contentType(startsWith("text/html"))
                .header("Content-Security-Policy", containsString("default-src 'none'; script-src 'self';"))
                .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
                .header("Referrer-Policy", equalTo("no-referrer"))
                .header("Cache-Control", equalTo("no-store"))
                .body(containsString("<script type=\"module\" src=\"/assets/"))
                .body(containsString("<meta name=\"shop-today\" content=\"" + LocalDate.now(clock) + "\">"));
    }

    @Test
    void pagesLoadOnlyTheServicesOwnFiles() {
        List<String> files = List.of("/console", "/supplier/purchase-orders/1", "/backorders/1/cancel",
                "/assets/console.js", "/assets/supplier.js", "/assets/backorder-link.js", "/assets/graphql.js",
                "/assets/ui.js");
        int references = 0;
        for (String file : files) {
            String text = given().get(file).then().statusCode(200).extract().asString();
            Matcher reference = REFERENCE.matcher(text);
            while (reference.find()) {
                String target = reference.group(1) != null ? reference.group(1) : reference.group(2);
                if (target.startsWith("#") || target.startsWith("data:")) {
                    continue;
                }
                references++;
                assertTrue(target.startsWith("/assets/") || target.startsWith("./"), file + " loads " + target);
                String served = target.startsWith("./") ? "/assets/" + target.substring(2) : target;
                String type = served.endsWith(".css") ? "text/css" : "text/javascript";
                // Asked again after a deploy, never run stale from the cache with a new page.
                given().get(served).then().statusCode(200).contentType(startsWith(type))
                        .header("Cache-Control", equalTo("no-cache"));
            }
        }
        assertTrue(references >= 10, "found the pages' references: " + references);
    }

    @Test
    void aPageIsOnlyRead() {
        assertEquals(405, given().post("/backorders/7/cancel?token=abc").statusCode());
    }
}
