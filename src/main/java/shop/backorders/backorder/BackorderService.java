package shop.backorders.backorder;

import java.time.LocalDate;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import shop.backorders.changes.BackorderChange;
import shop.backorders.changes.Changes;
import shop.backorders.changes.Transactions;
import shop.backorders.inventory.LockedStock;
import shop.backorders.inventory.StockLedger;
import shop.backorders.inventory.StockLocks;
import shop.backorders.shared.Caller;
import shop.backorders.shared.Page;
import shop.backorders.shared.Sequence;
import shop.backorders.shared.ShopClock;
import shop.backorders.shared.ShopConfig;
import shop.backorders.shared.ShopConfig.Eta.WhenSilent;
import shop.backorders.shared.ShopException;
import shop.backorders.shared.SingleRunner;
import shop.backorders.shared.SingleRunner.Job;

@ApplicationScoped
public class BackorderService {

    private static final Logger LOG = Logger.getLogger(BackorderService.class);

    private final BackorderRepository backorders;
    private final ActionLinks links;
    private final StockLocks locks;
    private final StockLedger ledger;
    private final Transactions transactions;
    private final ShopClock clock;
    private final SingleRunner runner;
    private final WhenSilent consentDefault;

    public BackorderService(BackorderRepository backorders, ActionLinks links, StockLocks locks,
            StockLedger ledger, Transactions transactions, ShopClock clock, SingleRunner runner,
            ShopConfig config) {
        this.backorders = backorders;
        this.links = links;
        this.locks = locks;
        this.ledger = ledger;
        this.transactions = transactions;
        this.clock = clock;
        this.runner = runner;
        this.consentDefault = config.eta().consentDefault();
    }

    /**
     * Cancels a backorder: its waiting units leave the queue, its allocated units go to the next in
     * line. The rest of its order line (units allocated at once) is untouched.
     */
    public Uni<Long> cancelBackorder(long backorderId, Caller caller) {
        return underLock(backorderId, caller, (backorder, locked, changes) -> cancel(backorder, locked, changes));
    }

    /**
     * The customer accepts the date their backorder slipped to: it becomes the new promise. They may name
     * the date they agree to (the one they were asked about, or the current one); never another.
     */
    public Uni<Long> acceptNewEta(long backorderId, LocalDate shown, Caller caller) {
        return underLock(backorderId, caller, (backorder, locked, changes) -> acceptAsked(backorder, shown, changes));
    }

    /** A link from a mail and the backorder it is about, for a page that asks the customer to confirm. */
    public record LinkedBackorder(ActionLinks.Link link, BackorderState backorder) {
    }

    /**
     * What a link from a mail allows, with the backorder as it is now; nothing changes. A link that can no
     * longer act is refused as redeeming it would be, so the page does not ask to confirm what cannot happen.
     */
    public Uni<LinkedBackorder> openLink(String token) {
        return Uni.createFrom().item(() -> links.verify(token))
                .chain(link -> backorders.linkRedeemed(link.backorderId(), link.consentDeadline())
                        .chain(redeemed -> find(link.backorderId(), Caller.STAFF).map(found -> {
                            if (found == null) {
                                throw ShopException.notFound("Backorder", link.backorderId());
                            }
                            link.checkAnswers(redeemed, found.status(),
                                    found.eta() == null ? null : found.eta().consentDeadline());
                            return new LinkedBackorder(link, found);
                        })));
    }

    /**
     * Does what a link from a mail allows. The shop signed it for this backorder, action and question, so it
     * speaks for the customer without a sign-in; it acts once, and only while that question is open.
     */
    public Uni<Long> redeemLink(String token) {
        return Uni.createFrom().item(() -> links.verify(token))
                .chain(link -> underLock(link.backorderId(), Caller.STAFF, (backorder, locked, changes) -> backorders
                        .redeemLink(backorder.id, link.consentDeadline(), link.action().name(), clock.now())
                        .chain(first -> {
                            link.checkAnswers(!first, backorder.status, backorder.consentDeadline);
                            return switch (link.action()) {
                                case ACCEPT_NEW_DATE -> acceptAsked(backorder, link.date(), changes);
                                case CANCEL -> cancel(backorder, locked, changes);
                            };
                        })));
    }

    /**
     * Revisits estimates that time alone makes stale: a date passed unfilled slips, and an unanswered
     * request for consent past its deadline gets the configured default answer. Each product, and each
     * answer, in its own transaction: one that fails is logged and retried next run, the rest go on. One
     * replica at a time.
     */
    @Scheduled(every = "${shop.eta.refresh-every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    public Uni<Void> refreshEstimates() {
        return runner.once(Job.ETA_REFRESH, () -> refreshEstimates(consentDefault)).replaceWithVoid();
    }

    /** As {@link #refreshEstimates()}, with silence answered as given: tests try both answers on one app. */
    Uni<Void> refreshEstimates(WhenSilent whenSilent) {
        return backorders.productsToRevisit(clock.today(), clock.now())
                .chain(products -> Sequence.forEach(products, productId -> revisit(productId, whenSilent)
                        .onFailure().recoverWithItem(failure -> {
                            LOG.warnf(failure, "Revisiting the estimates of product %d failed; the next run tries"
                                    + " again", productId);
                            return null;
                        })))
                .onFailure().recoverWithItem(failure -> {
                    LOG.warn("Refreshing estimates failed; the next run tries again", failure);
                    return null;
                });
    }

    private Uni<Void> revisit(long productId, WhenSilent whenSilent) {
        return transactions.inTransaction(changes -> locks.lock(List.of(productId))
                .invoke(() -> changes.stock(productId)))
                .chain(() -> backorders.consentsDue(productId, clock.now()))
                .chain(due -> Sequence.forEach(due, backorderId -> underLock(backorderId, Caller.STAFF,
                        (backorder, locked, changes) -> {
                            if (backorder.status != BackorderStatus.WAITING || backorder.consentDeadline == null
                                    || backorder.consentDeadline.isAfter(clock.now())) {
                                return Uni.createFrom().voidItem(); // filled, answered or asked again meanwhile
                            }
                            // Silence keeps the order at the date asked about; if the estimate moved further
                            // meanwhile, the customer is asked again.
                            return whenSilent == WhenSilent.CANCEL ? cancel(backorder, locked, changes)
                                    : accept(backorder, backorder.consentEta, changes);
                        })));
    }

    private Uni<Void> cancel(Backorder backorder, LockedStock locked, Changes changes) {
        if (backorder.status != BackorderStatus.WAITING && backorder.status != BackorderStatus.ALLOCATED) {
            throw ShopException.invalidState("Backorder " + backorder.id + " is " + backorder.status
                    + " and can no longer be cancelled");
        }
        return ledger.cancel(locked, backorder.orderLineId, backorder.allocated - backorder.shipped,
                backorder.waiting(), changes);
    }

    /** Accepts the date the open question is about, or the current one if the customer was shown that instead. */
    private Uni<Void> acceptAsked(Backorder backorder, LocalDate shown, Changes changes) {
        if (backorder.status != BackorderStatus.WAITING || backorder.consentRequestedAt == null) {
            throw ShopException.invalidState("Backorder " + backorder.id + " has no new date waiting for an answer");
        }
        LocalDate accepted = shown == null ? backorder.consentEta : shown;
        if (!accepted.equals(backorder.consentEta) && !accepted.equals(backorder.eta)) {
            throw ShopException.invalidState("Backorder " + backorder.id + " is expected on " + backorder.eta
                    + ", not " + shown + "; show the customer the current date");
        }
        return accept(backorder, accepted, changes);
    }

    private Uni<Void> accept(Backorder backorder, LocalDate date, Changes changes) {
        changes.backorder(backorder.id, backorder.orderId, backorder.product.id, BackorderChange.ETA_ACCEPTED);
        return backorders.acceptEstimate(backorder.id, date).replaceWithVoid();
    }

    private interface Step {
        Uni<Void> apply(Backorder backorder, LockedStock locked, Changes changes);
    }

    /**
     * Runs a step on a backorder in a transaction, under its product's stock lock. Another customer's
     * backorder is not found.
     */
    private Uni<Long> underLock(long backorderId, Caller caller, Step step) {
        return transactions.inTransaction(changes -> checkVisible(backorderId, caller)
                .chain(() -> backorders.productIdOf(backorderId))
                .onItem().ifNull().failWith(() -> ShopException.notFound("Backorder", backorderId))
                .chain(productId -> locks.lock(List.of(productId))
                        .chain(locked -> backorders.findWithProduct(backorderId)
                                .chain(backorder -> step.apply(backorder, locked.get(productId), changes)))))
                .replaceWith(backorderId);
    }

    /** Passes if the backorder exists and is the caller's to see; NOT_FOUND, as for none at all, if not. */
    private Uni<Void> checkVisible(long backorderId, Caller caller) {
        return backorders.customerOf(backorderId)
                .invoke(customer -> caller.checkOwns(customer, "Backorder", backorderId)).replaceWithVoid();
    }

    /** The backorder as this caller may see it: null if there is none, or it is another customer's. */
    public Uni<BackorderState> find(long backorderId, Caller caller) {
        return backorders.states(List.of(backorderId)).map(found -> found.isEmpty()
                || !caller.owns(found.get(0).customerEmail()) ? null : found.get(0));
    }

    /** Backorders matching the filter, of the caller's own if they are a customer. */
    public Uni<Page<BackorderState>> search(BackorderFilter filter, Caller caller, long afterFifoKey, int size) {
        return backorders.search(filter.seenBy(caller), afterFifoKey, Page.checkedSize(size) + 1)
                .map(found -> Page.of(found, size));
    }

    /**
     * The waiting backorders matching a filter {@link BackorderFilter#seenBy seen by} the caller, and these
     * others as they are now, read together (see {@link BackorderRepository#waiting}).
     */
    public Uni<List<VersionedBackorder>> waiting(BackorderFilter filter, List<Long> others) {
        return backorders.waiting(filter, others);
    }

    public Uni<List<BackorderState>> findByOrder(long orderId) {
        return backorders.statesOfOrder(orderId);
    }
}
