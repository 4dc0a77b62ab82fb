package shop.backorders.inventory;

import java.time.LocalDate;

import shop.backorders.catalog.BackorderPolicy;
import shop.backorders.shared.ErrorCode;
import shop.backorders.shared.ShopException;

/**
 * The allocation rule as a decision, on numbers read under the stock lock; it changes nothing:
 * {@link StockLedger} applies it, {@link QueueFill} fills the queue by it. An order line takes what is
 * available, unless earlier backorders wait (then it queues behind them, first come first served) or the
 * product is a pre-order before its release (then all of it waits); the rest waits if the policy allows
 * it and the cap holds, or the line is refused.
 */
public final class AllocationPolicy {

    /** Most units one receipt, adjustment or order line may move; far beyond any real shipment. */
    public static final int MAX_UNITS = 1_000_000;

    private AllocationPolicy() {
    }

    /** How much of a line is allocated now and how much waits; OUT_OF_STOCK or BACKORDER_LIMIT_EXCEEDED. */
    public static Reservation decide(LockedStock stock, int quantity, LocalDate today) {
        Decision decision = consider(stock, quantity, today);
        if (decision.refusal() != null) {
            throw decision.refusal();
        }
        return decision.split();
    }

    /**
     * The split of a line between now and waiting, and why it would be refused (null: it would not).
     *
     * @param split what would be allocated now and what would wait, as if the line were accepted
     */
    public record Decision(Reservation split, ShopException refusal) {
    }

    /** The decision {@link #decide} takes, without taking it: for showing a shopper before they order. */
    public static Decision consider(LockedStock stock, int quantity, LocalDate today) {
        if (quantity <= 0) {
            throw new ShopException(ErrorCode.INVALID_QUANTITY, "Quantity must be at least 1, got " + quantity);
        }
        Reservation reservation = split(stock, quantity, today);
        return new Decision(reservation, refusal(stock, reservation));
    }

    /** Whether a customer could order a unit of it now, at once or to wait: what stock alerts wait for. */
    public static boolean acceptsOrders(LockedStock stock, LocalDate today) {
        return refusal(stock, split(stock, 1, today)) == null;
    }

    private static Reservation split(LockedStock stock, int quantity, LocalDate today) {
        boolean preorder = stock.preorderOn(today);
        int allocated = preorder || stock.backordered() > 0 ? 0 : Math.min(quantity, Math.max(stock.available(), 0));
        return new Reservation(allocated, quantity - allocated, preorder && quantity > allocated);
    }

    private static ShopException refusal(LockedStock stock, Reservation reservation) {
        int backordered = reservation.backordered();
        if (backordered == 0) {
            return null;
        }
        int quantity = reservation.allocated() + backordered;
        if (stock.policy() == BackorderPolicy.DENY) {
            return new Refusal(ErrorCode.OUT_OF_STOCK, "Only " + reservation.allocated() + " of " + stock.sku()
                    + " available and it cannot be backordered; asked for " + quantity,
                    "Not that many of " + stock.sku() + " available, and it cannot be backordered");
        }
        if (stock.policy() == BackorderPolicy.ALLOW_LIMITED
                && stock.backordered() + backordered > stock.backorderLimit()) {
            return new Refusal(ErrorCode.BACKORDER_LIMIT_EXCEEDED, stock.sku() + " can take "
                    + Math.max(stock.backorderLimit() - stock.backordered(), 0) + " more units on backorder; "
                    + backordered + " would have to wait", stock.sku() + " cannot take that many more units on"
                    + " backorder");
        }
        return null;
    }

    /** A line refused for the units there are: told with the counts, or without them to those who see none. */
    public static final class Refusal extends ShopException {

        private final String withoutCounts;

        Refusal(ErrorCode code, String withCounts, String withoutCounts) {
            super(code, withCounts);
            this.withoutCounts = withoutCounts;
        }

        public ShopException withoutCounts() {
            return new ShopException(code(), withoutCounts);
        }
    }
}
