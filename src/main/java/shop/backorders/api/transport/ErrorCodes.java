package shop.backorders.api.transport;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
import graphql.introspection.GoodFaithIntrospection.BadFaithIntrospectionError;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.smallrye.graphql.api.Context;
import io.smallrye.graphql.cdi.event.AfterExecute;
import io.smallrye.graphql.execution.context.SmallRyeContext;
import io.vertx.core.impl.NoStackTraceThrowable;
import shop.backorders.api.trust.RateLimits;
import shop.backorders.api.view.QuoteView;
import shop.backorders.shared.DatabaseErrors;
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

    public static final String INTERNAL = "INTERNAL";
    /**
     * SQLSTATEs of values PostgreSQL will not take (NUL or unencodable characters, too long, out of range,
     * a bad date): input a check missed, the caller's to fix, not a fault.
     */
    private static final Set<String> UNSTORABLE = Set.of("22021", "22P05", "22001", "22003", "22007", "22008");
    /** The extension telling a RATE_LIMITED caller when to try again, in seconds. */
    public static final String RETRY_AFTER = "retryAfterSeconds";
    /** The extension giving a QUOTE_CHANGED caller the fresh quote to show: a Quote's fields. */
    public static final String QUOTE = "quote";
    private static final Logger LOG = Logger.getLogger(ErrorCodes.class);

    private final CurrentVertxRequest request;

    public ErrorCodes(CurrentVertxRequest request) {
        this.request = request;
    }

    void afterExecute(@Observes @AfterExecute Context context) {
        if (!(context instanceof SmallRyeContext smallRye)) {
            return;
        }
        ExecutionResult result = smallRye.unwrap(ExecutionResult.class);
        if (result == null || result.getErrors().isEmpty()) {
            return;
        }
        try {
            code(smallRye, result);
        } catch (RuntimeException fault) {
            // SmallRye never answers a request whose observer failed: answer it, uncoded, rather than not at all.
            LOG.error("Could not code the errors of a GraphQL request", fault);
            smallRye.setExecutionResult(ExecutionResultImpl.newExecutionResult().addError(GraphqlErrorBuilder
                    .newError().message("Internal error").extensions(Map.of("code", INTERNAL)).build()).build());
        }
    }

    private void code(SmallRyeContext smallRye, ExecutionResult result) {
        List<GraphQLError> coded = result.getErrors().stream().map(ErrorCodes::coded).toList();
        List<GraphQLError> requestErrors = coded.stream().filter(ErrorCodes::isRequestError).toList();
        if (requestErrors.isEmpty()) {
            smallRye.setExecutionResult(result.transform(builder -> builder.errors(coded)));
        } else {
            // A request error (such as a variable of the wrong type) means nothing was executed: no data,
            // and none of the follow-on errors SmallRye reports for fields it then could not resolve.
            smallRye.setExecutionResult(ExecutionResultImpl.newExecutionResult().errors(requestErrors).build());
        }
        RequestChecks.answer(request.getCurrent(), !requestErrors.isEmpty(), coded.stream()
                .map(error -> error.getExtensions().get(RETRY_AFTER))
                .filter(Long.class::isInstance).map(Long.class::cast).findFirst().orElse(null));
    }

    private static boolean isRequestError(GraphQLError error) {
        Object code = error.getExtensions().get("code");
        return error.getPath() == null
                && (ErrorCode.INVALID_INPUT.name().equals(code) || ErrorCode.REQUEST_TOO_LARGE.name().equals(code));
    }

    public static GraphQLError coded(GraphQLError error) {
        String code;
        String message = error.getMessage();
        Long retryAfter = null;
        Map<String, Object> freshQuote = null;
        if (error instanceof ExceptionWhileDataFetching fetching) {
            ShopException refused = refusal(fetching.getException());
            if (refused != null) {
                code = refused.code().name();
                message = refused.getMessage();
                if (refused instanceof RateLimits.Exceeded exceeded) {
                    retryAfter = exceeded.retryAfterSeconds();
                }
                if (refused instanceof QuoteView.Changed changed) {
                    freshQuote = changed.quote();
                }
            } else {
                code = INTERNAL;
                LOG.error("Unexpected failure at " + error.getPath(), fetching.getException());
            }
        } else if (error.getErrorType() == ErrorType.ExecutionAborted || error instanceof BadFaithIntrospectionError) {
            // a limit of QueryLimits, SmallRye's depth and complexity, or graphql-java's on introspection
            code = ErrorCode.REQUEST_TOO_LARGE.name();
        } else if (isClientError(error.getErrorType())) {
            code = ErrorCode.INVALID_INPUT.name();
        } else {
            code = INTERNAL;
        }
        Map<String, Object> extensions = new LinkedHashMap<>();
        extensions.put("code", code);
        if (retryAfter != null) {
            extensions.put(RETRY_AFTER, retryAfter);
        }
        if (freshQuote != null) {
            extensions.put(QUOTE, freshQuote);
        }
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

    /**
     * A resolver's failure as SmallRye can report it. SmallRye answers a failure that is no {@link Exception}
     * as if the field were null (a non-null field: "wrongly returned a null value", with nothing logged). The
     * Vert.x pool fails so when no database connection frees up within its 30 s: then nothing ran, and the
     * caller is told to try again (guarded by ErrorCodesTest).
     */
    static Throwable reportable(Throwable failure) {
        if (failure instanceof Exception) {
            return failure;
        }
        if (failure instanceof NoStackTraceThrowable && "Timeout".equals(failure.getMessage())) {
            return new ShopException(ErrorCode.UNAVAILABLE, "Too busy to take this request now; nothing was"
                    + " changed. Try again in a moment.");
        }
        return new IllegalStateException(failure.getMessage(), failure);
    }

    /**
     * The refusal behind a failure, with its code: a {@link ShopException}, or Quarkus security's verdict on
     * a role check (no valid token: UNAUTHENTICATED; a token without the role: FORBIDDEN); null if the
     * failure is no refusal but a fault.
     */
    public static ShopException refusal(Throwable failure) {
        String state = DatabaseErrors.sqlState(failure);
        if (state != null && UNSTORABLE.contains(state)) {
            return ShopException.invalidInput("A value in the request cannot be stored: too long, out of range, or"
                    + " with a NUL character");
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ShopException refused) {
                return refused;
            }
            if (t instanceof UnauthorizedException || t instanceof AuthenticationFailedException) {
                return new ShopException(ErrorCode.UNAUTHENTICATED, "Sign in to do this: it needs a valid token");
            }
            if (t instanceof ForbiddenException) {
                return new ShopException(ErrorCode.FORBIDDEN, "Your role does not allow this");
            }
        }
        return null;
    }
}
