package shop.backorders.live;

import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import shop.backorders.backorder.BackorderFilter;
import shop.backorders.backorder.BackorderService;
import shop.backorders.backorder.BackorderState;
import shop.backorders.backorder.BackorderStatus;
import shop.backorders.backorder.WaitingBackorder;
import shop.backorders.changes.BackorderChange;
import shop.backorders.changes.Changes.QueueExit;
import shop.backorders.inventory.InventoryService;
import shop.backorders.inventory.StockLedger;
import shop.backorders.inventory.StockedProduct;
import shop.backorders.ordering.OrderService;
import shop.backorders.ordering.OrderState;
import shop.backorders.shared.Caller;
import shop.backorders.shared.ShopException;

/**
 * Live streams of committed changes for one subscriber each, filtered to what it watches. Queue moves
 * arrive as ranges of FIFO keys and are expanded here, only for the backorders someone watches.
 */
@ApplicationScoped
public class LiveUpdates {

    private final ChangeFeed feed;
    private final InventoryService inventory;
    private final OrderService orders;
    private final BackorderService backorders;

    public LiveUpdates(ChangeFeed feed, InventoryService inventory, OrderService orders,
            BackorderService backorders) {
        this.feed = feed;
        this.inventory = inventory;
        this.orders = orders;
        this.backorders = backorders;
    }

    /** The product after every change to its stock or queue; its current state again after a resync. */
    public Multi<StockedProduct> stock(String sku, Subscriber subscriber) {
        return snapshots(subscriber, () -> inventory.findBySku(sku).onItem().ifNull()
                        .failWith(() -> StockLedger.unknownProduct(sku)),
                event -> event.products().stream().filter(product -> product.sku().equals(sku)).toList());
    }

    /**
     * The order after every change to it or its lines; its current state again after a resync. Another
     * customer's order is not found.
     */
    public Multi<OrderState> order(long orderId, Caller caller, Subscriber subscriber) {
        return snapshots(subscriber, () -> orders.findOrder(orderId, caller).onItem().ifNull()
                        .failWith(() -> ShopException.notFound("Order", orderId)),
                event -> event.orders().stream().filter(order -> order.id() == orderId).toList());
    }

    /** A watch of one thing's snapshots, as each change carries them; after a resync, its current state. */
    private <S> Multi<S> snapshots(Subscriber subscriber, Supplier<Uni<S>> current,
            Function<ChangeEvent, List<S>> pick) {
        return Watch.run(feed, subscriber, () -> new Watch<S, S>() {
            private boolean resynced;

            @Override
            Uni<S> start() {
                return current.get();
            }

            @Override
            void started(S state) {
                if (resynced) {
                    send(state);
                }
            }

            @Override
            void changed(ChangeEvent event) {
                resynced = event == ChangeEvent.RESYNC;
                pick.apply(event).forEach(this::send);
            }

            @Override
            Object keyOf(S state) {
                return "the one thing watched";
            }
        });
    }

    /**
     * What happens to the backorders matching the filter: their own changes, and their moves up the
     * queue as those ahead leave it. A customer watches only their own, whatever the filter says.
     */
    public Multi<BackorderEvent> backorders(BackorderFilter asked, Caller caller, Subscriber subscriber) {
        BackorderFilter filter = asked.seenBy(caller);
        String email = filter.customerEmail() == null ? null : filter.customerEmail().trim();
        return Watch.run(feed, subscriber, () -> new Watch<List<WaitingBackorder>, BackorderEvent>() {
            /** The WAITING backorders watched, with their last known places. */
            private final Map<Long, BackorderState> waiting = new HashMap<>();
            /** Per product, the last version already reflected in what was sent. */
            private final Map<Long, Long> versions = new HashMap<>();

            @Override
            Uni<List<WaitingBackorder>> start() {
                return checkFilter(filter, caller).chain(() -> backorders.waiting(filter));
            }

            @Override
            void started(List<WaitingBackorder> current) {
                waiting.clear();
                current.forEach(entry -> {
                    waiting.put(entry.state().id(), entry.state());
                    versions.merge(entry.state().productId(), entry.productVersion(), Math::max);
                });
            }

            @Override
            void changed(ChangeEvent event) {
                if (event == ChangeEvent.RESYNC) {
                    send(BackorderEvent.resync());
                    return;
                }
                Set<Long> fresh = new HashSet<>();
                event.versions().forEach((product, version) -> {
                    if (version > versions.getOrDefault(product, 0L)) {
                        fresh.add(product);
                    }
                });
                Set<Long> changedHere = new HashSet<>();
                for (ChangeEvent.BackorderUpdate update : event.backorders()) {
                    BackorderState state = update.state();
                    if (!fresh.contains(state.productId()) || !matches(state)) {
                        continue;
                    }
                    changedHere.add(state.id());
                    if (state.status() == BackorderStatus.WAITING) {
                        waiting.put(state.id(), state);
                    } else {
                        waiting.remove(state.id());
                    }
                    send(new BackorderEvent(update.change(), state));
                }
                moveUp(event, fresh, changedHere);
                event.versions().forEach((product, version) -> versions.merge(product, version, Math::max));
            }

            /** Everyone watched behind a queue exit moves up by the number that left ahead of them. */
            private void moveUp(ChangeEvent event, Set<Long> fresh, Set<Long> changedHere) {
                Map<Long, Integer> places = new HashMap<>();
                for (QueueExit exit : event.queueExits()) {
                    if (!fresh.contains(exit.productId())) {
                        continue;
                    }
                    waiting.values().stream()
                            .filter(state -> state.productId() == exit.productId()
                                    && state.fifoKey() > exit.throughKey() && !changedHere.contains(state.id()))
                            .forEach(state -> places.merge(state.id(), exit.count(), Integer::sum));
                }
                // In queue order, so a subscriber sees the line move up from its head.
                places.keySet().stream().map(waiting::get)
                        .sorted(Comparator.comparingLong(BackorderState::fifoKey))
                        .forEach(state -> {
                            BackorderState moved = state.movedUp(places.get(state.id()));
                            waiting.put(state.id(), moved);
                            send(new BackorderEvent(BackorderChange.QUEUE_POSITION_CHANGED, moved));
                        });
            }

            @Override
            Object keyOf(BackorderEvent event) {
                return event.isResync() ? "resync" : event.backorder().id();
            }

            private boolean matches(BackorderState state) {
                return (filter.sku() == null || filter.sku().equals(state.sku()))
                        && (filter.orderId() == null || filter.orderId() == state.orderId())
                        && (email == null || email.equalsIgnoreCase(state.customerEmail()));
            }
        });
    }

    /** A filter naming a product or order that does not exist is an error at once, not a silent stream. */
    private Uni<Void> checkFilter(BackorderFilter filter, Caller caller) {
        Uni<Void> sku = filter.sku() == null ? Uni.createFrom().voidItem()
                : inventory.findBySku(filter.sku()).onItem().ifNull()
                        .failWith(() -> StockLedger.unknownProduct(filter.sku())).replaceWithVoid();
        return sku.chain(() -> filter.orderId() == null ? Uni.createFrom().voidItem()
                : orders.findOrder(filter.orderId(), caller).onItem().ifNull()
                        .failWith(() -> ShopException.notFound("Order", filter.orderId())).replaceWithVoid());
    }
}
