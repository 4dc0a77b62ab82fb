package shop.backorders.api.transport;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Locale;

import graphql.GraphQLContext;
import graphql.execution.CoercedVariables;
import graphql.language.FloatValue;
import graphql.language.IntValue;
import graphql.language.StringValue;
import graphql.language.Value;
import graphql.schema.Coercing;
import graphql.schema.CoercingParseLiteralException;
import graphql.schema.CoercingParseValueException;
import graphql.schema.CoercingSerializeException;
import shop.backorders.api.view.Decimal;

/**
 * The {@link Decimal} scalar's coercing. SmallRye's for a custom string scalar takes strings only, which would
 * break clients that send prices as JSON numbers. This takes a string, or a number as it reaches graphql-java:
 * a JSON number in the variables as the BigDecimal of its text (SmallRye reads variables with JSON-P's
 * {@code bigDecimalValue}), a literal in the document as graphql-java's FloatValue or IntValue, which keep the
 * digits as written. A binary float (Double, Float) is refused rather than guessed at: no transport makes one.
 * Whatever it refuses graphql-java reports as invalid input (INVALID_INPUT, api.transport.ErrorCodes).
 */
final class DecimalCoercing implements Coercing<Decimal, String> {

    @Override
    public String serialize(Object output, GraphQLContext context, Locale locale) {
        if (output instanceof Decimal decimal) {
            return decimal.stringValueForSerialization();
        }
        throw new CoercingSerializeException("Not a Decimal: " + typeOf(output));
    }

    @Override
    public Decimal parseValue(Object input, GraphQLContext context, Locale locale) {
        try {
            return decimal(input);
        } catch (IllegalArgumentException refused) {
            throw new CoercingParseValueException(refused.getMessage());
        }
    }

    @Override
    public Decimal parseLiteral(Value<?> input, CoercedVariables variables, GraphQLContext context, Locale locale) {
        try {
            if (input instanceof StringValue string) {
                return decimal(string.getValue());
            }
            if (input instanceof FloatValue number) {
                return decimal(number.getValue());
            }
            if (input instanceof IntValue number) {
                return decimal(number.getValue());
            }
            throw new IllegalArgumentException("Decimal must be a decimal number such as \"19.90\"");
        } catch (IllegalArgumentException refused) {
            throw new CoercingParseLiteralException(refused.getMessage());
        }
    }

    @Override
    public Value<?> valueToLiteral(Object input, GraphQLContext context, Locale locale) {
        return StringValue.of(decimal(input).stringValueForSerialization());
    }

    private static Decimal decimal(Object input) {
        if (input instanceof Decimal decimal) {
            return decimal;
        }
        if (input instanceof String text) {
            return new Decimal(text);
        }
        if (input instanceof BigDecimal number) {
            return new Decimal(number);
        }
        if (input instanceof BigInteger || input instanceof Long || input instanceof Integer) {
            return new Decimal(new BigDecimal(input.toString()));
        }
        throw new IllegalArgumentException("Decimal must be a decimal number such as \"19.90\", not "
                + typeOf(input));
    }

    private static String typeOf(Object value) {
        return value == null ? "null" : value.getClass().getSimpleName();
    }
}
