package shop.backorders.notification;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import shop.backorders.changes.Transactions;
import shop.backorders.inventory.StockLocks;
import shop.backorders.shared.Caller;
import shop.backorders.shared.Page;
import shop.backorders.shared.ShopClock;
import shop.backorders.shared.ShopException;

/** What staff and customers do with mail: see the outbox, retry a failed mail, ask to be told of stock. */
@ApplicationScoped
public class NotificationService {

    private final StaffOutbox staffOutbox;
    private final StockAlerts alerts;
    private final Outbox outbox;
    private final StockLocks locks;
    private final Transactions transactions;
    private final ShopClock clock;

    public NotificationService(StaffOutbox staffOutbox, StockAlerts alerts, Outbox outbox, StockLocks locks,
            Transactions transactions, ShopClock clock) {
        this.staffOutbox = staffOutbox;
        this.alerts = alerts;
        this.outbox = outbox;
        this.locks = locks;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** Mails in one state (or all), newest first. */
    public Uni<Page<Notification>> list(NotificationStatus status, long beforeId, int size) {
        return staffOutbox.list(status, beforeId, Page.checkedSize(size) + 1).map(found -> Page.of(found, size));
    }

    /** Puts a FAILED mail back in line, with fresh attempts. */
    public Uni<Notification> retry(long id) {
        return transactions.inTransaction(changes -> staffOutbox.find(id)
                .onItem().ifNull().failWith(() -> ShopException.notFound("Notification", id))
                .chain(found -> staffOutbox.retry(id, clock.now()).invoke(retried -> {
                    if (!retried) {
                        throw ShopException.invalidState(found.status() == NotificationStatus.FAILED
                                ? "Notification " + id + " tells a date a newer mail replaced"
                                : "Notification " + id + " is " + found.status()
                                        + "; only a FAILED one can be retried");
                    }
                })))
                .chain(() -> staffOutbox.find(id));
    }

    /**
     * Asks for one mail when the product can be ordered again; at once if it already can. Under the
     * product's stock lock, so a change making it orderable cannot pass unseen. False if this address
     * already waits for it.
     */
    public Uni<Boolean> notifyWhenAvailable(String sku, String email, Caller caller) {
        String address = caller.customerFor("email", email);
        return transactions.inTransaction(changes -> locks.lock(sku)
                .chain(stock -> alerts.addAlert(stock.productId(), address, clock.now())
                        .call(() -> outbox.alertIfOrderable(List.of(stock.productId())))));
    }

    /** Withdraws a request to be told; false if there was none open. */
    public Uni<Boolean> stopNotifyingWhenAvailable(String sku, String email, Caller caller) {
        String address = caller.customerFor("email", email);
        return transactions.inTransaction(changes -> locks.lock(sku)
                .chain(stock -> alerts.removeAlert(stock.productId(), address)));
    }
}
