package shop.backorders.supply;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.smallrye.mutiny.Uni;
import shop.backorders.catalog.Supplier;
import shop.backorders.catalog.SupplierRepository;
import shop.backorders.changes.Changes;
import shop.backorders.changes.Transactions;
import shop.backorders.inventory.AllocationPolicy;
import shop.backorders.inventory.InboundShipment;
import shop.backorders.inventory.InboundShipmentRepository;
import shop.backorders.inventory.LockedStock;
import shop.backorders.inventory.StockLocks;
import shop.backorders.shared.Caller;
import shop.backorders.shared.ErrorCode;
import shop.backorders.shared.Page;
import shop.backorders.shared.Sequence;
import shop.backorders.shared.ShopClock;
import shop.backorders.shared.ShopException;
import shop.backorders.shared.Sql;

/**
 * Purchase orders: sent to a supplier, read, and called off; received through their deliveries, which are
 * inbound shipments (the supplier's answers are {@link SupplierAnswers}'). Every change to a delivery happens
 * under its product's stock lock, as any change to supply does, so the waiting customers' estimates follow in
 * the same transaction, with their mails, consent questions and live events.
 */
@ApplicationScoped
public class PurchaseOrderService {

    static final int MAX_LINES = 100;

    private final PurchaseOrderRepository orders;
    private final SupplierRepository suppliers;
    private final InboundShipmentRepository inbound;
    private final StockLocks locks;
    private final PurchaseOrderLinks links;
    private final Transactions transactions;
    private final ShopClock clock;

    public PurchaseOrderService(PurchaseOrderRepository orders, SupplierRepository suppliers,
            InboundShipmentRepository inbound, StockLocks locks, PurchaseOrderLinks links, Transactions transactions,
            ShopClock clock) {
        this.orders = orders;
        this.suppliers = suppliers;
        this.inbound = inbound;
        this.locks = locks;
        this.links = links;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** Units of a product to order, and the day the shop asks for (null: today plus the supplier's lead time). */
    public record NewLine(String sku, int quantity, LocalDate expectedAt) {
    }

    /** A purchase order to send: a supplier and what to ask of it. */
    public record NewOrder(long supplierId, List<NewLine> lines) {
    }

    /** Sends a purchase order: its deliveries become expected supply at once, and it is mailed to the supplier. */
    public Uni<PurchaseOrderState> create(NewOrder order) {
        return createAll(List.of(order)).map(created -> created.get(0));
    }

    /** Sends these purchase orders in one transaction: all or none. */
    public Uni<List<PurchaseOrderState>> createAll(List<NewOrder> newOrders) {
        newOrders.forEach(order -> check(order.lines()));
        return transactions.inTransaction(changes -> Sequence.map(newOrders, order -> add(order, changes))
                .chain(orders::states));
    }

    private Uni<Long> add(NewOrder order, Changes changes) {
        return suppliers.findById(order.supplierId())
                .onItem().ifNull().failWith(() -> ShopException.invalidInput("No supplier with id " + order.supplierId()))
                .chain(supplier -> locks.lockSkus(order.lines().stream().map(NewLine::sku).toList())
                        .call(locked -> checkSuppliedBy(supplier, locked.keySet()))
                        .chain(locked -> {
                            PurchaseOrder created = new PurchaseOrder();
                            created.supplierId = supplier.id;
                            created.createdAt = clock.now();
                            Map<String, LockedStock> bySku = locked.values().stream()
                                    .collect(Collectors.toMap(LockedStock::sku, Function.identity()));
                            return orders.add(created).call(() -> Sequence.forEach(numbered(order.lines()),
                                    line -> addLine(created, supplier, bySku.get(line.line().sku()), line, changes)))
                                    .invoke(() -> changes.purchaseOrderSent(created.id))
                                    .map(ignored -> created.id);
                        }));
    }

    private record Numbered(int position, NewLine line) {
    }

    private static List<Numbered> numbered(List<NewLine> lines) {
        List<Numbered> numbered = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            numbered.add(new Numbered(i + 1, lines.get(i)));
        }
        return numbered;
    }

    private Uni<Void> addLine(PurchaseOrder order, Supplier supplier, LockedStock stock, Numbered numbered,
            Changes changes) {
        NewLine asked = numbered.line();
        PurchaseOrderLine line = new PurchaseOrderLine();
        line.purchaseOrderId = order.id;
        line.position = numbered.position();
        line.productId = stock.productId();
        line.quantity = asked.quantity();
        LocalDate day = asked.expectedAt() != null ? asked.expectedAt()
                : clock.today().plusDays(supplier.leadTimeDays);
        return orders.addLine(line).chain(added -> {
            InboundShipment delivery = added.delivery(supplier.id, asked.quantity(), day, clock.now());
            delivery.requestedAt = day;
            changes.stock(stock.productId());
            return inbound.add(delivery);
        }).replaceWithVoid();
    }

    /** A product bought from another supplier is not ordered from this one by mistake. */
    private Uni<Void> checkSuppliedBy(Supplier supplier, Set<Long> productIds) {
        return Sql.rows("""
                SELECT p.sku, s.name FROM product p JOIN supplier s ON s.id = p.supplier_id
                WHERE p.id = ANY(:products) AND p.supplier_id <> :supplier
                ORDER BY p.sku LIMIT 1""",
                Map.of("products", productIds.toArray(Long[]::new), "supplier", supplier.id))
                .invoke(others -> others.forEach(other -> {
                    throw ShopException.invalidInput(other[0] + " is bought from " + other[1] + ", not from "
                            + supplier.name);
                }))
                .replaceWithVoid();
    }

    private void check(List<NewLine> lines) {
        if (lines == null || lines.isEmpty() || lines.size() > MAX_LINES) {
            throw ShopException.invalidInput("A purchase order has 1 to " + MAX_LINES + " lines");
        }
        Set<String> skus = new HashSet<>();
        lines.forEach(line -> {
            if (!skus.add(line.sku())) {
                throw ShopException.invalidInput(line.sku() + " is on two lines: order it on one");
            }
            checkUnits(line.quantity());
            if (line.expectedAt() != null) {
                checkDay(line.expectedAt(), clock.today());
            }
        });
    }

    static void checkUnits(int quantity) {
        if (quantity <= 0 || quantity > AllocationPolicy.MAX_UNITS) {
            throw new ShopException(ErrorCode.INVALID_QUANTITY, "A purchase order line or delivery brings 1 to "
                    + AllocationPolicy.MAX_UNITS + " units, got " + quantity);
        }
    }

    static void checkDay(LocalDate day, LocalDate today) {
        if (day.isBefore(today)) {
            throw ShopException.invalidInput("expectedAt must be today or later, got " + day);
        }
    }

    /** The purchase order, if this caller may see it: staff any, a supplier its own; NOT_FOUND otherwise. */
    public Uni<PurchaseOrderState> find(long id, Caller caller) {
        return orders.states(List.of(id)).map(found -> {
            if (found.isEmpty() || !mayReach(caller, found.get(0).supplier())) {
                throw ShopException.notFound("PurchaseOrder", id);
            }
            return found.get(0);
        });
    }

    /** The purchase order a supplier's link reaches. */
    public Uni<PurchaseOrderState> findByLink(String token) {
        PurchaseOrderLinks.Link link = links.verify(token);
        return orders.states(List.of(link.purchaseOrderId())).map(found -> {
            if (found.isEmpty() || found.get(0).supplier().id != link.supplierId()) {
                throw ShopException.notFound("PurchaseOrder", link.purchaseOrderId());
            }
            return found.get(0);
        });
    }

    static boolean mayReach(Caller caller, Supplier supplier) {
        return caller.isStaff() || caller.supplierEmail() != null && caller.supplierEmail().equals(supplier.email);
    }

    /**
     * Purchase orders, newest first, of one supplier or all; a supplier sees only its own, whatever it names.
     */
    public Uni<Page<PurchaseOrderState>> page(Long supplierId, PurchaseOrderStatus status, long beforeId, int size,
            Caller caller) {
        int limit = Page.checkedSize(size) + 1;
        Uni<List<Long>> visible = caller.isStaff()
                ? Uni.createFrom().item(supplierId == null ? null : List.of(supplierId))
                : suppliers.withEmail(caller.supplierEmail()).map(own -> own.stream().map(supplier -> supplier.id)
                        .filter(id -> supplierId == null || id.equals(supplierId)).toList());
        return visible.chain(supplierIds -> supplierIds != null && supplierIds.isEmpty()
                ? Uni.createFrom().item(List.<Long>of())
                : orders.page(new PurchaseOrderRepository.Filter(supplierIds, status), beforeId, limit))
                .chain(orders::states)
                .map(found -> Page.of(found, size));
    }

    /**
     * Calls the whole order off: what has not arrived will not, and the supplier is told; INVALID_STATE if
     * nothing more was expected of it. Staff only.
     */
    public Uni<PurchaseOrderState> cancel(long id) {
        return transactions.inTransaction(changes -> orders.findById(id, LockModeType.PESSIMISTIC_WRITE)
                .onItem().ifNull().failWith(() -> ShopException.notFound("PurchaseOrder", id))
                .chain(order -> orders.lines(id))
                .chain(lines -> locks.lock(lines.stream().map(line -> line.productId).distinct().toList())
                        .chain(locked -> inbound.deliveriesOf(lines.stream().map(line -> line.id).toList()))
                        .invoke(deliveries -> {
                            List<InboundShipment> open = deliveries.stream()
                                    .filter(delivery -> delivery.status == InboundShipment.Status.OPEN).toList();
                            if (open.isEmpty()) {
                                throw ShopException.invalidState("Nothing more is expected of purchase order " + id
                                        + ": there is nothing to call off");
                            }
                            open.forEach(delivery -> {
                                delivery.status = InboundShipment.Status.CANCELLED;
                                changes.stock(delivery.productId);
                            });
                            changes.purchaseOrderCancelled(id);
                        }))
                .chain(inbound::flush)
                .chain(() -> orders.states(List.of(id)))
                .map(states -> states.get(0)));
    }
}
