package shop.backorders.inventory;

import java.time.LocalDate;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import shop.backorders.catalog.Product;
import shop.backorders.catalog.ProductRepository;
import shop.backorders.shared.ErrorCode;
import shop.backorders.shared.Page;
import shop.backorders.shared.Sequence;
import shop.backorders.shared.ShopClock;
import shop.backorders.shared.ShopException;
import shop.backorders.shared.Transactions;

@ApplicationScoped
public class InventoryService {

    private static final Logger LOG = Logger.getLogger(InventoryService.class);

    private final AllocationRule allocation;
    private final StockRepository stocks;
    private final ProductRepository products;
    private final InboundShipmentRepository inbound;
    private final Transactions transactions;
    private final ShopClock clock;

    public InventoryService(AllocationRule allocation, StockRepository stocks, ProductRepository products,
            InboundShipmentRepository inbound, Transactions transactions, ShopClock clock) {
        this.allocation = allocation;
        this.stocks = stocks;
        this.products = products;
        this.inbound = inbound;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** Books arrived units and fills the product's queue from them before anything else. */
    public Uni<Void> receiveStock(String sku, int quantity) {
        return transactions.inTransaction(changes -> allocation.lock(sku, changes)
                .chain(stock -> allocation.receive(stock, quantity, "receipt", changes)))
                .replaceWithVoid();
    }

    /** Corrects on hand after a count; see {@link AllocationRule#adjust} for what it may not take. */
    public Uni<Void> adjustStock(String sku, int change, String reason) {
        if (reason != null && reason.length() > 200) {
            throw ShopException.invalidInput("reason must be at most 200 characters");
        }
        return transactions.inTransaction(changes -> allocation.lock(sku, changes)
                .chain(stock -> allocation.adjust(stock, change, reason, changes)))
                .replaceWithVoid();
    }

    /** Records supply a supplier promised; it feeds ETAs and changes no stock. */
    public Uni<InboundShipment> scheduleInbound(String sku, int quantity, LocalDate expectedAt) {
        if (quantity <= 0) {
            throw new ShopException(ErrorCode.INVALID_QUANTITY, "An inbound shipment needs at least 1 unit, got "
                    + quantity);
        }
        if (expectedAt == null || expectedAt.isBefore(clock.today())) {
            throw ShopException.invalidInput("expectedAt must be today or later, got " + expectedAt);
        }
        return transactions.inTransaction(changes -> products.idBySku(sku)
                .onItem().ifNull().failWith(() -> AllocationRule.unknownProduct(sku))
                .chain(productId -> {
                    InboundShipment shipment = new InboundShipment();
                    shipment.productId = productId;
                    shipment.quantity = quantity;
                    shipment.expectedAt = expectedAt;
                    shipment.createdAt = clock.now();
                    return inbound.add(shipment);
                }));
    }

    public Uni<StockedProduct> findBySku(String sku) {
        return stocks.findBySku(sku).map(stock -> stock == null ? null : StockedProduct.of(stock));
    }

    public Uni<Page<StockedProduct>> page(long afterProductId, int size) {
        return stocks.pageAfter(afterProductId, Page.checkedSize(size) + 1)
                .map(found -> Page.of(found.stream().map(StockedProduct::of).toList(), size));
    }

    /**
     * Fills the queues of pre-orders whose release date has come. Every path that locks a stock row
     * does this too, so the schedule only decides how soon an idle product gets there.
     */
    @Scheduled(every = "${shop.preorder-release.every:1m}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public Uni<Void> releaseDuePreorders() {
        return products.dueForRelease(clock.today())
                .chain(due -> Sequence.forEach(due, this::release))
                .onFailure().recoverWithItem(failure -> {
                    LOG.warn("Releasing due pre-orders failed; the next run tries again", failure);
                    return null;
                });
    }

    private Uni<Void> release(Product product) {
        LOG.infof("Releasing pre-orders of %s", product.sku);
        return transactions.inTransaction(changes -> allocation.lock(List.of(product.id), changes))
                .replaceWithVoid();
    }
}
