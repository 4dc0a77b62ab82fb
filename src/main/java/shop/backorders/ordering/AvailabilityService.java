package shop.backorders.ordering;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

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
import shop.backorders.inventory.StockLocks;
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
 * lock and writes nothing: two reads (stock rows, open supply) however many products and however long their
 * queues. At checkout {@link OrderAllocation} works out the same answer under the locks to hold an order to its
 * quote ({@link #assess}).
 */
@ApplicationScoped
public class AvailabilityService {

    private final StockLocks locks;
    private final InboundShipmentRepository inbound;
    private final BackorderEtas etas;
    private final QuoteTokens tokens;
    private final ShopClock clock;
    private final OrderMetrics metrics;

    public AvailabilityService(StockLocks locks, InboundShipmentRepository inbound, BackorderEtas etas,
            QuoteTokens tokens, ShopClock clock, OrderMetrics metrics) {
        this.locks = locks;
        this.inbound = inbound;
        this.etas = etas;
        this.tokens = tokens;
        this.clock = clock;
        this.metrics = metrics;
    }

    /**
     * A product and a quantity asked about: INVALID_QUANTITY outside 1 to 1,000,000.
     */
    public record Asked(long productId, int quantity) {

        public Asked {
            if (quantity < 1 || quantity > AllocationPolicy.MAX_UNITS) {
                throw new ShopException(ErrorCode.INVALID_QUANTITY, "Quantity must be between 1 and "
                        + AllocationPolicy.MAX_UNITS + ", got " + quantity);
            }
        }
    }

    /** What an order of this many units of the product would get now. */
    public Uni<Availability> of(Asked asked) {
        return of(List.of(asked)).map(answers -> answers.get(0));
    }

    /** What an order of each would get now, in the order asked: a page of products in two reads. */
    @WithSession
    public Uni<List<Availability>> of(List<Asked> asked) {
        return locks.read(asked.stream().map(Asked::productId).distinct().toList())
                .chain(stocks -> assess(asked, stocks));
    }

    /**
     * What an order of these lines would get now, line by line (lines of one SKU merged), with the token that
     * holds the shop to it at checkout. INVALID_INPUT, INVALID_QUANTITY, UNKNOWN_PRODUCT as placing it would be.
     */
    @WithSession
    public Uni<Quote> quote(List<PlaceOrder.Line> asked) {
        List<PlaceOrder.Line> lines;
        try {
            lines = PlaceOrder.merged(asked);
        } catch (ShopException refused) {
            return Uni.createFrom().failure(refused);
        }
        return locks.readSkus(lines.stream().map(PlaceOrder.Line::sku).toList()).chain(stocks -> {
            Map<String, Long> productIds = stocks.stream()
                    .collect(Collectors.toMap(LockedStock::sku, LockedStock::productId));
            return assess(lines.stream().map(line -> new Asked(productIds.get(line.sku()), line.quantity())).toList(),
                    stocks);
        }).map(tokens::issue).invoke(metrics::quoted);
    }

    /** Each asked of these stock rows, with the supply expected for them (one read). */
    private Uni<List<Availability>> assess(List<Asked> asked, List<LockedStock> stocks) {
        Map<Long, LockedStock> byId = stocks.stream()
                .collect(Collectors.toMap(LockedStock::productId, Function.identity()));
        return inbound.openFor(byId.keySet()).map(supply -> asked.stream()
                .map(one -> assess(byId.get(one.productId()), one.quantity(), supply.get(one.productId())))
                .toList());
    }

    /**
     * What an order of this many units would get from this stock (its terms, what is on hand and waiting) with
     * this supply expected: the decision placement takes, and the estimate it gives a new backorder.
     */
    Availability assess(LockedStock stock, int quantity, ExpectedSupply supply) {
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
        LocalDate etaLatest = null;
        if (split.backordered() > 0) {
            Prospect prospect = etas.prospect(stock, split, supply);
            prospect.deliveries().forEach(part -> deliveries.add(delivery(part)));
            eta = prospect.eta().date();
            etaLatest = prospect.eta().latest();
        }
        return new Availability(stock.sku(), quantity, status(split), split.allocated(), split.backordered(), eta,
                etaLatest, deliveries, null);
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
        return new Delivery(part.units(), part.eta().date(), source, part.eta().latest());
    }
}
