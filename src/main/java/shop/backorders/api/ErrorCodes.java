package shop.backorders.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import graphql.ErrorClassification;
import graphql.ErrorType;
import graphql.ExceptionWhileDataFetching;
import graphql.ExecutionResult;
import graphql.ExecutionResultImpl;
import graphql.GraphQLError;
import graphql.GraphqlErrorBuilder;
import io.smallrye.graphql.api.Context;
import io.smallrye.graphql.execution.context.SmallRyeContext;
import io.smallrye.graphql.cdi.event.AfterExecute;
import shop.backorders.shared.ErrorCode;
import shop.backorders.shared.ShopException;

/**
 * Gives every GraphQL error a stable {@code extensions.code}: the domain's code for a refused request,
 * INVALID_INPUT for a document or variables the schema rejects, INTERNAL for anything unexpected (whose
 * details go to the log, never to the client). SmallRye offers no hook for the codes of validation
 * errors, so this rewrites the result once execution has finished (SmallRye's CDI events are on).
 */
@ApplicationScoped
public class ErrorCodes {

    static final String INTERNAL = "INTERNAL";
    private static final Logger LOG = Logger.getLogger(ErrorCodes.class);

    void afterExecute(@Observes @AfterExecute Context context) {
        if (!(context instanceof SmallRyeContext smallRye)) {
            return;
        }
        ExecutionResult result = smallRye.unwrap(ExecutionResult.class);
        if (result == null || result.getErrors().isEmpty()) {
            return;
        }
        List<GraphQLError> coded = result.getErrors().stream().map(ErrorCodes::coded).toList();
        List<GraphQLError> requestErrors = coded.stream().filter(ErrorCodes::isRequestError).toList();
        if (requestErrors.isEmpty()) {
            smallRye.setExecutionResult(result.transform(builder -> builder.errors(coded)));
        } else {
            // A request error (such as a variable of the wrong type) means nothing was executed: no data,
            // and none of the follow-on errors SmallRye reports for fields it then could not resolve.
            smallRye.setExecutionResult(ExecutionResultImpl.newExecutionResult().errors(requestErrors).build());
        }
    }

    private static boolean isRequestError(GraphQLError error) {
        return error.getPath() == null && ErrorCode.INVALID_INPUT.name().equals(error.getExtensions().get("code"));
    }

    static GraphQLError coded(GraphQLError error) {
        String code;
        String message = error.getMessage();
        if (error instanceof ExceptionWhileDataFetching fetching) {
            ShopException refused = shopException(fetching.getException());
            if (refused != null) {
                code = refused.code().name();
                message = refused.getMessage();
            } else {
                code = INTERNAL;
                LOG.error("Unexpected failure at " + error.getPath(), fetching.getException());
            }
        } else if (isClientError(error.getErrorType())) {
            code = ErrorCode.INVALID_INPUT.name();
        } else {
            code = INTERNAL;
        }
        Map<String, Object> extensions = new LinkedHashMap<>();
        extensions.put("code", code);
        if (error.getErrorType() != null) {
            extensions.put("classification", error.getErrorType().toString());
        }
        return GraphqlErrorBuilder.newError()
                .message(message)
                .locations(error.getLocations())
                .path(error.getPath())
                .errorType(error.getErrorType())
                .extensions(extensions)
                .build();
    }

    private static boolean isClientError(ErrorClassification type) {
        return type == ErrorType.ValidationError || type == ErrorType.InvalidSyntax
                || type == ErrorType.OperationNotSupported
                || type instanceof graphql.validation.ValidationErrorClassification;
    }

    private static ShopException shopException(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ShopException refused) {
                return refused;
            }
        }
        return null;
    }
}
