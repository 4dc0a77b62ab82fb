package shop.backorders.ordering;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import shop.backorders.shared.ErrorCode;

/**
 * What placing orders and quoting came to, for /q/metrics. A placement counts once its answer is settled, after
 * its transaction committed: one run again after a deadlock counts once, one rolled back not at all, and a retry
 * answered with the order placed before under its key not again. Labels are outcomes and error codes only, never
 * a SKU or a customer.
 */
@ApplicationScoped
@Startup // its meters show, at 0, from the start: Prometheus misses a series' first increment
public class OrderMetrics {

    private static final String NO_CODE = "none";

    private final MeterRegistry registry;
    private final Map<Placement, Counter> placements = new ConcurrentHashMap<>();
    private final Counter unitsAllocated;
    private final Counter unitsBackordered;
    private final Counter quotes;

    public OrderMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.unitsAllocated = Counter.builder("shop.order.units.allocated")
                .description("Units allocated from stock as orders were placed").register(registry);
        this.unitsBackordered = Counter.builder("shop.order.units.backordered")
                .description("Units that joined a queue (backorders, pre-orders) as orders were placed")
                .register(registry);
        this.quotes = Counter.builder("shop.quotes").description("Quotes given (Query.quote)").register(registry);
        // The outcomes every shop has, shown from the start; refusals appear with their first code.
        for (boolean quoted : new boolean[] {false, true}) {
            placements(new Placement("allocated", NO_CODE, quoted));
            placements(new Placement("backordered", NO_CODE, quoted));
        }
    }

    /** An order placed; as its transaction left it. */
    void placed(OrderState order, boolean quoted) {
        int allocated = order.lines().stream().mapToInt(OrderState.Line::allocated).sum();
        int backordered = order.lines().stream().mapToInt(OrderState.Line::backordered).sum();
        placements(new Placement(backordered > 0 ? "backordered" : "allocated", NO_CODE, quoted)).increment();
        unitsAllocated.increment(allocated);
        unitsBackordered.increment(backordered);
    }

    /** An order refused, nothing of it kept. */
    void refused(ErrorCode code, boolean quoted) {
        placements(new Placement("refused", code.name(), quoted)).increment();
    }

    void quoted() {
        quotes.increment();
    }

    private Counter placements(Placement placement) {
        return placements.computeIfAbsent(placement, key -> Counter.builder("shop.order.placements")
                .description("Orders asked to be placed, by outcome: allocated (every unit from stock), backordered"
                        + " (some units wait), refused (with its error code); quoted: placed with a quote's token")
                .tags("outcome", key.outcome(), "code", key.code(), "quoted", String.valueOf(key.quoted()))
                .register(registry));
    }

    private record Placement(String outcome, String code, boolean quoted) {
    }
}
