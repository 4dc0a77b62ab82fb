package shop.backorders.api.view;

import java.math.BigDecimal;
import java.util.Currency;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

@Name("Money")
@Description("An amount of money in a currency.")
public record Money(
        @NonNull @Description("The amount as a decimal string with the shop's 2 decimals, such as \"19.90\": add"
                + " amounts as decimals, not as binary floats.") Decimal amount,
        @NonNull @Description("The currency's ISO 4217 code, such as EUR.") String currencyCode) {

    public static Money of(BigDecimal amount, Currency currency) {
        return new Money(new Decimal(amount), currency.getCurrencyCode());
    }
}
