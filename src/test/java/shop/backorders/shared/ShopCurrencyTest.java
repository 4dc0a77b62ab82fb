package shop.backorders.shared;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Currency;

import org.junit.jupiter.api.Test;

/** shop.currency: an ISO 4217 code whose amounts fit the 2 decimals prices keep; anything else stops the start. */
class ShopCurrencyTest {

    private final ShopConfig.CurrencyCode converter = new ShopConfig.CurrencyCode();

    @Test
    void takesIsoCodesWithAtMostTwoDecimals() {
        assertEquals(Currency.getInstance("EUR"), converter.convert("EUR"));
        assertEquals(Currency.getInstance("USD"), converter.convert("USD"));
        assertEquals(Currency.getInstance("JPY"), converter.convert("JPY"));
    }

    @Test
    void refusesUnknownCodesAndCurrenciesWithMoreDecimals() {
        for (String code : new String[] { "XYZ", "eur", "EURO", "", "BHD", "KWD", "XAU" }) {
            assertThrows(IllegalArgumentException.class, () -> converter.convert(code), code);
        }
    }
}
