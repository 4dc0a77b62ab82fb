package shop.backorders.api.transport;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Locale;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import graphql.GraphQL;
import graphql.GraphQLContext;
import graphql.execution.CoercedVariables;
import graphql.language.IntValue;
import graphql.language.Value;
import graphql.schema.Coercing;
import graphql.schema.CoercingParseLiteralException;
import graphql.schema.CoercingParseValueException;
import graphql.schema.CoercingSerializeException;
import graphql.schema.GraphQLScalarType;
import graphql.schema.GraphQLSchemaElement;
import graphql.schema.GraphQLTypeVisitorStub;
import graphql.schema.SchemaTransformer;
import graphql.util.TraversalControl;
import graphql.util.TraverserContext;

/**
 * `Int` as the GraphQL spec has it: a whole number within 32 bits, given as a number. SmallRye's own Int
 * truncates 1.5 to 1 and reads the string "1" as 1, so a customer asking for 1.5 units would get one;
 * here such input is refused before anything runs. Installed through SmallRye's GraphQL.Builder event,
 * over HTTP and WebSocket alike; guarded by HostileInputTest.
 */
@ApplicationScoped
public class StrictIntegers {

    void install(@Observes GraphQL.Builder builder) {
        builder.schema(SchemaTransformer.transformSchema(builder.build().getGraphQLSchema(),
                new GraphQLTypeVisitorStub() {
                    @Override
                    public TraversalControl visitGraphQLScalarType(GraphQLScalarType scalar,
                            TraverserContext<GraphQLSchemaElement> context) {
                        if (!scalar.getName().equals("Int")) {
                            return TraversalControl.CONTINUE;
                        }
                        return changeNode(context, scalar.transform(type -> type.coercing(
                                new Strict(scalar.getCoercing()))));
                    }
                }));
    }

    /** Checks input is a whole 32-bit number, then leaves the conversion to SmallRye's coercing. */
    private static final class Strict implements Coercing<Object, Object> {

        private final Coercing<Object, Object> smallRye;

        @SuppressWarnings("unchecked")
        Strict(Coercing<?, ?> smallRye) {
            this.smallRye = (Coercing<Object, Object>) smallRye;
        }

        @Override
        public Object serialize(Object result, GraphQLContext context, Locale locale)
                throws CoercingSerializeException {
            return smallRye.serialize(result, context, locale);
        }

        @Override
        public Value<?> valueToLiteral(Object input, GraphQLContext context, Locale locale) {
            return smallRye.valueToLiteral(input, context, locale);
        }

        @Override
        public Object parseValue(Object input, GraphQLContext context, Locale locale)
                throws CoercingParseValueException {
            BigDecimal number = number(input);
            if (number == null) {
                throw new CoercingParseValueException("Int takes a whole number, not " + describe(input));
            }
            if (!isWhole32Bit(number)) {
                throw new CoercingParseValueException("Int takes a whole number from -2147483648 to 2147483647, not "
                        + number.toPlainString());
            }
            return smallRye.parseValue(number.intValueExact(), context, locale);
        }

        @Override
        public Object parseLiteral(Value<?> input, CoercedVariables variables, GraphQLContext context,
                Locale locale) throws CoercingParseLiteralException {
            if (!(input instanceof IntValue literal) || !isWhole32Bit(new BigDecimal(literal.getValue()))) {
                throw new CoercingParseLiteralException("Int takes a whole number from -2147483648 to 2147483647");
            }
            return smallRye.parseLiteral(input, variables, context, locale);
        }

        /** The number a JSON variable holds, whatever type the JSON reader gave it; null if it is none. */
        private static BigDecimal number(Object input) {
            if (input instanceof BigDecimal value) {
                return value;
            }
            if (input instanceof BigInteger value) {
                return new BigDecimal(value);
            }
            if (input instanceof Integer || input instanceof Long || input instanceof Short) {
                return BigDecimal.valueOf(((Number) input).longValue());
            }
            if (input instanceof Double || input instanceof Float) {
                double value = ((Number) input).doubleValue();
                return Double.isFinite(value) ? BigDecimal.valueOf(value) : null;
            }
            return null;
        }

        private static boolean isWhole32Bit(BigDecimal number) {
            return number.signum() == 0 || number.stripTrailingZeros().scale() <= 0
                    && number.compareTo(BigDecimal.valueOf(Integer.MIN_VALUE)) >= 0
                    && number.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) <= 0;
        }

        private static String describe(Object input) {
            if (input == null) {
                return "null";
            }
            return input instanceof String ? "a string"
                    : "a " + input.getClass().getSimpleName().toLowerCase(Locale.ROOT);
        }
    }
}
