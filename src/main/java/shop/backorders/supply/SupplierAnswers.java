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

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import shop.backorders.catalog.SupplierRepository;
import shop.backorders.changes.Changes;
import shop.backorders.changes.Transactions;
import shop.backorders.inventory.InboundShipment;
import shop.backorders.inventory.InboundShipmentRepository;
import shop.backorders.inventory.StockLocks;
import shop.backorders.shared.Caller;
import shop.backorders.shared.ErrorCode;
import shop.backorders.shared.Sequence;
import shop.backorders.shared.ShopClock;
import shop.backorders.shared.ShopException;

/**
 * A supplier's answers to a purchase order: for each line it names, the deliveries that will bring its units,
 * which may split it, move a day, ship short or decline it. Each delivery keeps the first day the supplier
 * confirmed beside the current one. The deliveries change under their products' stock locks, so the waiting
 * customers' estimates follow in the same transaction.
 */
@ApplicationScoped
@Startup // its meters show, at 0, from the start: Prometheus misses a series' first increment
public class SupplierAnswers {

    static final int MAX_DELIVERIES_PER_LINE = 20;

    private final PurchaseOrderRepository orders;
    private final SupplierRepository suppliers;
    private final InboundShipmentRepository inbound;
    private final StockLocks locks;
    private final PurchaseOrderLinks links;
    private final Transactions transactions;
    private final ShopClock clock;
    private final Counter answeredByLink;
    private final Counter answeredSignedIn;

    public SupplierAnswers(PurchaseOrderRepository orders, SupplierRepository suppliers,
            InboundShipmentRepository inbound, StockLocks locks, PurchaseOrderLinks links, Transactions transactions,
            ShopClock clock, MeterRegistry registry) {
        this.orders = orders;
        this.suppliers = suppliers;
        this.inbound = inbound;
        this.locks = locks;
        this.links = links;
        this.transactions = transactions;
        this.clock = clock;
        this.answeredByLink = answers("link", registry);
        this.answeredSignedIn = answers("signed_in", registry);
    }

    private static Counter answers(String via, MeterRegistry registry) {
        return Counter.builder("shop.supplier.answers")
                .description("Answers to purchase orders taken, by the link in the supplier's mail or signed in"
                        + " (the supplier, or staff for it)")
                .tag("via", via).register(registry);
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

    /** The supplier's answer, by the link in its mail. */
    public Uni<PurchaseOrderState> answerByLink(String token, List<AnsweredLine> lines) {
        PurchaseOrderLinks.Link link = links.verify(token);
        return answer(link.purchaseOrderId(), lines,
                order -> Uni.createFrom().item(order.supplierId == link.supplierId()))
                .invoke(() -> answeredByLink.increment());
    }

    /** The supplier's answer, given by the supplier signed in (its own orders only) or by staff for it. */
    public Uni<PurchaseOrderState> answer(long id, Caller caller, List<AnsweredLine> lines) {
        return answer(id, lines, order -> suppliers.findById(order.supplierId)
                .map(supplier -> PurchaseOrderService.mayReach(caller, supplier)))
                .invoke(() -> answeredSignedIn.increment());
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
        if (lines == null || lines.isEmpty() || lines.size() > PurchaseOrderService.MAX_LINES) {
            throw ShopException.invalidInput("An answer names 1 to " + PurchaseOrderService.MAX_LINES + " lines");
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
                PurchaseOrderService.checkUnits(delivery.quantity());
                PurchaseOrderService.checkDay(delivery.expectedAt(), clock.today());
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
                        InboundShipment fresh = line.delivery(order.supplierId, delivery.quantity(),
                                delivery.expectedAt(), clock.now());
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
}
