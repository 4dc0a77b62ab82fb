package shop.backorders.insight;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import shop.backorders.shared.ShopClock;
import shop.backorders.shared.ShopConfig;
import shop.backorders.shared.ShopException;

/**
 * What staff read to restock before customers wait: how long customers have waited, how much of each order was
 * filled at once, which products run out before a refill could come, what to reorder, and which suppliers keep
 * their promises. Read-only; every figure is computed in the database ({@link InsightRepository}).
 */
@ApplicationScoped
public class InsightService {

    /** Most products, suppliers or suggestions one answer lists. */
    public static final int MAX_LIST = 1000;
    /** Most SKUs or suppliers one question names. */
    public static final int MAX_NAMED = 1000;

    private final InsightRepository insight;
    private final ShopClock clock;
    private final ShopConfig.Insight settings;

    public InsightService(InsightRepository insight, ShopClock clock, ShopConfig config) {
        this.insight = insight;
        this.clock = clock;
        this.settings = config.insight();
    }

    public Uni<BackorderAging> backorderAging(List<String> skus, int first) {
        return insight.aging(named(skus), clock.now(), checkedFirst(first));
    }

    /** The fill rate of the orders placed from the start of day from up to the start of day to (shop days). */
    public Uni<FillRate> fillRate(LocalDate from, LocalDate to, List<String> skus, int first) {
        if (from == null || to == null || !from.isBefore(to)) {
            throw ShopException.invalidInput("A window runs from a day to a later one, got " + from + " to " + to);
        }
        return insight.fillRate(startOf(from), startOf(to), named(skus), checkedFirst(first));
    }

    public Uni<List<ProductOutlook>> atRiskProducts(List<String> skus, Long supplierId, int orderWithinDays,
            int first) {
        if (orderWithinDays < 0 || orderWithinDays > 3650) {
            throw ShopException.invalidInput("orderWithinDays must be 0 to 3650, got " + orderWithinDays);
        }
        return insight.atRisk(terms(), named(skus), supplierId == null ? 0 : supplierId, orderWithinDays,
                checkedFirst(first));
    }

    public Uni<List<ProductOutlook>> reorderSuggestions(List<String> skus, Long supplierId, int first) {
        return insight.suggestions(terms(), named(skus), supplierId == null ? 0 : supplierId, checkedFirst(first));
    }

    /** The performance of suppliers on the purchase orders sent to them in [from, to) (shop days); all without. */
    public Uni<List<SupplierPerformance>> supplierPerformance(LocalDate from, LocalDate to, List<Long> supplierIds,
            int first) {
        if (from != null && to != null && !from.isBefore(to)) {
            throw ShopException.invalidInput("A window runs from a day to a later one, got " + from + " to " + to);
        }
        return insight.suppliers(from == null ? Instant.EPOCH : startOf(from),
                to == null ? Instant.parse("9999-01-01T00:00:00Z") : startOf(to), named(supplierIds),
                checkedFirst(first));
    }

    private InsightRepository.OutlookTerms terms() {
        return new InsightRepository.OutlookTerms(clock.now(), clock.today(), seconds(settings.demandWindow(), 1),
                seconds(settings.reviewPeriod(), 0), settings.safetyDays());
    }

    /** A setting's whole seconds, refused below the least it may be (a window of no time has no demand rate). */
    private static long seconds(Duration duration, long leastDays) {
        if (duration.compareTo(Duration.ofDays(leastDays)) < 0) {
            throw new IllegalStateException("shop.insight: a duration of " + duration + " is below " + leastDays
                    + " day(s)");
        }
        return duration.toSeconds();
    }

    private Instant startOf(LocalDate day) {
        return day.atStartOfDay(clock.zone()).toInstant();
    }

    private static <T> List<T> named(List<T> names) {
        if (names == null) {
            return List.of();
        }
        if (names.size() > MAX_NAMED) {
            throw ShopException.invalidInput("Name at most " + MAX_NAMED + " at once, got " + names.size());
        }
        return names.stream().filter(Objects::nonNull).toList();
    }

    private static int checkedFirst(int first) {
        if (first < 1 || first > MAX_LIST) {
            throw ShopException.invalidInput("first must be between 1 and " + MAX_LIST + ", got " + first);
        }
        return first;
    }
}
