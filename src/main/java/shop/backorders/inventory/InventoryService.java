package shop.backorders.inventory;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import io.smallrye.mutiny.Uni;
import shop.backorders.catalog.CatalogService;
import shop.backorders.catalog.NewProduct;
import shop.backorders.catalog.Product;
import shop.backorders.catalog.ProductChanges;
import shop.backorders.catalog.ProductRepository;
import shop.backorders.catalog.Supplier;
import shop.backorders.catalog.SupplierDetails;
import shop.backorders.catalog.SupplierRepository;
import shop.backorders.changes.Changes;
import shop.backorders.changes.Transactions;
import shop.backorders.shared.ErrorCode;
import shop.backorders.shared.Page;
import shop.backorders.shared.ShopClock;
import shop.backorders.shared.ShopException;

@ApplicationScoped
public class InventoryService {

    private final CatalogService catalog;
    private final StockLocks locks;
    private final StockLedger ledger;
    private final QueueFill queue;
    private final StockRepository stocks;
    private final ProductRepository products;
    private final InboundShipmentRepository inbound;
    private final SupplierRepository suppliers;
    private final Transactions transactions;
    private final ShopClock clock;

    public InventoryService(CatalogService catalog, StockLocks locks, StockLedger ledger, QueueFill queue,
            StockRepository stocks, ProductRepository products, InboundShipmentRepository inbound,
            SupplierRepository suppliers, Transactions transactions, ShopClock clock) {
        this.catalog = catalog;
        this.locks = locks;
        this.ledger = ledger;
        this.queue = queue;
        this.stocks = stocks;
        this.products = products;
        this.inbound = inbound;
        this.suppliers = suppliers;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** Creates a product with its stock row; initial stock is booked as a receipt in the ledger. */
    public Uni<Product> createProduct(NewProduct input) {
        int initialStock = input.initialStock() == null ? 0 : input.initialStock();
        if (initialStock < 0) {
            throw new ShopException(ErrorCode.INVALID_QUANTITY, "initialStock cannot be negative, got " + initialStock);
        }
        catalog.define(input); // refuses bad input before any transaction
        return transactions.inTransaction(changes -> catalog.add(input) // fresh for each attempt
                .call(product -> ledger.open(product.id, changes))
                .call(product -> initialStock == 0 ? Uni.createFrom().voidItem()
                        : locks.lock(product.sku)
                                .chain(stock -> ledger.receive(stock, initialStock, "initial stock", changes))))
                .onFailure().transform(failure -> CatalogService.duplicateSkuRace(failure, input.sku()));
    }

    /**
     * Changes a product under its stock lock, so no order sees half a change. Waiting backorders keep
     * their place whatever changes; a change that ends a pre-order hold fills them at once.
     */
    public Uni<Product> updateProduct(String sku, ProductChanges update) {
        return transactions.inTransaction(changes -> locks.lock(sku)
                .chain(locked -> products.findById(locked.productId()))
                .chain(product -> catalog.change(product, update))
                .call(product -> {
                    changes.stock(product.id);
                    return locks.lock(List.of(product.id))
                            .chain(locked -> queue.fillUnlessHeld(locked.get(product.id), changes));
                }));
    }

    public Uni<Supplier> createSupplier(SupplierDetails details) {
        catalog.defineSupplier(details); // refuses bad input before any transaction
        return transactions.inTransaction(changes -> suppliers.add(catalog.defineSupplier(details)))
                .onFailure().transform(failure -> CatalogService.duplicateSupplierName(failure, details.name()));
    }

    /**
     * Changes a supplier. A new lead time is its products' too: they change under their stock locks, and their
     * waiting customers' estimates follow in the same transaction.
     */
    public Uni<Supplier> updateSupplier(long supplierId, SupplierDetails details) {
        return transactions.inTransaction(changes -> suppliers.findById(supplierId, LockModeType.PESSIMISTIC_WRITE)
                .onItem().ifNull().failWith(() -> ShopException.notFound("Supplier", supplierId))
                .chain(supplier -> {
                    int leadTimeBefore = supplier.leadTimeDays;
                    catalog.apply(supplier, details);
                    Uni<Void> products = supplier.leadTimeDays == leadTimeBefore ? Uni.createFrom().voidItem()
                            : followLeadTime(supplier, changes);
                    return products.chain(suppliers::flush).replaceWith(supplier);
                }))
                .onFailure().transform(failure -> CatalogService.duplicateSupplierName(failure, details.name()));
    }

    private Uni<Void> followLeadTime(Supplier supplier, Changes changes) {
        return products.idsSuppliedBy(supplier.id)
                .chain(ids -> locks.lock(ids))
                .chain(locked -> products.setLeadTime(supplier.id, supplier.leadTimeDays)
                        .invoke(() -> locked.keySet().forEach(changes::stock)))
                .replaceWithVoid();
    }

    public Uni<Page<Supplier>> suppliers(long afterId, int size) {
        return suppliers.pageAfter(afterId, Page.checkedSize(size) + 1).map(found -> Page.of(found, size));
    }

    /** Books arrived units and fills the product's queue from them before anything else. */
    public Uni<Void> receiveStock(String sku, int quantity) {
        return transactions.inTransaction(changes -> locks.lock(sku)
                .chain(stock -> ledger.receive(stock, quantity, "receipt", changes)))
                .replaceWithVoid();
    }

    /** Corrects on hand after a count; see {@link StockLedger#adjust} for what it may not take. */
    public Uni<Void> adjustStock(String sku, int change, String reason) {
        if (reason != null && reason.length() > 200) {
            throw ShopException.invalidInput("reason must be at most 200 characters");
        }
        return transactions.inTransaction(changes -> locks.lock(sku)
                .chain(stock -> ledger.adjust(stock, change, reason, changes)))
                .replaceWithVoid();
    }

    /** Records supply a supplier promised; it feeds estimates and changes no stock. */
    public Uni<InboundShipmentState> scheduleInbound(String sku, int quantity, LocalDate expectedAt) {
        checkExpected(quantity, expectedAt);
        return transactions.inTransaction(changes -> locks.lock(sku).chain(stock -> {
            changes.stock(stock.productId());
            InboundShipment shipment = new InboundShipment();
            shipment.productId = stock.productId();
            shipment.quantity = quantity;
            shipment.expectedAt = expectedAt;
            shipment.status = InboundShipment.Status.OPEN;
            shipment.createdAt = clock.now();
            return inbound.add(shipment).map(added -> InboundShipmentState.of(added, sku));
        }));
    }

    /**
     * Units of an inbound shipment arrived, all or some: they are received as stock (filling the queue
     * first) and the shipment expects that many fewer, closing once nothing more is expected.
     */
    public Uni<InboundShipmentState> receiveInbound(long shipmentId, int quantity) {
        return changeOpenInbound(shipmentId, (shipment, stock, changes) -> ledger
                .receive(stock, quantity, "inbound shipment " + shipmentId, changes)
                .invoke(() -> {
                    shipment.received += quantity;
                    shipment.receivedOn = clock.today();
                    shipment.quantity = Math.max(shipment.quantity - quantity, 0);
                    if (shipment.quantity == 0) {
                        shipment.status = InboundShipment.Status.RECEIVED;
                    }
                }));
    }

    /** The supplier changed what it will send or when: estimates move with it. */
    public Uni<InboundShipmentState> updateInbound(long shipmentId, int quantity, LocalDate expectedAt) {
        checkExpected(quantity, expectedAt);
        return changeOpenInbound(shipmentId, (shipment, stock, changes) -> {
            shipment.quantity = quantity;
            shipment.expectOn(expectedAt);
            return Uni.createFrom().voidItem();
        });
    }

    /** The supplier will not send it: the backorders it covered fall back to other supply or the lead time. */
    public Uni<InboundShipmentState> cancelInbound(long shipmentId) {
        return changeOpenInbound(shipmentId, (shipment, stock, changes) -> {
            shipment.status = InboundShipment.Status.CANCELLED;
            return Uni.createFrom().voidItem();
        });
    }

    /** A product's inbound shipments, open or not, by expected date. */
    public Uni<List<InboundShipmentState>> inboundFor(String sku) {
        return products.idBySku(sku)
                .onItem().ifNull().failWith(() -> StockLocks.unknownProduct(sku))
                .chain(inbound::forProduct)
                .map(shipments -> shipments.stream().map(shipment -> InboundShipmentState.of(shipment, sku)).toList());
    }

    /** The open inbound shipments of each of these products, earliest first: one list per SKU, in their order. */
    public Uni<List<List<InboundShipmentState>>> openInbound(List<String> skus) {
        return inbound.openBySku(skus).map(open -> {
            Map<String, List<InboundShipmentState>> bySku = open.stream()
                    .collect(Collectors.groupingBy(InboundShipmentState::sku));
            return skus.stream().map(sku -> bySku.getOrDefault(sku, List.of())).toList();
        });
    }

    private interface InboundChange {
        Uni<Void> apply(InboundShipment shipment, LockedStock stock, Changes changes);
    }

    /** Changes an open shipment under its product's stock lock, which every estimate is revised under. */
    private Uni<InboundShipmentState> changeOpenInbound(long shipmentId, InboundChange change) {
        return transactions.inTransaction(changes -> inbound.productIdOf(shipmentId)
                .onItem().ifNull().failWith(() -> ShopException.notFound("InboundShipment", shipmentId))
                .chain(productId -> locks.lock(List.of(productId)))
                .chain(locked -> inbound.findById(shipmentId).chain(shipment -> {
                    if (shipment.status != InboundShipment.Status.OPEN) {
                        throw ShopException.invalidState("Inbound shipment " + shipmentId + " is " + shipment.status
                                + " and can no longer change");
                    }
                    changes.stock(shipment.productId);
                    LockedStock stock = locked.get(shipment.productId);
                    return change.apply(shipment, stock, changes)
                            .chain(inbound::flush)
                            .map(ignored -> InboundShipmentState.of(shipment, stock.sku()));
                })));
    }

    private void checkExpected(int quantity, LocalDate expectedAt) {
        if (quantity <= 0 || quantity > AllocationPolicy.MAX_UNITS) {
            throw new ShopException(ErrorCode.INVALID_QUANTITY, "An inbound shipment brings 1 to "
                    + AllocationPolicy.MAX_UNITS + " units, got " + quantity);
        }
        if (expectedAt == null || expectedAt.isBefore(clock.today())) {
            throw ShopException.invalidInput("expectedAt must be today or later, got " + expectedAt);
        }
    }

    public Uni<StockedProduct> findBySku(String sku) {
        return stocks.findBySku(sku).map(stock -> stock == null ? null : StockedProduct.of(stock));
    }

    public Uni<Page<StockedProduct>> page(long afterProductId, int size) {
        return stocks.pageAfter(afterProductId, Page.checkedSize(size) + 1)
                .map(found -> Page.of(found.stream().map(StockedProduct::of).toList(), size));
    }
}
