package shop.backorders.backorder;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import shop.backorders.changes.Changes;
import shop.backorders.inventory.AllocationRule;
import shop.backorders.shared.Page;
import shop.backorders.shared.ShopException;
import shop.backorders.shared.Transactions;

@ApplicationScoped
public class BackorderService {

    private final BackorderRepository backorders;
    private final AllocationRule allocation;
    private final Transactions transactions;

    public BackorderService(BackorderRepository backorders, AllocationRule allocation, Transactions transactions) {
        this.backorders = backorders;
        this.allocation = allocation;
        this.transactions = transactions;
    }

    /**
     * Cancels a backorder: its waiting units leave the queue, its allocated units go to the next in
     * line. The rest of its order line (units allocated at once) is untouched.
     */
    public Uni<Long> cancelBackorder(long backorderId) {
        return transactions.inTransaction(changes -> backorders.productIdOf(backorderId)
                .onItem().ifNull().failWith(() -> ShopException.notFound("Backorder", backorderId))
                .chain(productId -> allocation.lock(List.of(productId), changes)
                        .chain(locked -> backorders.findWithProduct(backorderId).chain(backorder -> {
                            if (backorder.status != BackorderStatus.WAITING
                                    && backorder.status != BackorderStatus.ALLOCATED) {
                                throw ShopException.invalidState("Backorder " + backorderId + " is "
                                        + backorder.status + " and can no longer be cancelled");
                            }
                            return allocation.cancel(locked.get(productId), backorder.orderLineId,
                                    backorder.allocated - backorder.shipped, backorder.waiting(), changes);
                        }))))
                .replaceWith(backorderId);
    }

    public Uni<BackorderState> find(long backorderId) {
        return backorders.findWithProduct(backorderId).chain(found -> found == null ? Uni.createFrom().nullItem()
                : withPositions(List.of(found)).map(states -> states.get(0)));
    }

    public Uni<Page<BackorderState>> search(BackorderFilter filter, long afterFifoKey, int size) {
        return backorders.search(filter, afterFifoKey, Page.checkedSize(size) + 1)
                .chain(this::withPositions)
                .map(found -> Page.of(found, size));
    }

    public Uni<List<BackorderRepository.Waiting>> waiting(BackorderFilter filter) {
        return backorders.waiting(filter);
    }

    public Uni<List<BackorderState>> findByOrder(long orderId) {
        return backorders.findByOrder(orderId).chain(this::withPositions);
    }

    /** States of these backorders with their places in line, found in one query. */
    private Uni<List<BackorderState>> withPositions(List<Backorder> found) {
        if (found.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return backorders.queuePositions(found.stream().map(backorder -> backorder.id).toList())
                .map(positions -> found.stream()
                        .map(backorder -> BackorderState.of(backorder, positions.get(backorder.id)))
                        .toList());
    }
}
