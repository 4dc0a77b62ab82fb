package shop.backorders.insight;

import java.util.Map;
import java.util.function.ToDoubleFunction;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import shop.backorders.shared.ShopClock;
import shop.backorders.shared.Sql;

/**
 * The shop's state as /q/metrics shows it in gauges: backorders and units waiting, open purchase orders by status,
 * mail waiting to be sent or given up, and how long the oldest due mail has waited. A scrape must not query the
 * database (a busy scraper would load it, and a down database would hang the scrape), so every
 * shop.metrics.sample-every this instance reads them all with one statement and the gauges show that sample. Each
 * instance samples the same shop: aggregate over instances with max, not sum.
 */
@ApplicationScoped
@Startup // its meters show, at 0, from the start: Prometheus misses a series' first increment
public class ShopGauges {

    private static final Logger LOG = Logger.getLogger(ShopGauges.class);

    /**
     * Each figure through an index or a table as small as the catalogue: 30-60 ms (PostgreSQL 15, a busy 2-core
     * machine) at 100,000 waiting backorders, 100,000 mails to send among 1,100,000, 24,000 purchase orders of which
     * 2,000 open. Purchase orders only while open: the view's status for those with a delivery still expected, named
     * as an array so that the condition reaches inside the view (with an IN list it grouped every purchase order ever
     * sent first: twice the time).
     */
    private static final String SAMPLE = """
            SELECT (SELECT count(*) FROM backorder WHERE status = 'WAITING'),
                   (SELECT coalesce(sum(backordered), 0) FROM stock),
                   po.sent, po.confirmed, po.partly_received,
                   (SELECT count(*) FROM notification WHERE state IN ('PENDING', 'SENDING')),
                   (SELECT count(*) FROM notification WHERE state = 'FAILED'),
                   (SELECT CAST(coalesce(extract(epoch FROM CAST(:now AS timestamptz) - min(due_at)), 0) AS float8)
                    FROM notification WHERE state IN ('PENDING', 'SENDING') AND due_at <= :now)
            FROM (SELECT count(*) FILTER (WHERE s.status = 'SENT') AS sent,
                         count(*) FILTER (WHERE s.status = 'CONFIRMED') AS confirmed,
                         count(*) FILTER (WHERE s.status = 'PARTLY_RECEIVED') AS partly_received
                  FROM purchase_order_status s
                  WHERE s.id = ANY(ARRAY(SELECT l.purchase_order_id FROM inbound_shipment i
                                         JOIN purchase_order_line l ON l.id = i.purchase_order_line_id
                                         WHERE i.status = 'OPEN'))) po""";

    private final ShopClock clock;
    private volatile Sample last = Sample.NONE;
    /** When the last sample was taken (System.nanoTime); 0 before the first. */
    private volatile long sampledAt;

    public ShopGauges(ShopClock clock, MeterRegistry registry) {
        this.clock = clock;
        gauge(registry, "shop.backorders.waiting", null, "Backorders waiting for units (partly allocated ones too)",
                Sample::backorders);
        gauge(registry, "shop.backorder.units.waiting", null, "Units backorders wait for", Sample::unitsWaiting);
        gauge(registry, "shop.purchase.orders.open", "SENT", "Open purchase orders, by status", Sample::sent);
        gauge(registry, "shop.purchase.orders.open", "CONFIRMED", "Open purchase orders, by status", Sample::confirmed);
        gauge(registry, "shop.purchase.orders.open", "PARTLY_RECEIVED", "Open purchase orders, by status",
                Sample::partlyReceived);
        gauge(registry, "shop.mail.pending", null, "Mails in the outbox not sent yet (due later, due, being sent)",
                Sample::mailPending);
        gauge(registry, "shop.mail.failed", null, "Mails given up (FAILED), until staff send them again",
                Sample::mailFailed);
        Gauge.builder("shop.mail.oldest.due.age", this, gauges -> gauges.last.oldestDueMailSeconds())
                .description("How long the oldest mail due to be sent has been due (0: none)").baseUnit("seconds")
                .register(registry);
        Gauge.builder("shop.metrics.sample.age", this, ShopGauges::secondsSinceSample)
                .description("How old the sample the shop's gauges show is (shop.metrics.sample-every)")
                .baseUnit("seconds").register(registry);
    }

    private void gauge(MeterRegistry registry, String name, String status, String description,
            ToDoubleFunction<Sample> figure) {
        Gauge.Builder<ShopGauges> builder = Gauge.builder(name, this, gauges -> figure.applyAsDouble(gauges.last))
                .description(description);
        if (status != null) {
            builder.tag("status", status);
        }
        builder.register(registry);
    }

    @Scheduled(every = "${shop.metrics.sample-every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> sampleOnSchedule() {
        return sample().onFailure().recoverWithItem(failure -> {
            LOG.warnf("Could not sample the shop's gauges (%s); they show the last sample", failure.getMessage());
            return null;
        });
    }

    /** Reads every figure anew. */
    public Uni<Void> sample() {
        return Panache.withSession(() -> Sql.rows(SAMPLE, Map.of("now", clock.now()))).invoke(rows -> {
            Object[] row = rows.get(0);
            last = new Sample(number(row[0]), number(row[1]), number(row[2]), number(row[3]), number(row[4]),
                    number(row[5]), number(row[6]), number(row[7]));
            sampledAt = System.nanoTime();
        }).replaceWithVoid();
    }

    private double secondsSinceSample() {
        long at = sampledAt;
        return at == 0 ? Double.NaN : (System.nanoTime() - at) / 1e9;
    }

    private static double number(Object value) {
        return ((Number) value).doubleValue();
    }

    /** One reading of every figure; NaN (no value) before the first. */
    private record Sample(double backorders, double unitsWaiting, double sent, double confirmed,
            double partlyReceived, double mailPending, double mailFailed, double oldestDueMailSeconds) {

        static final Sample NONE = new Sample(Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                Double.NaN, Double.NaN);
    }
}
