package shop.backorders.ordering;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;

import shop.backorders.shared.ShopException;

/** What an order request becomes before it touches stock, and how its retries are recognised: no database. */
class OrderRequestTest {

    @Test
    void linesOfOneSkuAreMergedInTheOrderGivenAndTheAddressTrimmed() {
        PlaceOrder normalised = new PlaceOrder(" a@example.com ",
                List.of(line("B", 2), line("A", 1), line("B", 3)), null, "key-1", null).normalised();
        assertEquals(new PlaceOrder("a@example.com", List.of(line("B", 5), line("A", 1)), Shipping.SHIP_AVAILABLE,
                "key-1", null), normalised);
    }

    @Test
    void malformedRequestsAreRefusedWithTheirCodes() {
        assertRefused("INVALID_INPUT", new PlaceOrder("not-an-address", List.of(line("A", 1)), null, null, null));
        assertRefused("INVALID_INPUT", new PlaceOrder("a@example.com", List.of(), null, null, null));
        assertRefused("INVALID_INPUT", new PlaceOrder("a@example.com", Collections.nCopies(101, line("A", 1)), null,
                null, null));
        assertRefused("INVALID_INPUT", new PlaceOrder("a@example.com", List.of(line(" ", 1)), null, null, null));
        assertRefused("INVALID_QUANTITY", new PlaceOrder("a@example.com", List.of(line("A", 0)), null, null, null));
        assertRefused("INVALID_QUANTITY", new PlaceOrder("a@example.com", List.of(line("A", 1_000_001)), null,
                null, null));
        assertRefused("INVALID_QUANTITY", new PlaceOrder("a@example.com",
                List.of(line("A", 600_000), line("A", 600_000)), null, null, null));
        assertRefused("INVALID_INPUT", new PlaceOrder("a@example.com", List.of(line("A", 1)), null, " ", null));
        assertRefused("INVALID_INPUT", new PlaceOrder("a@example.com", List.of(line("A", 1)), null, "k".repeat(101),
                null));
    }

    @Test
    void aRetryHasTheFingerprintOfTheFirstAndAnotherOrderAnother() {
        String first = fingerprint("a@example.com", Shipping.SHIP_AVAILABLE, line("A", 1), line("B", 2));
        assertEquals(first, fingerprint("A@Example.com", Shipping.SHIP_AVAILABLE, line("B", 2), line("A", 1)));
        assertNotEquals(first, fingerprint("a@example.com", Shipping.SHIP_AVAILABLE, line("A", 1), line("B", 3)));
        assertNotEquals(first, fingerprint("a@example.com", Shipping.SHIP_COMPLETE, line("A", 1), line("B", 2)));
        assertNotEquals(first, fingerprint("b@example.com", Shipping.SHIP_AVAILABLE, line("A", 1), line("B", 2)));
    }

    private static String fingerprint(String email, Shipping shipping, PlaceOrder.Line... lines) {
        return new PlaceOrder(email, List.of(lines), shipping, "key", null).normalised().fingerprint();
    }

    private static void assertRefused(String code, PlaceOrder request) {
        ShopException refused = assertThrows(ShopException.class, request::normalised);
        assertEquals(code, refused.code().name());
    }

    private static PlaceOrder.Line line(String sku, int quantity) {
        return new PlaceOrder.Line(sku, quantity);
    }
}
