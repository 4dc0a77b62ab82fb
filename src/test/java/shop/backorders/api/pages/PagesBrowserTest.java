package shop.backorders.api.pages;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static shop.backorders.support.Fixtures.backorder;
import static shop.backorders.support.Fixtures.placeOrder;
import static shop.backorders.support.GraphQLClient.data;

import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.WebSocketRoute;
import com.microsoft.playwright.options.AriaRole;

import io.quarkus.test.junit.QuarkusTest;
import shop.backorders.notification.MailDispatcher;
import shop.backorders.support.Browser;
import shop.backorders.support.Browser.Screen;
import shop.backorders.support.Browser.Tab;
import shop.backorders.support.EngineTest;
import shop.backorders.support.Fixtures;
import shop.backorders.support.Inbox;
import shop.backorders.support.Inbox.Mail;
import shop.backorders.support.MovableClock;
import shop.backorders.support.Tokens;

/**
 * The pages as their people use them, in headless Chromium against the running service, with mail through a
 * real SMTP server: staff watch a queue move live while they receive stock, order from a suggestion, the
 * supplier answers on the page its mail links to, the customers' estimates move in the console, and a customer
 * keeps a delayed backorder from the mail's link. Every page passes axe-core's WCAG A/AA checks (no serious or
 * critical finding) and runs without a script error. Skipped where no Chromium is installed (Browser).
 */
@QuarkusTest
@ExtendWith(Browser.Required.class)
class PagesBrowserTest extends EngineTest {

    private static final Pattern SUPPLIER_LINK = Pattern.compile("/supplier/purchase-orders/\\d+\\?token=[\\w.-]+");
    private static final Pattern KEEP_LINK = Pattern.compile("/backorders/\\d+/accept-new-date\\?token=[\\w.-]+");
    private static final Pattern CANCEL_LINK = Pattern.compile("/backorders/\\d+/cancel\\?token=[\\w.-]+");


    @Inject
    MailDispatcher dispatcher;

    @Inject
    MovableClock clock;

    private Inbox inbox;

    @BeforeEach
    void startMailServerWithAnEmptyOutbox() throws SQLException {
        inbox = Inbox.startWithEmptyOutbox(dataSource);
    }

    @AfterEach
    void stopMailServerAndClock() {
        inbox.close();
        clock.reset();
    }

    @Test
    void staffSupplierAndCustomerWorkTogetherThroughThePages() {
        LocalDate today = LocalDate.now(clock);
        // Names as a shop would have them: the README's screenshots show them.
        String supplierEmail = "orders@ergo-supply.example";
        String supplier = data("CreateSupplier", Map.of("input", Map.of("name", "Ergo Supply Co.",
                "email", supplierEmail, "leadTimeDays", 7))).getString("createSupplier.id");
        String sku = "MON-ARM-27";
        Map<String, Object> arm = Fixtures.product(sku, "ALLOW", null, 0);
        arm.put("name", "Dual monitor arm");
        arm.remove("leadTimeDays");
        arm.put("supplierId", supplier);
        data("CreateProduct", Map.of("input", arm));
        String ann = "ann@example.com";
        String bo = "bo@example.com";
        String cy = "cy@example.com";
        placeOrder(ann, sku, 2);
        String boBackorder = placeOrder(bo, sku, 3).getString("backorders[0].id");
        String cyBackorder = placeOrder(cy, sku, 1).getString("backorders[0].id");

        Browser browser = Browser.shared();
        try (Tab console = browser.open(); Tab supplierTab = browser.open(); Tab customerTab = browser.open();
                Tab tablet = browser.open(Screen.TABLET)) {
            Page staff = console.page();
            List<WebSocketRoute> sockets = new CopyOnWriteArrayList<>();
            staff.routeWebSocket(Pattern.compile(".*/graphql$"), socket -> {
                socket.connectToServer();
                sockets.add(socket);
            });

            // Sign in: a customer's token gets no console; staff's does.
            staff.navigate("/console");
            Browser.assertAccessible(staff);
            signIn(staff, Tokens.customer(ann));
            assertThat(staff.getByText("This token is not a staff token")).isVisible();
            signIn(staff, Tokens.staff());
            assertThat(staff.locator("#connection")).hasText("Live");
            assertThat(staff.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Products"))).isVisible();
            Browser.assertAccessible(staff);
            Browser.screenshot(staff, "console-products");

            // The product's queue, first come first served; receiving stock moves it without a reload.
            staff.getByLabel("SKU", new Page.GetByLabelOptions().setExact(true)).fill(sku);
            staff.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Open product")).click();
            Locator queue = staff.locator("tr[data-backorder]");
            assertThat(queue).hasCount(3);
            assertThat(queue.nth(0)).containsText(ann);
            assertThat(queue.nth(1)).containsText(bo);
            staff.evaluate("window.notReloaded = true");
            Browser.assertAccessible(staff);
            staff.getByLabel("Units arrived").fill("2");
            staff.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Receive stock")).click();
            assertThat(queue).hasCount(2);
            assertThat(queue.nth(0)).containsText(bo);
            assertThat(queue.nth(0).locator("td").nth(0)).hasText("1");
            assertThat(queue.nth(1)).containsText(cy);

            // Order from a suggestion: a purchase order to the product's supplier.
            staff.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Insight")).click();
            staff.getByLabel("Supplier to reorder from").selectOption(supplier);
            staff.getByLabel("Order Dual monitor arm").check();
            Browser.assertAccessible(staff);
            Browser.screenshot(staff, "console-insight");
            staff.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Create purchase orders")).click();
            assertThat(staff.getByText(Pattern.compile("Sent purchase order \\d+ to Ergo Supply Co\\."))).isVisible();
            staff.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Purchase orders")).click();
            assertThat(staff.locator("article[data-purchase-order]").first()).containsText("Dual monitor arm");
            Browser.assertAccessible(staff);
            staff.navigate("/console#/products/" + sku);
            assertThat(queue).hasCount(2);

            // One unit of the order arrives early: received from its delivery on the product page.
            staff.getByLabel("Units", new Page.GetByLabelOptions().setExact(true)).fill("1");
            staff.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Receive").setExact(true)).click();
            assertThat(queue.nth(0).locator("td").nth(2)).hasText("2");

            // The supplier opens its mail's link and splits the line: 3 units in two days, the rest in twenty.
            Inbox.dispatch(dispatcher);
            Page answer = supplierTab.page();
            answer.navigate(link(inbox.latest(supplierEmail, 1), SUPPLIER_LINK));
            Browser.assertAccessible(answer);
            Locator deliveries = answer.locator(".delivery");
            assertThat(deliveries).hasCount(1);
            assertThat(answer.getByText("1 unit arrived")).isVisible();
            int coming = Integer.parseInt(deliveries.nth(0).getByLabel("Units").inputValue());
            assertTrue(coming > 2, "the suggestion covers the four units waiting, one arrived: " + coming);
            Browser.screenshot(answer, "supplier-purchase-order");
            deliveries.nth(0).getByLabel("Units").fill("2");
            deliveries.nth(0).getByLabel("Delivered on").fill(today.plusDays(2).toString());
            answer.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Add a delivery for line 1")).click();
            deliveries.nth(1).getByLabel("Units").fill(Integer.toString(coming - 2));
            deliveries.nth(1).getByLabel("Delivered on").fill(today.plusDays(20).toString());
            answer.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Send these dates to the shop"))
                    .click();
            assertThat(answer.getByText("Thank you: the shop has your dates")).isVisible();
            Browser.assertAccessible(answer);

            // The console shows both customers' new estimates, and that the later one was asked to consent.
            Locator boRow = staff.locator("tr[data-backorder='" + boBackorder + "']");
            Locator cyRow = staff.locator("tr[data-backorder='" + cyBackorder + "']");
            assertThat(boRow.locator("time[datetime='" + today.plusDays(2) + "']")).isVisible();
            assertThat(cyRow.locator("time[datetime='" + today.plusDays(20) + "']")).isVisible();
            assertThat(cyRow).containsText("Asked, answer by");
            Browser.screenshot(staff, "console-product");

            // The customer keeps the backorder from the delay mail's link; opening the page changed nothing.
            Inbox.dispatch(dispatcher);
            Page keep = customerTab.page();
            Mail delayed = inbox.to(cy).stream().filter(mail -> KEEP_LINK.matcher(mail.text()).find()).findFirst()
                    .orElseThrow();
            keep.navigate(link(delayed, KEEP_LINK));
            assertThat(keep.getByRole(AriaRole.HEADING)).hasText("Keep your backorder for the new date?");
            Browser.assertAccessible(keep);
            assertNotNull(backorder(cyBackorder).getString("eta.consentDeadline"), "a GET answers nothing");
            keep.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Yes, keep my backorder")).click();
            assertThat(keep.getByText("Done: your backorder is kept")).isVisible();
            assertNull(backorder(cyBackorder).getString("eta.consentDeadline"));
            assertEquals(today.plusDays(20).toString(), backorder(cyBackorder).getString("eta.promised"));
            assertThat(cyRow).not().containsText("Asked, answer by");
            keep.navigate(link(delayed, CANCEL_LINK));
            assertThat(keep.getByRole(AriaRole.HEADING)).hasText("We cannot use this link");
            assertThat(keep.getByText("This link has been used already")).isVisible();

            // A lost connection shows itself, comes back, and the page follows the queue again.
            assertEquals(1, sockets.size(), "one connection for all of a page's subscriptions");
            sockets.get(0).close(new WebSocketRoute.CloseOptions().setCode(1001));
            assertThat(staff.locator("#connection")).containsText("Connection lost");
            assertThat(staff.locator("#connection")).hasText("Live");
            data("ReceiveStock", Map.of("sku", sku, "quantity", 2));
            assertThat(queue).hasCount(1);
            assertThat(queue.nth(0)).containsText(cy);
            assertEquals(true, staff.evaluate("window.notReloaded"), "the queue moved without a reload");

            // A mail the server kept refusing is sent again from the console.
            String dee = "dee@example.com";
            inbox.down();
            placeOrder(dee, sku, 1);
            for (int attempt = 0; attempt < 3; attempt++) {
                Inbox.dispatch(dispatcher);
                clock.advance(Duration.ofSeconds(11));
            }
            staff.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Mails")).click();
            Locator failed = staff.locator("tr", new Page.LocatorOptions().setHasText(dee));
            assertThat(failed).containsText("failed");
            Browser.assertAccessible(staff);
            inbox.up();
            staff.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Skip to content")).press("Enter");
            assertThat(staff.getByRole(AriaRole.HEADING, new Page.GetByRoleOptions().setName("Mails"))).isVisible();
            failed.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions()
                    .setName("Send the mail to " + dee + " again")).click();
            assertThat(staff.getByText("The mail to " + dee + " will be sent again")).isVisible();
            Inbox.dispatch(dispatcher);
            assertEquals(1, inbox.to(dee).size());

            // On a tablet the product page fits its screen; wide tables scroll inside their own box.
            Page small = tablet.page();
            small.navigate("/console");
            signIn(small, Tokens.staff());
            small.navigate("/console#/products/" + sku);
            assertThat(small.locator("tr[data-backorder]")).hasCount(2);
            assertEquals(true, small.evaluate("document.documentElement.scrollWidth <= window.innerWidth"));
            Browser.assertAccessible(small);

            for (Tab tab : List.of(console, supplierTab, customerTab, tablet)) {
                tab.assertNoErrors();
            }
        }
    }

    private static void signIn(Page page, String token) {
        page.getByLabel("Staff token").fill(token);
        page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Sign in")).click();
    }

    /** The link in a mail, on the service under test (mails name the shop's configured address). */
    private static String link(Mail mail, Pattern pattern) {
        Matcher found = pattern.matcher(mail.text());
        assertTrue(found.find(), mail.text());
        return found.group();
    }
}
