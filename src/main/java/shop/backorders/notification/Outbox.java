package shop.backorders.notification;

import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import shop.backorders.changes.BackorderChange;
import shop.backorders.changes.BeforeCommit;
import shop.backorders.changes.Changes;
import shop.backorders.inventory.AllocationPolicy;
import shop.backorders.inventory.StockLocks;
import shop.backorders.notification.MailQueue.BackorderMail;
import shop.backorders.shared.ShopClock;
import shop.backorders.shared.ShopConfig;

/**
 * Queues the mails a transaction's changes call for, in that transaction: they are sent (by
 * {@link MailDispatcher}) only if it commits, and never from inside it.
 */
@ApplicationScoped
public class Outbox implements BeforeCommit {

    /** The mail each change calls for; none for a partial fill or an accepted date. Estimates: see below. */
    private static final Map<BackorderChange, NotificationKind> KINDS = Map.of(
            BackorderChange.CREATED, NotificationKind.BACKORDER_CREATED,
            BackorderChange.ALLOCATED, NotificationKind.ALLOCATED,
            BackorderChange.PARTIALLY_SHIPPED, NotificationKind.SHIPPED,
            BackorderChange.FULFILLED, NotificationKind.SHIPPED,
            BackorderChange.CANCELLED, NotificationKind.CANCELLED);

    private final MailQueue mailQueue;
    private final StockAlerts alerts;
    private final StockLocks locks;
    private final ShopClock clock;
    private final Duration etaWindow;

    public Outbox(MailQueue mailQueue, StockAlerts alerts, StockLocks locks, ShopClock clock, ShopConfig config) {
        this.mailQueue = mailQueue;
        this.alerts = alerts;
        this.locks = locks;
        this.clock = clock;
        this.etaWindow = config.mail().etaWindow();
    }

    @Override
    public int order() {
        return MAIL;
    }

    @Override
    public Uni<Void> beforeCommit(Changes changes) {
        List<BackorderMail> mails = new ArrayList<>();
        changes.backorders().forEach((backorderId, change) -> {
            NotificationKind kind = KINDS.get(change);
            if (kind != null) {
                mails.add(new BackorderMail(backorderId, kind, null));
            }
            // Estimates are told whatever else happened: a slip asks, any other move informs (a mail about
            // a backorder that no longer waits, or that a question overtakes, is dropped as moot below).
            LocalDate previous = changes.previousEta(backorderId);
            if (changes.isConsentAsked(backorderId)) {
                mails.add(new BackorderMail(backorderId, NotificationKind.ETA_CONSENT, null));
            } else if (previous != null) {
                mails.add(new BackorderMail(backorderId, NotificationKind.ETA_CHANGED, previous));
            }
        });
        Uni<Void> queued = mails.isEmpty() ? Uni.createFrom().voidItem()
                : mailQueue.queueBackorderMails(mails, clock.now(), clock.now().plus(etaWindow));
        // A backorder created here has no earlier mail to make moot.
        List<Long> changed = changes.backorders().entrySet().stream()
                .filter(entry -> entry.getValue() != BackorderChange.CREATED).map(Map.Entry::getKey).toList();
        return queued
                .chain(() -> mailQueue.queuePurchaseOrderMails(NotificationKind.PURCHASE_ORDER,
                        changes.purchaseOrdersSent(), clock.now()))
                .chain(() -> mailQueue.queuePurchaseOrderMails(NotificationKind.PURCHASE_ORDER_CANCELLED,
                        changes.purchaseOrdersCancelled(), clock.now()))
                .chain(() -> changed.isEmpty() ? Uni.createFrom().voidItem() : mailQueue.dropMoot(changed))
                // An order only ever makes a product less orderable: only other changes can end an alert.
                .chain(() -> alertIfOrderable(changes.products().stream()
                        .filter(changes::queueOrSupplyChanged).toList()));
    }

    /**
     * Tells everyone waiting for one of these products that became orderable. Runs under the products'
     * stock locks, so no change to them slips between the check and the alert.
     */
    Uni<Void> alertIfOrderable(Collection<Long> productIds) {
        if (productIds.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return alerts.withOpenAlerts(productIds).chain(awaited -> awaited.isEmpty()
                ? Uni.createFrom().voidItem()
                : locks.read(awaited).chain(stocks -> {
                    List<Long> orderable = stocks.stream()
                            .filter(stock -> AllocationPolicy.acceptsOrders(stock, clock.today()))
                            .map(stock -> stock.productId()).toList();
                    return orderable.isEmpty() ? Uni.createFrom().voidItem()
                            : alerts.queueStockAlerts(orderable, clock.now()).replaceWithVoid();
                }));
    }
}
