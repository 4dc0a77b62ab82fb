package shop.backorders.supply;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
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
 * Purchase orders: sent to a supplier, answered by it (confirmed, split into deliveries, moved, short or
 * declined), received and cancelled through their deliveries, which are inbound shipments. Every change to a
 * delivery happens under its product's stock lock, as any change to supply does, so the waiting customers'
 * estimates follow in the same transaction, with their mails, consent questions and live events.
 */
@ApplicationScoped
public class PurchaseOrderService {

    static final int MAX_LINES = 100;
    static final int MAX_DELIVERIES_PER_LINE = 20;

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

    /** A line as the supplier answers it: the deliveries that will bring its units; none declines it. */
    public record AnsweredLine(long lineId, List<AnsweredDelivery> deliveries) {
    }

    /**
     * One delivery: so many units on a day. With an id it is that open delivery of the line, confirmed or moved;
     * without, it is matched to the line's other open deliveries in order of day, or added.
     */
    public record AnsweredDelivery(Long id, int quantity, LocalDate expectedAt) {
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
            InboundShipment delivery = delivery(supplier.id, added, asked.quantity(), day);
            delivery.requestedAt = day;
            changes.stock(stock.productId());
            return inbound.add(delivery);
        }).replaceWithVoid();
    }

    private InboundShipment delivery(long supplierId, PurchaseOrderLine line, int quantity, LocalDate day) {
        InboundShipment delivery = new InboundShipment();
        delivery.productId = line.productId;
        delivery.purchaseOrderLineId = line.id;
        delivery.supplierId = supplierId;
        delivery.quantity = quantity;
        delivery.expectedAt = day;
        delivery.status = InboundShipment.Status.OPEN;
        delivery.createdAt = clock.now();
        return delivery;
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
                checkDay(line.expectedAt());
            }
        });
    }

    private static void checkUnits(int quantity) {
        if (quantity <= 0 || quantity > AllocationPolicy.MAX_UNITS) {
            throw new ShopException(ErrorCode.INVALID_QUANTITY, "A purchase order line or delivery brings 1 to "
                    + AllocationPolicy.MAX_UNITS + " units, got " + quantity);
        }
    }

    private void checkDay(LocalDate day) {
        if (day.isBefore(clock.today())) {
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

    private static boolean mayReach(Caller caller, Supplier supplier) {
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

    /** The supplier's answer, by the link in its mail. */
    public Uni<PurchaseOrderState> answerByLink(String token, List<AnsweredLine> lines) {
        PurchaseOrderLinks.Link link = links.verify(token);
        return answer(link.purchaseOrderId(), lines,
                order -> Uni.createFrom().item(order.supplierId == link.supplierId()));
    }

    /** The supplier's answer, given by the supplier signed in (its own orders only) or by staff for it. */
    public Uni<PurchaseOrderState> answer(long id, Caller caller, List<AnsweredLine> lines) {
        return answer(id, lines, order -> suppliers.findById(order.supplierId)
                .map(supplier -> mayReach(caller, supplier)));
    }

    private Uni<PurchaseOrderState> answer(long id, List<AnsweredLine> lines,
            Function<PurchaseOrder, Uni<Boolean>> mayAnswer) {
        checkAnswer(lines);
        return transactions.inTransaction(changes -> orders.findById(id, LockModeType.PESSIMISTIC_WRITE)
                .chain(order -> order == null ? Uni.createFrom().item(false) : mayAnswer.apply(order)
                        .call(allowed -> allowed ? apply(order, lines, changes) : Uni.createFrom().voidItem()))
                .chain(allowed -> {
                    if (!allowed) {
                        throw ShopException.notFound("PurchaseOrder", id);
                    }
                    return orders.states(List.of(id));
                })
                .map(states -> states.get(0)));
    }

    private void checkAnswer(List<AnsweredLine> lines) {
        if (lines == null || lines.isEmpty() || lines.size() > MAX_LINES) {
            throw ShopException.invalidInput("An answer names 1 to " + MAX_LINES + " lines");
        }
        Set<Long> named = new HashSet<>();
        lines.forEach(line -> {
            if (!named.add(line.lineId())) {
                throw ShopException.invalidInput("Line " + line.lineId() + " is answered twice");
            }
            if (line.deliveries().size() > MAX_DELIVERIES_PER_LINE) {
                throw ShopException.invalidInput("A line has at most " + MAX_DELIVERIES_PER_LINE + " deliveries");
            }
            Set<Long> deliveries = new HashSet<>();
            line.deliveries().forEach(delivery -> {
                checkUnits(delivery.quantity());
                checkDay(delivery.expectedAt());
                if (delivery.id() != null && !deliveries.add(delivery.id())) {
                    throw ShopException.invalidInput("Delivery " + delivery.id() + " is answered twice");
                }
            });
        });
    }

    /**
     * Applies the answer to its lines under their products' stock locks, taken before any delivery is read
     * (receiving takes them too); the caller holds the order's lock, so answers to one order go one at a time.
     */
    private Uni<Void> apply(PurchaseOrder order, List<AnsweredLine> answered, Changes changes) {
        return orders.lines(order.id).chain(all -> {
            Map<Long, PurchaseOrderLine> lines = all.stream()
                    .collect(Collectors.toMap(line -> line.id, Function.identity()));
            answered.forEach(line -> {
                if (!lines.containsKey(line.lineId())) {
                    throw ShopException.invalidInput("Line " + line.lineId() + " is not on purchase order "
                            + order.id);
                }
            });
            List<Long> lineIds = answered.stream().map(AnsweredLine::lineId).toList();
            return locks.lock(lineIds.stream().map(line -> lines.get(line).productId).distinct().toList())
                    .chain(locked -> inbound.deliveriesOf(lines.keySet()))
                    .chain(deliveries -> {
                        checkOpen(order, deliveries);
                        Map<Long, List<InboundShipment>> byLine = deliveries.stream()
                                .collect(Collectors.groupingBy(delivery -> delivery.purchaseOrderLineId));
                        return Sequence.forEach(answered, line -> {
                            PurchaseOrderLine ordered = lines.get(line.lineId());
                            changes.stock(ordered.productId);
                            return applyLine(order, ordered, byLine.getOrDefault(ordered.id, List.of()), line);
                        });
                    });
        }).invoke(() -> {
            if (order.answeredAt == null) {
                order.answeredAt = clock.now();
            }
        }).call(inbound::flush);
    }

    /** Nothing more expected of the order (all arrived, declined or called off): there is nothing to answer. */
    private static void checkOpen(PurchaseOrder order, List<InboundShipment> deliveries) {
        if (deliveries.stream().noneMatch(delivery -> delivery.status == InboundShipment.Status.OPEN)) {
            throw ShopException.invalidState("Nothing more is expected of purchase order " + order.id
                    + ": it can no longer be answered");
        }
    }

    /**
     * One line's deliveries become the answer's: named ones and, in order of day, the rest are matched to its
     * open deliveries, which keep their first confirmed day; the answer's extra ones are added, the open ones
     * left over cancelled. They may bring no more than the units ordered and not yet arrived.
     */
    private Uni<Void> applyLine(PurchaseOrder order, PurchaseOrderLine line, List<InboundShipment> deliveries,
            AnsweredLine answer) {
        int arrived = deliveries.stream().mapToInt(delivery -> delivery.received).sum();
        int coming = answer.deliveries().stream().mapToInt(AnsweredDelivery::quantity).sum();
        if (arrived + coming > line.quantity) {
            throw new ShopException(ErrorCode.INVALID_QUANTITY, "Line " + line.id + " orders " + line.quantity
                    + " units, " + arrived + " arrived: its deliveries can bring at most " + (line.quantity - arrived)
                    + " more, not " + coming);
        }
        Map<Long, InboundShipment> open = new LinkedHashMap<>();
        deliveries.stream().filter(delivery -> delivery.status == InboundShipment.Status.OPEN)
                .sorted(Comparator.comparing((InboundShipment delivery) -> delivery.expectedAt)
                        .thenComparing(delivery -> delivery.id))
                .forEach(delivery -> open.put(delivery.id, delivery));
        List<InboundShipment> added = new ArrayList<>();
        Map<InboundShipment, AnsweredDelivery> matched = new HashMap<>();
        answer.deliveries().stream().filter(delivery -> delivery.id() != null).forEach(delivery -> {
            InboundShipment named = open.remove(delivery.id());
            if (named == null) {
                throw ShopException.invalidInput("Delivery " + delivery.id() + " is not an open delivery of line "
                        + line.id);
            }
            matched.put(named, delivery);
        });
        answer.deliveries().stream().filter(delivery -> delivery.id() == null)
                .sorted(Comparator.comparing(AnsweredDelivery::expectedAt))
                .forEach(delivery -> {
                    if (open.isEmpty()) {
                        InboundShipment fresh = delivery(order.supplierId, line, delivery.quantity(),
                                delivery.expectedAt());
                        fresh.firstConfirmedAt = delivery.expectedAt();
                        added.add(fresh);
                    } else {
                        InboundShipment next = open.remove(open.keySet().iterator().next());
                        matched.put(next, delivery);
                    }
                });
        matched.forEach((delivery, confirmed) -> {
            delivery.quantity = confirmed.quantity();
            delivery.expectOn(confirmed.expectedAt());
            if (delivery.firstConfirmedAt == null) {
                delivery.firstConfirmedAt = confirmed.expectedAt();
            }
        });
        open.values().forEach(declined -> declined.status = InboundShipment.Status.CANCELLED);
        return Sequence.forEach(added, inbound::add);
    }

    /** Calls the whole order off: what has not arrived will not. Staff only. */
    public Uni<PurchaseOrderState> cancel(long id) {
        return transactions.inTransaction(changes -> orders.findById(id, LockModeType.PESSIMISTIC_WRITE)
                .onItem().ifNull().failWith(() -> ShopException.notFound("PurchaseOrder", id))
                .chain(order -> orders.lines(id))
                .chain(lines -> locks.lock(lines.stream().map(line -> line.productId).distinct().toList())
                        .chain(locked -> inbound.deliveriesOf(lines.stream().map(line -> line.id).toList()))
                        .invoke(deliveries -> deliveries.stream()
                                .filter(delivery -> delivery.status == InboundShipment.Status.OPEN)
                                .forEach(delivery -> {
                                    delivery.status = InboundShipment.Status.CANCELLED;
                                    changes.stock(delivery.productId);
                                })))
                .chain(inbound::flush)
                .chain(() -> orders.states(List.of(id)))
                .map(states -> states.get(0)));
    }
}
