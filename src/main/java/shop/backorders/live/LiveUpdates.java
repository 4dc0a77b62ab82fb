package shop.backorders.live;

import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.BiPredicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import shop.backorders.backorder.BackorderEta;
import shop.backorders.backorder.BackorderFilter;
import shop.backorders.backorder.BackorderService;
import shop.backorders.backorder.BackorderState;
import shop.backorders.backorder.BackorderStatus;
import shop.backorders.backorder.VersionedBackorder;
import shop.backorders.changes.BackorderChange;
import shop.backorders.changes.Changes.QueueExit;
import shop.backorders.inventory.InventoryService;
import shop.backorders.inventory.StockLocks;
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
    private final SubscriptionQuotas quotas;
    private final InventoryService inventory;
    private final OrderService orders;
    private final BackorderService backorders;

    public LiveUpdates(ChangeFeed feed, SubscriptionQuotas quotas, InventoryService inventory, OrderService orders,
            BackorderService backorders) {
        this.feed = feed;
        this.quotas = quotas;
        this.inventory = inventory;
        this.orders = orders;
        this.backorders = backorders;
    }

    /**
     * The product after every change to its stock or queue; its current state again after a resync. Anyone may
     * watch it; the caller decides which quotas the watch counts against.
     */
    public Multi<StockedProduct> stock(String sku, Caller caller, Subscriber subscriber) {
        return snapshots(caller, subscriber, () -> inventory.findBySku(sku).onItem().ifNull()
                        .failWith(() -> StockLocks.unknownProduct(sku)),
                // A change committed before the starting read may reach the feed after it: only newer versions.
                (event, last) -> event.products().stream().filter(product -> product.sku().equals(sku)
                        && (last == null || product.version() > last.version())).toList(),
                (product, event) -> false);
    }

    /**
     * The order after every change to it or its lines; its current state again after a resync. Another
     * customer's order is not found.
     */
    public Multi<OrderState> order(long orderId, Caller caller, Subscriber subscriber) {
        return snapshots(caller, subscriber, () -> orders.findOrder(orderId, caller).onItem().ifNull()
                        .failWith(() -> ShopException.notFound("Order", orderId)),
                (event, last) -> event.orders().stream().filter(order -> order.id() == orderId).toList(),
                (order, event) -> event.products().stream().anyMatch(product -> event.bulkChanged(product.id())
                        && order.lines().stream().anyMatch(line -> line.sku().equals(product.sku()))));
    }

    /**
     * A watch of one thing's snapshots, as each change carries them; after a resync, or a bulk change
     * ({@code bulkChanged}) that carries none, its current state.
     */
    private <S> Multi<S> snapshots(Caller caller, Subscriber subscriber, Supplier<Uni<S>> current,
            BiFunction<ChangeEvent, S, List<S>> pick, BiPredicate<S, ChangeEvent> bulkChanged) {
        return watch(caller, subscriber, () -> new Watch<S, S>() {
            private boolean resynced;
            private S last;

            @Override
            Uni<S> start() {
                return current.get();
            }

            @Override
            void started(S state) {
                last = state;
                if (resynced) {
                    send(state);
                }
            }

            @Override
            void changed(ChangeEvent event) {
                resynced = event == ChangeEvent.RESYNC;
                pick.apply(event, last).forEach(this::send);
            }

            @Override
            boolean needsRefresh(ChangeEvent event) {
                return event.bulk() && bulkChanged.test(last, event);
            }

            @Override
            void refreshed(S state) {
                if (!state.equals(last)) {
                    send(state);
                }
            }

            @Override
            void send(S state) {
                last = state;
                super.send(state);
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
        String email = filter.customerEmail();
        return watch(caller, subscriber, () -> new Watch<List<VersionedBackorder>, BackorderEvent>() {
            /** The WAITING backorders watched, with their last known places. */
            private final Map<Long, BackorderState> waiting = new HashMap<>();
            /** Per product, the last version already reflected in what was sent. */
            private final Map<Long, Long> versions = new HashMap<>();

            @Override
            Uni<List<VersionedBackorder>> start() {
                return checkFilter(filter, caller).chain(() -> backorders.waiting(filter, List.of()));
            }

            @Override
            void started(List<VersionedBackorder> current) {
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
            boolean needsRefresh(ChangeEvent event) {
                return event.bulk() && waiting.values().stream().anyMatch(state -> event.bulkChanged(state.productId())
                        && event.versions().get(state.productId()) > versions.getOrDefault(state.productId(), 0L));
            }

            /**
             * The backorders waiting now and those watched so far, in one statement: read apart, a change
             * committed between the two would count as seen and never be told.
             */
            @Override
            Uni<List<VersionedBackorder>> refresh() {
                return backorders.waiting(filter, List.copyOf(waiting.keySet()));
            }

            /** Tells what changed in each watched backorder, as the events of the bulk change would have. */
            @Override
            void refreshed(List<VersionedBackorder> current) {
                current.stream().sorted(Comparator.comparingLong(found -> found.state().fifoKey())).forEach(found -> {
                    BackorderState now = found.state();
                    BackorderChange change = changeBetween(waiting.get(now.id()), now);
                    versions.merge(now.productId(), found.productVersion(), Math::max);
                    if (now.status() == BackorderStatus.WAITING) {
                        waiting.put(now.id(), now);
                    } else {
                        waiting.remove(now.id());
                    }
                    if (change != null) {
                        send(new BackorderEvent(change, now));
                    }
                });
            }

            @Override
            Object keyOf(BackorderEvent event) {
                return event.isResync() ? "resync" : event.backorder().id();
            }

            private boolean matches(BackorderState state) {
                return (filter.sku() == null || filter.sku().equals(state.sku()))
                        && (filter.orderId() == null || filter.orderId() == state.orderId())
                        && (email == null || email.equals(state.customerEmail()));
            }
        });
    }

    private <S, T> Multi<T> watch(Caller caller, Subscriber subscriber, Supplier<Watch<S, T>> create) {
        return Watch.run(feed, quotas, caller, subscriber, create);
    }

    /** What happened to a backorder between two readings of it, as its own events would say; null if nothing. */
    static BackorderChange changeBetween(BackorderState before, BackorderState now) {
        if (before == null) {
            return BackorderChange.CREATED;
        }
        if (now.status() != before.status()) {
            return switch (now.status()) {
                case ALLOCATED -> BackorderChange.ALLOCATED;
                case FULFILLED -> BackorderChange.FULFILLED;
                case CANCELLED -> BackorderChange.CANCELLED;
                case WAITING -> BackorderChange.PARTIALLY_ALLOCATED;
            };
        }
        if (now.shipped() != before.shipped()) {
            return BackorderChange.PARTIALLY_SHIPPED;
        }
        if (now.allocated() != before.allocated()) {
            return BackorderChange.PARTIALLY_ALLOCATED;
        }
        if (!Objects.equals(now.eta(), before.eta())) {
            return etaChange(before.eta(), now.eta());
        }
        return Objects.equals(now.queuePosition(), before.queuePosition()) ? null
                : BackorderChange.QUEUE_POSITION_CHANGED;
    }

    private static BackorderChange etaChange(BackorderEta before, BackorderEta now) {
        boolean askedBefore = before != null && before.consentDeadline() != null;
        boolean askedNow = now != null && now.consentDeadline() != null;
        if (askedNow && !askedBefore) {
            return BackorderChange.ETA_SLIPPED;
        }
        return askedBefore && !askedNow && now != null && now.date().equals(now.promised())
                ? BackorderChange.ETA_ACCEPTED : BackorderChange.ETA_CHANGED;
    }

    /** A filter naming a product or order that does not exist is an error at once, not a silent stream. */
    private Uni<Void> checkFilter(BackorderFilter filter, Caller caller) {
        Uni<Void> sku = filter.sku() == null ? Uni.createFrom().voidItem()
                : inventory.findBySku(filter.sku()).onItem().ifNull()
                        .failWith(() -> StockLocks.unknownProduct(filter.sku())).replaceWithVoid();
        return sku.chain(() -> filter.orderId() == null ? Uni.createFrom().voidItem()
                : orders.findOrder(filter.orderId(), caller).onItem().ifNull()
                        .failWith(() -> ShopException.notFound("Order", filter.orderId())).replaceWithVoid());
    }
}
