package shop.backorders.insight;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import shop.backorders.shared.Columns;
import shop.backorders.shared.Sql;

/**
 * The insight figures, each one SQL statement over the tables the other rooms write (orders, backorders, stock,
 * inbound supply, suppliers and their purchase orders), however many products: Java only names the rows.
 * An empty SKU or supplier list means all of them.
 */
@ApplicationScoped
@WithSession
public class InsightRepository {

    private static final int BUCKETS = AgeBucket.values().length;

    /** Per bucket index, a column aggregating the waiting backorders of that bucket, as one array. */
    private static String perBucket(IntFunction<String> column) {
        return IntStream.range(0, BUCKETS).mapToObj(column).collect(Collectors.joining(", ", "ARRAY[", "]"));
    }

    /** Products named by SKU, or all: a condition on a product id column. */
    private static String productIn(String column) {
        return "(cardinality(CAST(:skus AS text[])) = 0 OR " + column
                + " IN (SELECT x.id FROM product x WHERE x.sku = ANY(:skus)))";
    }

    private static final String AGING = """
            WITH waiting AS (
                SELECT b.id, b.product_id, b.quantity - b.allocated AS units, b.created_at,
                       width_bucket(:now - b.created_at,
                                    ARRAY(SELECT make_interval(days => e.days)
                                          FROM unnest(CAST(:edges AS integer[])) AS e(days))) AS bucket
                FROM backorder b
                WHERE b.status = 'WAITING' AND %s
            ), figures AS (
                -- Each product, and all of them (the grouping set without the product: product_id null).
                SELECT w.product_id, count(*) AS backorders, coalesce(sum(w.units), 0) AS units,
                       %s AS bucket_backorders, %s AS bucket_units,
                       min(w.created_at) AS oldest_at, (array_agg(w.id ORDER BY w.created_at, w.id))[1] AS oldest_id
                FROM waiting w
                GROUP BY GROUPING SETS ((w.product_id), ())
            ), page AS (
                -- All products first, then the worst off: waiting longest, then most units.
                SELECT * FROM figures f ORDER BY f.product_id IS NOT NULL, f.oldest_at, f.units DESC, f.product_id
                LIMIT :limit
            )
            SELECT f.product_id, p.sku, p.name, f.backorders, f.units, f.bucket_backorders, f.bucket_units,
                   f.oldest_id, op.sku, f.oldest_at, CAST(extract(epoch FROM :now - f.oldest_at) / 86400 AS float8)
            FROM page f
            LEFT JOIN product p ON p.id = f.product_id
            LEFT JOIN backorder ob ON ob.id = f.oldest_id
            LEFT JOIN product op ON op.id = ob.product_id
            ORDER BY f.product_id IS NOT NULL, f.oldest_at, f.units DESC, f.product_id""".formatted(productIn("b.product_id"),
            perBucket(i -> "count(*) FILTER (WHERE w.bucket = " + i + ")"),
            perBucket(i -> "coalesce(sum(w.units) FILTER (WHERE w.bucket = " + i + "), 0)"));

    /** Waiting backorders by age as of now, overall and for at most limit products, worst first. */
    public Uni<BackorderAging> aging(List<String> skus, Instant now, int limit) {
        return Sql.rows(AGING, Map.of("now", now, "edges", AgeBucket.edges(), "skus", skus.toArray(String[]::new),
                "limit", limit + 2)).map(rows -> {
                    List<BackorderAging.ProductWaiting> products = new ArrayList<>();
                    for (Object[] row : rows.subList(1, rows.size())) {
                        products.add(new BackorderAging.ProductWaiting(number(row[0]), (String) row[1],
                                (String) row[2], waiting(row)));
                    }
                    return new BackorderAging(waiting(rows.get(0)), products.subList(0, Math.min(limit,
                            products.size())), products.size() > limit);
                });
    }

    private static BackorderAging.Waiting waiting(Object[] row) {
        Object[] backorders = (Object[]) row[5];
        Object[] units = (Object[]) row[6];
        List<BackorderAging.BucketCount> buckets = new ArrayList<>();
        for (AgeBucket bucket : AgeBucket.values()) {
            buckets.add(new BackorderAging.BucketCount(bucket, (int) number(backorders[bucket.ordinal()]),
                    number(units[bucket.ordinal()])));
        }
        BackorderAging.OldestWait oldest = row[7] == null ? null
                : new BackorderAging.OldestWait(number(row[7]), (String) row[8], Columns.instant(row[9]),
                        ((Number) row[10]).doubleValue());
        return new BackorderAging.Waiting((int) number(row[3]), number(row[4]), buckets, oldest);
    }

    private static final String FILL_RATE = """
            WITH lines AS (
                SELECT l.product_id, l.quantity, coalesce(b.quantity, 0) AS backordered, b.status,
                       b.quantity - b.allocated AS unfilled,
                       CAST(extract(epoch FROM b.allocated_at - b.created_at) / 3600 AS float8) AS hours
                FROM customer_order o
                JOIN order_line l ON l.order_id = o.id
                LEFT JOIN backorder b ON b.order_line_id = l.id
                WHERE o.created_at >= :from AND o.created_at < :to AND %s
            ), figures AS (
                SELECT product_id, count(*) AS lines, count(*) FILTER (WHERE backordered = 0) AS filled_at_once,
                       sum(quantity) AS ordered, sum(quantity - backordered) AS at_once, sum(backordered) AS backordered,
                       count(status) AS backorders, count(hours) AS allocated, avg(hours) AS mean_hours,
                       percentile_disc(0.9) WITHIN GROUP (ORDER BY hours) AS p90_hours,
                       count(*) FILTER (WHERE status = 'WAITING') AS waiting,
                       coalesce(sum(unfilled) FILTER (WHERE status = 'WAITING'), 0) AS units_waiting,
                       count(*) FILTER (WHERE status = 'CANCELLED' AND hours IS NULL) AS cancelled
                FROM lines
                GROUP BY GROUPING SETS ((product_id), ())
            ), page AS (
                -- All products first, then those that backordered most.
                SELECT * FROM figures f ORDER BY f.product_id IS NOT NULL, f.backordered DESC, f.product_id
                LIMIT :limit
            )
            SELECT f.product_id, p.sku, p.name, f.lines, f.filled_at_once, coalesce(f.ordered, 0),
                   coalesce(f.at_once, 0), coalesce(f.backordered, 0), f.backorders, f.allocated, f.mean_hours,
                   f.p90_hours, f.waiting, f.units_waiting, f.cancelled
            FROM page f
            LEFT JOIN product p ON p.id = f.product_id
            ORDER BY f.product_id IS NOT NULL, f.backordered DESC, f.product_id""".formatted(productIn("l.product_id"));

    /** The fill rate of the orders placed in [from, to), overall and for at most limit products, worst first. */
    public Uni<FillRate> fillRate(Instant from, Instant to, List<String> skus, int limit) {
        return Sql.rows(FILL_RATE, Map.of("from", from, "to", to, "skus", skus.toArray(String[]::new),
                "limit", limit + 2)).map(rows -> {
                    List<FillRate.ProductFill> products = new ArrayList<>();
                    for (Object[] row : rows.subList(1, rows.size())) {
                        products.add(new FillRate.ProductFill(number(row[0]), (String) row[1], (String) row[2],
                                fillFigures(row)));
                    }
                    return new FillRate(from, to, fillFigures(rows.get(0)),
                            products.subList(0, Math.min(limit, products.size())), products.size() > limit);
                });
    }

    private static FillRate.Figures fillFigures(Object[] row) {
        return new FillRate.Figures((int) number(row[3]), (int) number(row[4]), number(row[5]), number(row[6]),
                number(row[7]), (int) number(row[8]), (int) number(row[9]), decimal(row[10]), decimal(row[11]),
                (int) number(row[12]), number(row[13]), (int) number(row[14]));
    }

    /**
     * Every product's supply against its demand (see {@link ProductOutlook} for each term). Days are numeric, not
     * floating point, so that whole units stay whole before rounding up.
     */
    private static final String OUTLOOK = """
            WITH terms AS (
                SELECT p.id AS product_id, p.sku, p.name, p.supplier_id, sp.name AS supplier_name, p.lead_time_days,
                       p.min_order_quantity, p.pack_multiple, greatest(s.on_hand - s.allocated, 0) AS available,
                       s.backordered AS waiting, d.p90_days,
                       CAST(:window_seconds AS numeric) / 86400 AS window_days,
                       p.lead_time_days + CAST(:review_seconds AS numeric) / 86400 AS horizon_days,
                       coalesce(d.p90_days, :safety_days) AS safety_days
                FROM product p
                JOIN stock s ON s.product_id = p.id
                LEFT JOIN supplier sp ON sp.id = p.supplier_id
                LEFT JOIN supplier_delay d ON d.supplier_id = p.supplier_id
                WHERE (cardinality(CAST(:skus AS text[])) = 0 OR p.sku = ANY(:skus))
                  AND (CAST(:supplier AS bigint) = 0 OR p.supplier_id = :supplier)
            ), demand AS (
                SELECT l.product_id, sum(l.quantity) AS units
                FROM customer_order o JOIN order_line l ON l.order_id = o.id
                WHERE o.created_at > :since AND o.created_at <= :now
                GROUP BY l.product_id
            ), inbound AS (
                -- Open supply from its day on (late supply as if today). Confirmed: recorded by staff, or a
                -- purchase order delivery the supplier answered.
                SELECT i.product_id, i.quantity, greatest(i.expected_at - CAST(:today AS date), 0) AS in_days,
                       i.purchase_order_line_id IS NULL OR i.first_confirmed_at IS NOT NULL AS confirmed
                FROM inbound_shipment i
                WHERE i.status = 'OPEN' AND i.product_id IN (SELECT product_id FROM terms)
            ), figures AS (
                SELECT t.*, coalesce(dm.units, 0) AS demand_units, coalesce(ib.confirmed, 0) AS confirmed_inbound,
                       coalesce(ib.open, 0) AS open_inbound, ib.first_in_days
                FROM terms t
                LEFT JOIN demand dm ON dm.product_id = t.product_id
                LEFT JOIN (SELECT product_id, sum(quantity) FILTER (WHERE confirmed) AS confirmed,
                                  sum(quantity) AS open, min(in_days) FILTER (WHERE confirmed) AS first_in_days
                           FROM inbound GROUP BY product_id) ib ON ib.product_id = t.product_id
            ), runs_out AS (
                -- When each stretch of supply runs out at the daily demand, and when the next arrival comes:
                -- the stock alone, then the stock with each confirmed arrival in turn.
                SELECT f.product_id, f.available * f.window_days / f.demand_units AS days,
                       f.first_in_days AS next_in_days
                FROM figures f WHERE f.demand_units > 0
                UNION ALL
                SELECT f.product_id, (f.available + c.brought) * f.window_days / f.demand_units, c.next_in_days
                FROM figures f
                JOIN (SELECT product_id, sum(quantity) OVER w AS brought, lead(in_days) OVER w AS next_in_days
                      FROM inbound WHERE confirmed
                      WINDOW w AS (PARTITION BY product_id ORDER BY in_days ROWS UNBOUNDED PRECEDING)) c
                  ON c.product_id = f.product_id
                WHERE f.demand_units > 0
            ), cover AS (
                -- The first stretch that runs out before the next arrival is where the stock runs out.
                SELECT product_id, min(days) AS days FROM runs_out
                WHERE next_in_days IS NULL OR days < next_in_days
                GROUP BY product_id
            ), outlook AS (
                SELECT f.*, CASE WHEN f.waiting > 0 THEN 0 ELSE c.days END AS cover_days,
                       f.demand_units * f.horizon_days / f.window_days AS demand_over_horizon,
                       f.demand_units * f.safety_days / f.window_days AS safety_stock
                FROM figures f LEFT JOIN cover c ON c.product_id = f.product_id
            ), needed AS (
                SELECT o.*, CAST(:today AS date) + CAST(floor(o.cover_days) AS integer) AS stock_out,
                       o.waiting + o.demand_over_horizon + o.safety_stock - o.available - o.open_inbound AS need
                FROM outlook o
            ), rounded AS (
                SELECT n.*, n.stock_out - n.lead_time_days - coalesce(n.p90_days, 0) AS order_by,
                       CASE WHEN n.need > 0 THEN CAST(ceil(greatest(ceil(n.need), n.min_order_quantity)
                                                      / n.pack_multiple) AS bigint) * n.pack_multiple
                            ELSE 0 END AS suggested
                FROM needed n
            )
            SELECT r.product_id, r.sku, r.name, r.supplier_id, r.supplier_name, r.lead_time_days, r.min_order_quantity,
                   r.pack_multiple, r.available, r.waiting, r.confirmed_inbound, r.open_inbound, r.demand_units,
                   CAST(r.demand_units / r.window_days AS float8), r.p90_days, CAST(r.cover_days AS float8),
                   r.stock_out, CAST(:today AS date) + r.lead_time_days + coalesce(r.p90_days, 0), r.order_by, coalesce(r.order_by < CAST(:today AS date), false),
                   CAST(r.horizon_days AS float8), CAST(r.demand_over_horizon AS float8), CAST(r.safety_days AS float8),
                   CAST(r.safety_stock AS float8), CAST(r.need AS float8), r.suggested
            FROM rounded r
            WHERE %s
            ORDER BY r.order_by NULLS LAST, r.sku
            LIMIT :limit""";

    private static final String AT_RISK = OUTLOOK.formatted("r.order_by < CAST(:today AS date) + CAST(:within AS integer)");
    private static final String SUGGESTED = OUTLOOK.formatted("r.suggested > 0");

    /** What the outlook is read for, with its terms. */
    public record OutlookTerms(Instant now, LocalDate today, long windowSeconds, long reviewSeconds, int safetyDays) {
    }

    /** Products whose order-by date comes before today plus withinDays, soonest first. */
    public Uni<List<ProductOutlook>> atRisk(OutlookTerms terms, List<String> skus, long supplierId, int withinDays,
            int limit) {
        Map<String, Object> parameters = outlookParameters(terms, skus, supplierId, limit);
        parameters.put("within", withinDays);
        return Sql.rows(AT_RISK, parameters).map(InsightRepository::outlooks);
    }

    /** Products with something to reorder, soonest order-by date first. */
    public Uni<List<ProductOutlook>> suggestions(OutlookTerms terms, List<String> skus, long supplierId, int limit) {
        return Sql.rows(SUGGESTED, outlookParameters(terms, skus, supplierId, limit)).map(InsightRepository::outlooks);
    }

    private static Map<String, Object> outlookParameters(OutlookTerms terms, List<String> skus, long supplierId,
            int limit) {
        return Sql.parameters("now", terms.now(), "since", terms.now().minusSeconds(terms.windowSeconds()),
                "today", terms.today(), "window_seconds", terms.windowSeconds(),
                "review_seconds", terms.reviewSeconds(), "safety_days", terms.safetyDays(),
                "skus", skus.toArray(String[]::new), "supplier", supplierId, "limit", limit);
    }

    private static List<ProductOutlook> outlooks(List<Object[]> rows) {
        return rows.stream().map(row -> new ProductOutlook(number(row[0]), (String) row[1], (String) row[2],
                Columns.longOrNull(row[3]), (String) row[4], (int) number(row[5]), (int) number(row[6]),
                (int) number(row[7]), number(row[8]), number(row[9]), number(row[10]), number(row[11]),
                number(row[12]), decimal(row[13]), row[14] == null ? null : (int) number(row[14]), decimal(row[15]),
                Columns.localDate(row[16]), Columns.localDate(row[17]), Columns.localDate(row[18]), (Boolean) row[19],
                decimal(row[20]), decimal(row[21]), decimal(row[22]), decimal(row[23]), decimal(row[24]),
                number(row[25]))).toList();
    }

    private static final String SUPPLIERS = """
            WITH lines AS (
                SELECT po.supplier_id, l.id, l.quantity
                FROM purchase_order po
                JOIN purchase_order_line l ON l.purchase_order_id = po.id
                WHERE po.created_at >= :from AND po.created_at < :to
                  AND (cardinality(CAST(:suppliers AS bigint[])) = 0 OR po.supplier_id = ANY(:suppliers))
            ), deliveries AS (
                SELECT l.supplier_id, i.purchase_order_line_id AS line_id, i.id, i.status, i.received, i.received_on,
                       i.expected_at, i.date_moves, coalesce(i.first_confirmed_at, i.requested_at) AS promised
                FROM lines l JOIN inbound_shipment i ON i.purchase_order_line_id = l.id
            ), per_line AS (
                SELECT line_id, sum(date_moves) AS moves, bool_or(status = 'OPEN') AS open, sum(received) AS received
                FROM deliveries GROUP BY line_id
            ), by_line AS (
                -- A line without deliveries (none made yet) moved nothing, is closed and brought nothing.
                SELECT l.supplier_id, count(*) AS lines, CAST(avg(coalesce(p.moves, 0)) AS float8) AS moves_per_line,
                       count(*) FILTER (WHERE NOT coalesce(p.open, false)) AS closed,
                       CAST(avg(CASE WHEN coalesce(p.received, 0) < l.quantity THEN 1 ELSE 0 END)
                            FILTER (WHERE NOT coalesce(p.open, false)) AS float8) AS short_share
                FROM lines l LEFT JOIN per_line p ON p.line_id = l.id
                GROUP BY l.supplier_id
            ), arrived AS (
                -- Deliveries that brought units and expect no more, by the day they (last) arrived.
                SELECT d.supplier_id, d.id, greatest(0, d.received_on - d.promised) AS days_late,
                       d.received_on <= d.promised AS on_time_first, d.received_on <= d.expected_at AS on_time_current
                FROM deliveries d WHERE d.status <> 'OPEN' AND d.received > 0
            ), by_delivery AS (
                SELECT supplier_id, count(*) AS arrived,
                       CAST(avg(CASE WHEN on_time_first THEN 1 ELSE 0 END) AS float8) AS on_time_first,
                       CAST(avg(CASE WHEN on_time_current THEN 1 ELSE 0 END) AS float8) AS on_time_current,
                       CAST(avg(days_late) AS float8) AS mean_delay, max(days_late) AS worst_delay
                FROM arrived GROUP BY supplier_id
            ), waited AS (
                -- Approximation: every unit of a backorder whose estimate was last planned on a late delivery
                -- waited all of that delivery's days late.
                SELECT a.supplier_id, sum(CAST(a.days_late AS bigint) * b.quantity) AS customer_days
                FROM arrived a JOIN backorder b ON b.inbound_shipment_id = a.id
                WHERE a.days_late > 0 AND b.status <> 'CANCELLED'
                GROUP BY a.supplier_id
            ), sent AS (
                SELECT po.supplier_id, count(*) AS orders
                FROM purchase_order po
                WHERE po.created_at >= :from AND po.created_at < :to
                  AND (cardinality(CAST(:suppliers AS bigint[])) = 0 OR po.supplier_id = ANY(:suppliers))
                GROUP BY po.supplier_id
            )
            SELECT s.id, s.name, coalesce(o.orders, 0), coalesce(bl.lines, 0), coalesce(bd.arrived, 0),
                   bd.on_time_first, bd.on_time_current, bd.mean_delay, bd.worst_delay, bl.moves_per_line,
                   coalesce(bl.closed, 0), bl.short_share, coalesce(w.customer_days, 0)
            FROM supplier s
            LEFT JOIN sent o ON o.supplier_id = s.id
            LEFT JOIN by_line bl ON bl.supplier_id = s.id
            LEFT JOIN by_delivery bd ON bd.supplier_id = s.id
            LEFT JOIN waited w ON w.supplier_id = s.id
            WHERE cardinality(CAST(:suppliers AS bigint[])) = 0 OR s.id = ANY(:suppliers)
            -- The suppliers that kept customers waiting longest first, then those least often on time.
            ORDER BY coalesce(w.customer_days, 0) DESC, bd.on_time_first NULLS LAST, s.name, s.id
            LIMIT :limit""";

    /** Suppliers' figures over the purchase orders sent to them in [from, to), worst first. */
    public Uni<List<SupplierPerformance>> suppliers(Instant from, Instant to, List<Long> supplierIds, int limit) {
        return Sql.rows(SUPPLIERS, Map.of("from", from, "to", to, "suppliers", supplierIds.toArray(Long[]::new),
                "limit", limit)).map(rows -> rows.stream().map(row -> new SupplierPerformance(number(row[0]),
                        (String) row[1], (int) number(row[2]), (int) number(row[3]), (int) number(row[4]),
                        decimal(row[5]), decimal(row[6]), decimal(row[7]),
                        row[8] == null ? null : (int) number(row[8]), decimal(row[9]), (int) number(row[10]),
                        decimal(row[11]), number(row[12]))).toList());
    }

    private static long number(Object value) {
        return ((Number) value).longValue();
    }

    private static Double decimal(Object value) {
        return value == null ? null : ((Number) value).doubleValue();
    }
}
