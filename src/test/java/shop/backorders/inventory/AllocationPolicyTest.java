package shop.backorders.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

import shop.backorders.catalog.BackorderPolicy;
import shop.backorders.shared.ShopException;

/** The allocation decision on its own, on stock numbers as they would be read under the lock. */
class AllocationPolicyTest {

    private static final LocalDate TODAY = LocalDate.parse("2026-12-02");

    @Test
    void takesWhatIsAvailableAndBackordersTheRest() {
        assertEquals(new Reservation(3, 0, false), decide(stock(BackorderPolicy.ALLOW, 10, 7, 0), 3));
        assertEquals(new Reservation(3, 2, false), decide(stock(BackorderPolicy.ALLOW, 10, 7, 0), 5));
        assertEquals(new Reservation(0, 4, false), decide(stock(BackorderPolicy.ALLOW, 2, 2, 0), 4));
    }

    @Test
    void whileAnyoneWaitsNewOrdersQueueBehindThemEvenWithUnitsOnHand() {
        assertEquals(new Reservation(0, 1, false), decide(stock(BackorderPolicy.ALLOW, 10, 0, 3), 1));
    }

    @Test
    void denyRefusesWhatIsNotOnHand() {
        assertEquals(new Reservation(2, 0, false), decide(stock(BackorderPolicy.DENY, 2, 0, 0), 2));
        assertRefused("OUT_OF_STOCK", stock(BackorderPolicy.DENY, 2, 0, 0), 3);
        assertFalse(AllocationPolicy.acceptsOrders(stock(BackorderPolicy.DENY, 2, 2, 0), TODAY));
        assertTrue(AllocationPolicy.acceptsOrders(stock(BackorderPolicy.DENY, 3, 2, 0), TODAY));
    }

    @Test
    void allowLimitedHoldsTheCapOnUnitsWaiting() {
        LockedStock capped = new LockedStock(1, "CAP", 0, 0, 8, BackorderPolicy.ALLOW_LIMITED, 10, null, false, 14);
        assertEquals(new Reservation(0, 2, false), decide(capped, 2));
        assertRefused("BACKORDER_LIMIT_EXCEEDED", capped, 3);
        LockedStock full = new LockedStock(1, "CAP", 0, 0, 10, BackorderPolicy.ALLOW_LIMITED, 10, null, false, 14);
        assertFalse(AllocationPolicy.acceptsOrders(full, TODAY));
    }

    @Test
    void aPreorderWaitsWholeUntilItsReleaseDayThenActsAsAllow() {
        LockedStock held = new LockedStock(1, "PRE", 5, 0, 0, BackorderPolicy.PREORDER, null, TODAY.plusDays(1), false,
                14);
        assertEquals(new Reservation(0, 2, true), decide(held, 2));
        LockedStock released = new LockedStock(1, "PRE", 5, 0, 0, BackorderPolicy.PREORDER, null, TODAY, true, 14);
        assertEquals(new Reservation(2, 0, false), decide(released, 2));
    }

    @Test
    void aQuantityBelowOneIsRefused() {
        assertRefused("INVALID_QUANTITY", stock(BackorderPolicy.ALLOW, 5, 0, 0), 0);
        assertRefused("INVALID_QUANTITY", stock(BackorderPolicy.ALLOW, 5, 0, 0), -1);
    }

    private static Reservation decide(LockedStock stock, int quantity) {
        return AllocationPolicy.decide(stock, quantity, TODAY);
    }

    private static void assertRefused(String code, LockedStock stock, int quantity) {
        ShopException refused = assertThrows(ShopException.class, () -> decide(stock, quantity));
        assertEquals(code, refused.code().name());
    }

    private static LockedStock stock(BackorderPolicy policy, int onHand, int allocated, int backordered) {
        return new LockedStock(1, "SKU-1", onHand, allocated, backordered, policy, null, null, false, 14);
    }
}
