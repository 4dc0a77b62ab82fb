package shop.backorders.api.transport;

import java.util.List;
import java.util.Map;

import graphql.ErrorClassification;
import graphql.ErrorType;
import graphql.GraphQLError;
import graphql.language.SourceLocation;
import shop.backorders.shared.ShopException;

/**
 * A refused request as a GraphQL error that carries its own code. {@link ErrorCodes} codes the errors
 * of queries and mutations once they finish; a subscription's stream fails later, after that, so its
 * failures travel in this form.
 */
public class CodedError extends RuntimeException implements GraphQLError {

    private final String code;

    CodedError(ShopException refused) {
        super(refused.getMessage(), null, false, false);
        this.code = refused.code().name();
    }

    /** The refusal behind a failed stream as a coded error; anything else as it is, for SmallRye to hide. */
    public static Throwable of(Throwable failure) {
        ShopException refused = ErrorCodes.refusal(failure);
        return refused == null ? failure : new CodedError(refused);
    }

    @Override
    public List<SourceLocation> getLocations() {
        return null;
    }

    @Override
    public ErrorClassification getErrorType() {
        return ErrorType.DataFetchingException;
    }

    @Override
    public Map<String, Object> getExtensions() {
        return Map.of("code", code);
    }
}
