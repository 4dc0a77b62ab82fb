package shop.backorders.api.view;

import java.math.BigDecimal;
import java.util.regex.Pattern;

import org.eclipse.microprofile.graphql.Description;

import io.smallrye.graphql.api.CustomScalar;
import io.smallrye.graphql.api.CustomStringScalar;

/**
 * A decimal number sent as a string, such as "19.90": a JSON number becomes a binary float in JavaScript,
 * where 0.1 + 0.2 is 0.30000000000000004. Input takes the string, or a JSON number for clients written before
 * prices were strings, read from its decimal text (api.transport.DecimalCoercing), never through a double.
 * What amounts are allowed (at least 0, the currency's decimals) is the domain's rule, not the scalar's.
 */
@CustomScalar("Decimal")
@Description("A decimal number as a string, such as \"19.90\"; as input also a JSON number, such as 19.9.")
public final class Decimal implements CustomStringScalar {

    /** Plain decimal notation, as a person writes an amount: no exponent, no NaN or Infinity, no grouping. */
    private static final Pattern TEXT = Pattern.compile("-?[0-9]{1,30}(\\.[0-9]{1,30})?");
    /** Digits either side of the point, so that 1e400 or 1e-400 is refused before anyone computes with it. */
    private static final int MAX_DIGITS = 30;

    private final BigDecimal value;

    /** From a string in plain decimal notation; SmallRye also builds input values through this. */
    public Decimal(String text) {
        if (text == null || !TEXT.matcher(text).matches()) {
            throw new IllegalArgumentException("Decimal must be a decimal number such as \"19.90\"");
        }
        this.value = new BigDecimal(text);
    }

    public Decimal(BigDecimal value) {
        if (value.precision() - value.scale() > MAX_DIGITS || value.scale() > MAX_DIGITS) {
            throw new IllegalArgumentException("Decimal must have at most " + MAX_DIGITS
                    + " digits either side of the point");
        }
        this.value = value;
    }

    public BigDecimal value() {
        return value;
    }

    @Override
    public String stringValueForSerialization() {
        return value.toPlainString();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Decimal decimal && decimal.value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return stringValueForSerialization();
    }
}
