package shop.backorders.ordering;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import shop.backorders.backorder.BackorderEtas;
import shop.backorders.backorder.BackorderEtas.Prospect;
import shop.backorders.backorder.EtaPlan;
import shop.backorders.inventory.AllocationPolicy;
import shop.backorders.inventory.AllocationPolicy.Decision;
import shop.backorders.inventory.ExpectedSupply;
import shop.backorders.inventory.InboundShipmentRepository;
import shop.backorders.inventory.LockedStock;
import shop.backorders.inventory.Reservation;
import shop.backorders.inventory.StockLedger;
import shop.backorders.ordering.Availability.Delivery;
import shop.backorders.ordering.Availability.Source;
import shop.backorders.ordering.Availability.Status;
import shop.backorders.shared.ErrorCode;
import shop.backorders.shared.ShopClock;
import shop.backorders.shared.ShopException;

/**
 * Tells a shopper before they order what an order would get, with the rule placement applies
 * ({@link AllocationPolicy#consider}, what {@link OrderAllocation} decides with) and the estimate a new
 * backorder is given ({@link BackorderEtas#prospect}), on the stock and supply as committed now. It takes no
 * lock and writes nothing: two stock reads per product, whatever the queue's length.
 */
@ApplicationScoped
public class AvailabilityService {

    private final StockLedger ledger;
    private final InboundShipmentRepository inbound;
    private final BackorderEtas etas;
    private final ShopClock clock;

    public AvailabilityService(StockLedger ledger, InboundShipmentRepository inbound, BackorderEtas etas,
            ShopClock clock) {
        this.ledger = ledger;
        this.inbound = inbound;
        this.etas = etas;
        this.clock = clock;
    }

    /** What an order of this many units of the product would get now; INVALID_QUANTITY outside 1 to 1,000,000. */
    @WithSession
    public Uni<Availability> of(long productId, int quantity) {
        if (quantity < 1 || quantity > AllocationPolicy.MAX_UNITS) {
            return Uni.createFrom().failure(new ShopException(ErrorCode.INVALID_QUANTITY, "Quantity must be between 1"
                    + " and " + AllocationPolicy.MAX_UNITS + ", got " + quantity));
        }
        return ledger.read(List.of(productId)).chain(found -> inbound.openFor(productId)
                .map(supply -> availability(found.get(0), quantity, supply)));
    }

    private Availability availability(LockedStock stock, int quantity, List<ExpectedSupply> supply) {
        LocalDate today = clock.today();
        Decision decision = AllocationPolicy.consider(stock, quantity, today);
        Reservation split = decision.split();
        if (decision.refusal() != null) {
            return new Availability(stock.sku(), quantity, Status.UNAVAILABLE, split.allocated(), split.backordered(),
                    null, List.of(), decision.refusal().code());
        }
        List<Delivery> deliveries = new ArrayList<>();
        if (split.allocated() > 0) {
            deliveries.add(new Delivery(split.allocated(), today, Source.STOCK));
        }
        LocalDate eta = null;
        if (split.backordered() > 0) {
            Prospect prospect = etas.prospect(stock, split, supply);
            prospect.deliveries().forEach(part -> deliveries.add(delivery(part)));
            eta = prospect.eta().date();
        }
        return new Availability(stock.sku(), quantity, status(split), split.allocated(), split.backordered(), eta,
                deliveries, null);
    }

    private static Status status(Reservation split) {
        if (split.preorder()) {
            return Status.PREORDER;
        }
        if (split.backordered() == 0) {
            return Status.IN_STOCK;
        }
        return split.allocated() > 0 ? Status.PARTLY_IN_STOCK : Status.BACKORDER;
    }

    private static Delivery delivery(EtaPlan.Delivery part) {
        Source source = switch (part.eta().source()) {
            case INBOUND_SHIPMENT -> Source.INBOUND_SHIPMENT;
            case LEAD_TIME -> Source.LEAD_TIME;
            case RELEASE_DATE -> Source.RELEASE_DATE;
        };
        return new Delivery(part.units(), part.eta().date(), source);
    }
}
