package shop.backorders.supply;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import shop.backorders.catalog.Supplier;
import shop.backorders.catalog.SupplierRepository;
import shop.backorders.inventory.InboundShipment;
import shop.backorders.inventory.InboundShipmentRepository;
import shop.backorders.inventory.InboundShipmentState;
import shop.backorders.shared.Columns;
import shop.backorders.shared.Sql;

@ApplicationScoped
@WithSession
public class PurchaseOrderRepository implements PanacheRepositoryBase<PurchaseOrder, Long> {

    private final SupplierRepository suppliers;
    private final InboundShipmentRepository inbound;

    public PurchaseOrderRepository(SupplierRepository suppliers, InboundShipmentRepository inbound) {
        this.suppliers = suppliers;
        this.inbound = inbound;
    }

    public Uni<PurchaseOrder> add(PurchaseOrder order) {
        return persist(order);
    }

    public Uni<PurchaseOrderLine> addLine(PurchaseOrderLine line) {
        return getSession().chain(session -> session.persist(line)).replaceWith(line);
    }

    /** The lines of a purchase order, by position. */
    public Uni<List<PurchaseOrderLine>> lines(long orderId) {
        return getSession().chain(session -> session.createSelectionQuery(
                "from PurchaseOrderLine where purchaseOrderId = :order order by position", PurchaseOrderLine.class)
                .setParameter("order", orderId)
                .getResultList());
    }

    /** What to look for in {@link #page}: null values do not filter. */
    public record Filter(List<Long> supplierIds, PurchaseOrderStatus status) {
    }

    /** The ids of the purchase orders the filter selects, newest first, before this id. */
    public Uni<List<Long>> page(Filter filter, long beforeId, int limit) {
        StringBuilder sql = new StringBuilder("""
                SELECT po.id FROM purchase_order po JOIN purchase_order_status s ON s.id = po.id
                WHERE po.id < :before""");
        Map<String, Object> parameters = new LinkedHashMap<>(Map.of("before", beforeId, "limit", limit));
        if (filter.supplierIds() != null) {
            sql.append(" AND po.supplier_id = ANY(:suppliers)");
            parameters.put("suppliers", filter.supplierIds().toArray(Long[]::new));
        }
        if (filter.status() != null) {
            sql.append(" AND s.status = :status");
            parameters.put("status", filter.status().name());
        }
        sql.append(" ORDER BY po.id DESC LIMIT :limit");
        return Sql.rows(sql.toString(), parameters)
                .map(rows -> rows.stream().map(row -> ((Number) row[0]).longValue()).toList());
    }

    /** These purchase orders as they stand, in the order asked; ids of none are left out. */
    public Uni<List<PurchaseOrderState>> states(List<Long> orderIds) {
        if (orderIds.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        Long[] ids = orderIds.toArray(Long[]::new);
        return Sql.rows("""
                SELECT po.id, po.supplier_id, s.status, po.created_at, po.answered_at
                FROM purchase_order po JOIN purchase_order_status s ON s.id = po.id
                WHERE po.id = ANY(:ids)""", Map.of("ids", ids))
                .chain(orders -> Sql.rows("""
                        SELECT l.id, l.purchase_order_id, l.position, p.sku, p.name, l.quantity
                        FROM purchase_order_line l JOIN product p ON p.id = l.product_id
                        WHERE l.purchase_order_id = ANY(:ids)
                        ORDER BY l.purchase_order_id, l.position""", Map.of("ids", ids))
                        .chain(lines -> deliveries(lines).chain(deliveries -> suppliers
                                .byIds(orders.stream().map(row -> ((Number) row[1]).longValue()).distinct().toList())
                                .map(found -> assemble(orderIds, orders, lines, deliveries, found)))));
    }

    private Uni<Map<Long, List<InboundShipmentState>>> deliveries(List<Object[]> lines) {
        Map<Long, String> skus = lines.stream()
                .collect(Collectors.toMap(line -> ((Number) line[0]).longValue(), line -> (String) line[3]));
        return inbound.deliveriesOf(skus.keySet()).map(found -> found.stream()
                .sorted(Comparator.comparing((InboundShipment delivery) -> delivery.expectedAt)
                        .thenComparing(delivery -> delivery.id))
                .map(delivery -> InboundShipmentState.of(delivery, skus.get(delivery.purchaseOrderLineId)))
                .collect(Collectors.groupingBy(InboundShipmentState::purchaseOrderLineId)));
    }

    private static List<PurchaseOrderState> assemble(List<Long> orderIds, List<Object[]> orders,
            List<Object[]> lines, Map<Long, List<InboundShipmentState>> deliveries, Collection<Supplier> suppliers) {
        Map<Long, Supplier> supplierById = suppliers.stream()
                .collect(Collectors.toMap(supplier -> supplier.id, Function.identity()));
        Map<Long, List<PurchaseOrderState.Line>> linesByOrder = new LinkedHashMap<>();
        for (Object[] line : lines) {
            long lineId = ((Number) line[0]).longValue();
            linesByOrder.computeIfAbsent(((Number) line[1]).longValue(), order -> new ArrayList<>())
                    .add(new PurchaseOrderState.Line(lineId, ((Number) line[2]).intValue(), (String) line[3],
                            (String) line[4], ((Number) line[5]).intValue(),
                            deliveries.getOrDefault(lineId, List.of())));
        }
        Map<Long, PurchaseOrderState> byId = new LinkedHashMap<>();
        for (Object[] order : orders) {
            long id = ((Number) order[0]).longValue();
            byId.put(id, new PurchaseOrderState(id, supplierById.get(((Number) order[1]).longValue()),
                    PurchaseOrderStatus.valueOf((String) order[2]), Columns.instant(order[3]),
                    Columns.instant(order[4]), linesByOrder.getOrDefault(id, List.of())));
        }
        return orderIds.stream().filter(byId::containsKey).map(byId::get).toList();
    }
}
