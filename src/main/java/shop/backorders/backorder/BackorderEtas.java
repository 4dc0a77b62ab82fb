package shop.backorders.backorder;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import shop.backorders.backorder.BackorderRepository.Queued;
import shop.backorders.backorder.BackorderRepository.Revision;
import shop.backorders.backorder.EtaPlan.Eta;
import shop.backorders.backorder.EtaPlan.Supply;
import shop.backorders.catalog.BackorderPolicy;
import shop.backorders.changes.BackorderChange;
import shop.backorders.changes.BeforeCommit;
import shop.backorders.changes.Changes;
import shop.backorders.inventory.ExpectedSupply;
import shop.backorders.inventory.InboundShipmentRepository;
import shop.backorders.inventory.LockedStock;
import shop.backorders.inventory.Reservation;
import shop.backorders.inventory.StockLedger.JoinedQueue;
import shop.backorders.shared.Sequence;
import shop.backorders.shared.ShopClock;
import shop.backorders.shared.ShopConfig;

/**
 * Keeps every waiting backorder's estimate current: before a transaction commits, the queues of the
 * products it touched are planned again ({@link EtaPlan}) under their stock locks. A backorder's first
 * estimate is its promise; a later one past the promise (plus the tolerance) asks the customer's consent.
 */
@ApplicationScoped
public class BackorderEtas implements BeforeCommit {

    private final BackorderRepository backorders;
    private final InboundShipmentRepository inbound;
    private final ShopClock clock;
    private final int slipToleranceDays;
    private final Duration consentWindow;

    public BackorderEtas(BackorderRepository backorders, InboundShipmentRepository inbound, ShopClock clock,
            ShopConfig config) {
        this.backorders = backorders;
        this.inbound = inbound;
        this.clock = clock;
        this.slipToleranceDays = config.eta().slipToleranceDays();
        this.consentWindow = config.eta().consentWindow();
    }

    @Override
    public int order() {
        return ESTIMATES;
    }

    @Override
    public Uni<Void> beforeCommit(Changes changes) {
        return Sequence.forEach(changes.products().stream().filter(changes::queueOrSupplyChanged).toList(),
                productId -> revise(productId, changes));
    }

    /**
     * Plans the product's whole queue again: its queue, supply or terms changed. Backorders that only joined
     * its back were estimated as they joined ({@link #estimateNewcomers}).
     */
    private Uni<Void> revise(long productId, Changes changes) {
        return backorders.queueForEstimates(productId).chain(queue -> queue.isEmpty() ? Uni.createFrom().voidItem()
                : inbound.openFor(productId).chain(supply -> save(revisions(productId, queue,
                        plan(queue, 0, supply), changes))));
    }

    /**
     * Gives backorders that have just joined the back of their queues their first estimates, which are their
     * promises. Nobody ahead of them is affected, and only the units waited for ahead of them count: placing an
     * order costs the same however long the queue.
     */
    public Uni<Void> estimateNewcomers(List<Newcomer> newcomers, Changes changes) {
        List<Revision> revised = new ArrayList<>();
        newcomers.forEach(newcomer -> {
            LockedStock stock = newcomer.stock();
            List<Queued> back = List.of(joining(newcomer.joined().backorderId(), newcomer.orderId(),
                    newcomer.joined().createdAt(), stock, newcomer.reservation()));
            revised.addAll(revisions(stock.productId(), back, plan(back, stock.backordered(),
                    newcomer.joined().supply()), changes));
        });
        return save(revised);
    }

    /** What a backorder would be told on joining its queue: its estimate, and how its units would arrive. */
    public record Prospect(Eta eta, List<EtaPlan.Delivery> deliveries) {
    }

    /**
     * The estimate a backorder of what this reservation leaves waiting would get if it joined the product's
     * queue now, behind everyone waiting, with this supply expected: as {@link #estimateNewcomers} would give
     * it, and how its units would arrive. Reads and writes nothing.
     */
    public Prospect prospect(LockedStock stock, Reservation reservation, ExpectedSupply supply) {
        Queued joining = joining(0, 0, clock.now(), stock, reservation);
        List<Queued> back = List.of(joining);
        EtaPlan.Waiting waiting = waiting(joining);
        return new Prospect(plan(back, stock.backordered(), supply).get(joining.id()),
                EtaPlan.deliveries(waiting, stock.backordered(), supply(joining, supply), leadTime(joining, supply),
                        joining.releaseDate(), clock.today()));
    }

    /** A backorder joining the back of its queue, as the stock under its lock and the order's reservation left it. */
    private static Queued joining(long backorderId, long orderId, Instant createdAt, LockedStock stock,
            Reservation reservation) {
        LocalDate releaseDate = stock.policy() == BackorderPolicy.PREORDER ? stock.releaseDate() : null;
        return new Queued(backorderId, orderId, reservation.backordered(), createdAt, reservation.preorder(), null,
                null, null, stock.leadTimeDays(), releaseDate, stock.released(),
                stock.available() - reservation.allocated());
    }

    /**
     * A backorder an order placed, as it joined its queue: the stock as the order found it under its lock,
     * what the order took of it, and the supply then expected.
     */
    public record Newcomer(long orderId, LockedStock stock, Reservation reservation, JoinedQueue joined) {
    }

    private Map<Long, Eta> plan(List<Queued> queue, long unitsAhead, ExpectedSupply expected) {
        Queued terms = queue.get(0);
        return EtaPlan.of(queue.stream().map(this::waiting).toList(), unitsAhead, supply(terms, expected),
                leadTime(terms, expected), terms.releaseDate(), clock.today());
    }

    /** The supply a product's queue plans with, in order of arrival. */
    private List<Supply> supply(Queued terms, ExpectedSupply expected) {
        LocalDate today = clock.today();
        List<Supply> supply = new ArrayList<>();
        if (terms.available() > 0) {
            // Units on hand while people wait are held for a pre-order's release date; being here, they are late
            // by nothing.
            boolean held = terms.releaseDate() != null && !terms.released() && today.isBefore(terms.releaseDate());
            supply.add(new Supply(null, terms.available(), held ? terms.releaseDate() : today, 0));
        }
        expected.shipments().forEach(shipment -> supply.add(new Supply(shipment.inboundShipmentId(),
                shipment.units(), shipment.expectedAt(), shipment.delayDays())));
        return supply;
    }

    private static EtaPlan.LeadTime leadTime(Queued terms, ExpectedSupply expected) {
        return new EtaPlan.LeadTime(terms.leadTimeDays(), expected.leadTimeDelayDays());
    }

    private EtaPlan.Waiting waiting(Queued backorder) {
        return new EtaPlan.Waiting(backorder.id(), backorder.waiting(),
                LocalDate.ofInstant(backorder.createdAt(), clock.zone()), backorder.preorder(),
                backorder.eta() != null && backorder.eta().source() == EtaSource.LEAD_TIME ? backorder.eta().date()
                        : null);
    }

    private Uni<Void> save(List<Revision> revised) {
        return revised.isEmpty() ? Uni.createFrom().voidItem() : backorders.saveEstimates(revised);
    }

    /** The estimates of the queue that the plan changes, as rows to store; notes what customers are told. */
    private List<Revision> revisions(long productId, List<Queued> queue, Map<Long, Eta> plan, Changes changes) {
        Instant now = clock.now();
        List<Revision> revised = new ArrayList<>();
        for (Queued backorder : queue) {
            Eta next = plan.get(backorder.id());
            BackorderEta current = backorder.eta();
            LocalDate promised = current == null ? next.date() : current.promised();
            boolean moved = current != null && !current.date().equals(next.date());
            boolean slipped = next.date().isAfter(promised.plusDays(slipToleranceDays));
            Instant requested = backorder.consentRequestedAt();
            LocalDate asked = backorder.consentEta();
            Instant deadline = current == null ? null : current.consentDeadline();
            BackorderChange change = moved ? BackorderChange.ETA_CHANGED : null;
            if (slipped && requested == null) {
                requested = now;
                asked = next.date();
                deadline = now.plus(consentWindow);
                change = BackorderChange.ETA_SLIPPED;
            } else if (!slipped && requested != null) {
                requested = null;
                asked = null;
                deadline = null;
            }
            // Nothing to store. A new latest day alone is stored, but told to nobody: it notes no change (no event,
            // no mail); a move of the date carries it.
            if (current != null && !moved && current.source() == next.source()
                    && Objects.equals(current.inboundShipmentId(), next.inboundShipmentId())
                    && Objects.equals(current.latest(), next.latest())
                    && Objects.equals(requested, backorder.consentRequestedAt())) {
                continue;
            }
            if (moved) {
                changes.etaMovedFrom(backorder.id(), current.date());
            }
            if (change == BackorderChange.ETA_SLIPPED) {
                changes.consentAsked(backorder.id());
            }
            // Live watchers see one change per backorder and transaction: what else happened to it here
            // (it carries the new estimate), else the move or the slip. Mail tells all (see Outbox).
            if (change != null && !changes.noted(backorder.id())) {
                changes.backorder(backorder.id(), backorder.orderId(), productId, change);
            }
            revised.add(new Revision(backorder.id(), next.date(), next.source(), next.inboundShipmentId(), promised,
                    requested, asked, deadline, next.latest()));
        }
        return revised;
    }
}
