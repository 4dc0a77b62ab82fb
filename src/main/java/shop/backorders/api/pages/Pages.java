package shop.backorders.api.pages;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.qute.Engine;
import io.quarkus.qute.Template;
import io.vertx.ext.web.Router;
import shop.backorders.shared.ShopClock;

/**
 * The pages people use, served by the service itself (clusters are often offline): the staff console, a
 * supplier's purchase order behind the link in its mail, and a customer's answer to a date question behind the
 * links in theirs. Each is one HTML document (templates/pages, on one layout) naming the shop's calendar day, the
 * day its dates are checked against; its script and styles are static files under /assets. A page holds
 * no data: it asks /graphql with the person's token, so a GET changes nothing (mail scanners open links) and a
 * page shows only what the token may read.
 */
@ApplicationScoped
public class Pages {

    /**
     * Only the service's own scripts and styles run, nothing is framed, and no address (links carry their token)
     * leaves in a Referer header.
     */
    private static final String POLICY = "default-src 'none'; script-src 'self'; style-src 'self';"
            + " img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none';"
            + " frame-ancestors 'none'";
    private final ShopClock clock;
    private final Engine templates;

    public Pages(ShopClock clock, Engine templates) {
        this.clock = clock;
        this.templates = templates;
    }

    void register(@Observes Router router) {
        serve(router, "/console", "console");
        serve(router, "/supplier/purchase-orders/:id", "supplier");
        serve(router, "/backorders/:id/accept-new-date", "backorder-link");
        serve(router, "/backorders/:id/cancel", "backorder-link");
        // A page after a deploy must not run the scripts cached before it: the browser asks whether they changed.
        router.get("/assets/*").order(-1).handler(context -> {
            context.addHeadersEndHandler(v -> context.response().headers().set("Cache-Control", "no-cache"));
            context.next();
        });
    }

    private void serve(Router router, String path, String page) {
        Template html = templates.getTemplate("pages/" + page);
        router.get(path).handler(context -> context.response()
                .putHeader("Content-Type", "text/html; charset=UTF-8")
                .putHeader("Content-Security-Policy", POLICY)
                .putHeader("Referrer-Policy", "no-referrer")
                .putHeader("X-Content-Type-Options", "nosniff")
                .putHeader("Cache-Control", "no-store")
                .end(html.data("today", clock.today()).render()));
    }
}
