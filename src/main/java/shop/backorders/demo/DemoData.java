package shop.backorders.demo;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.arc.profile.IfBuildProfile;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import shop.backorders.catalog.BackorderPolicy;
import shop.backorders.catalog.NewProduct;
import shop.backorders.catalog.Sourcing;
import shop.backorders.catalog.SupplierDetails;
import shop.backorders.inventory.InventoryService;
import shop.backorders.ordering.OrderPlacement;
import shop.backorders.ordering.OrderService;
import shop.backorders.ordering.PlaceOrder;
import shop.backorders.ordering.Shipping;
import shop.backorders.shared.Caller;
import shop.backorders.shared.ShopClock;
import shop.backorders.supply.PurchaseOrderService;
import shop.backorders.supply.PurchaseOrderService.NewLine;
import shop.backorders.supply.PurchaseOrderService.NewOrder;

/**
 * A small demo shop, loaded at start in dev mode only (the bean does not exist in other builds): products in
 * stock and out of stock under every policy, waiting backorders and held pre-orders. It is made
 * through the services, so the demo data obeys the one allocation rule like any other.
 */
@ApplicationScoped
@IfBuildProfile("dev")
public class DemoData {

    private static final Logger LOG = Logger.getLogger(DemoData.class);

    private final InventoryService inventory;
    private final OrderPlacement placement;
    private final OrderService orders;
    private final PurchaseOrderService purchaseOrders;
    private final ShopClock clock;

    public DemoData(InventoryService inventory, OrderPlacement placement, OrderService orders,
            PurchaseOrderService purchaseOrders, ShopClock clock) {
        this.inventory = inventory;
        this.placement = placement;
        this.orders = orders;
        this.purchaseOrders = purchaseOrders;
        this.clock = clock;
    }

    void load(@Observes StartupEvent started) throws Throwable {
        if (run(() -> inventory.findBySku("KB-ERGO-01")) != null) {
            return;
        }
        LocalDate today = clock.today();
        long ergo = supplier("Ergo Supply Co.", "orders@ergo-supply.example", 14);
        long cables = supplier("Cable & Hub Ltd", "sales@cable-hub.example", 21);
        product("KB-ERGO-01", "Ergonomic keyboard", "89.00", BackorderPolicy.ALLOW, null, null, ergo, 40);
        product("MS-VERT-02", "Vertical mouse", "49.90", BackorderPolicy.DENY, null, null, cables, 25);
        product("LAMP-LED-04", "LED desk lamp", "34.50", BackorderPolicy.ALLOW, null, null, cables, 15);
        product("HUB-USBC-07", "USB-C docking hub", "129.00", BackorderPolicy.DENY, null, null, cables, 10);
        product("MON-ARM-27", "Dual monitor arm", "74.00", BackorderPolicy.ALLOW, null, null, ergo, 5);
        product("CHAIR-MESH-05", "Mesh office chair", "349.00", BackorderPolicy.ALLOW_LIMITED, 10, null, ergo, 6);
        product("HEADSET-NC-03", "Noise-cancelling headset", "199.00", BackorderPolicy.PREORDER, null,
                today.plusDays(30), null, 12);

        // In stock: one order shipped, others ready to ship.
        ship(order("ivy@example.com", "KB-ERGO-01", 3));
        order("pia@example.com", "KB-ERGO-01", 1);
        order("olga@example.com", "MS-VERT-02", 3);
        // DENY, sold out: cannot be ordered until the expected supply arrives.
        ship(order("kim@example.com", "HUB-USBC-07", 10));
        // ALLOW, out of stock: three customers wait; a single arm arrived for the head of the line.
        ship(order("jon@example.com", "MON-ARM-27", 5));
        order("ada@example.com", "MON-ARM-27", 2);
        order("ben@example.com", "MON-ARM-27", 3);
        order("cleo@example.com", "MON-ARM-27", 1);
        run(() -> inventory.receiveStock("MON-ARM-27", 1));
        // ALLOW_LIMITED: all chairs allocated, 4 of the cap of 10 wait after one customer cancelled.
        order("lea@example.com", "CHAIR-MESH-05", 6);
        order("dan@example.com", "CHAIR-MESH-05", 3);
        long cancelled = order("hal@example.com", "CHAIR-MESH-05", 2);
        run(() -> orders.cancelOrder(cancelled, Caller.STAFF));
        order("eve@example.com", "CHAIR-MESH-05", 1);
        // PREORDER: stock already in the warehouse is held for the release date.
        order("mia@example.com", "HEADSET-NC-03", 2);
        order("noah@example.com", "HEADSET-NC-03", 1);

        // Restocking: purchase orders mailed to the suppliers (dev mode logs the mails, links included), and
        // supply recorded by hand for the headset, which has no supplier here.
        purchaseOrder(cables, new NewLine("HUB-USBC-07", 20, today.plusDays(12)));
        purchaseOrder(ergo, new NewLine("MON-ARM-27", 10, today.plusDays(5)),
                new NewLine("CHAIR-MESH-05", 8, today.plusDays(9)));
        inbound("HEADSET-NC-03", 50, today.plusDays(28));
        LOG.info("Loaded the demo shop: try product(sku: \"MON-ARM-27\") at /q/graphql-ui");
    }

    private long supplier(String name, String email, int leadTimeDays) throws Throwable {
        return run(() -> inventory.createSupplier(new SupplierDetails(name, email, leadTimeDays))).id;
    }

    /** A product bought from this supplier (with its lead time), or with none (a lead time of 25 days). */
    private void product(String sku, String name, String price, BackorderPolicy policy, Integer limit,
            LocalDate releaseDate, Long supplierId, int stock) throws Throwable {
        run(() -> inventory.createProduct(new NewProduct(sku, name, new BigDecimal(price), policy, limit, releaseDate,
                supplierId == null ? 25 : null, stock, new Sourcing(supplierId, null, supplierId == null ? null : 5))));
    }

    private void purchaseOrder(long supplierId, NewLine... lines) throws Throwable {
        run(() -> purchaseOrders.create(new NewOrder(supplierId, List.of(lines))));
    }

    private long order(String email, String sku, int quantity) throws Throwable {
        return run(() -> placement.place(new PlaceOrder(email, List.of(new PlaceOrder.Line(sku, quantity)),
                Shipping.SHIP_AVAILABLE, null, null), Caller.STAFF)).id();
    }

    private void ship(long orderId) throws Throwable {
        run(() -> orders.shipOrder(orderId));
    }

    private void inbound(String sku, int quantity, LocalDate expectedAt) throws Throwable {
        run(() -> inventory.scheduleInbound(sku, quantity, expectedAt));
    }

    /** Start-up runs outside any request: the services need a Vert.x context for their sessions. */
    private static <T> T run(Supplier<Uni<T>> call) throws Throwable {
        return VertxContextSupport.subscribeAndAwait(call);
    }
}
