package shop.backorders.api.transport;

import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import graphql.execution.AbortExecutionException;
import graphql.language.Document;
import graphql.language.OperationDefinition;
import graphql.language.OperationDefinition.Operation;
import graphql.parser.InvalidSyntaxException;
import graphql.parser.Parser;
import graphql.parser.ParserEnvironment;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.security.AuthenticationFailedException;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import shop.backorders.shared.ErrorCode;
import shop.backorders.shared.Recent;

/**
 * Checks a GraphQL request over HTTP before SmallRye sees it, where SmallRye falls short of the
 * GraphQL-over-HTTP spec: a method other than GET or POST gets a 405, a body that is not JSON or is too
 * large, or parameters of the wrong type, get a 4xx (not a 500 and a stack trace in the log); a document
 * that does not parse gets a coded error (SmallRye answers it before any hook with a bare message);
 * clients that did not ask for application/graphql-response+json get application/json, those that did get
 * a 400 for a request that could not run. Whatever fails on the way (a token that does not verify, a
 * body over the limit) is answered as a coded GraphQL error, never an empty or HTML page.
 * <p>
 * The body limit is Quarkus' own (quarkus.http.limits.max-body-size), read here with a body handler of this
 * route's: Quarkus' check runs after these routes and answers a bare 413, and these checks need the body
 * before SmallRye's route reads it (HostileInputTest).
 */
@ApplicationScoped
public class RequestChecks {

    private static final Logger LOG = Logger.getLogger(RequestChecks.class);
    private static final String GRAPHQL_RESPONSE = "application/graphql-response+json";
    private static final String REQUEST_ERROR = RequestChecks.class.getName() + ".requestError";
    private static final String RETRY_AFTER = RequestChecks.class.getName() + ".retryAfter";
    private static final int MAX_REMEMBERED_CHARS = 4096;
    private static final int MAX_REMEMBERED_OPERATIONS = 8;
    private static final Recent<String, List<DefinedOperation>> PARSED = new Recent<>(1024);

    private final long maxBodyBytes;
    private final QueryLimits limits;

    public RequestChecks(@ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxBodySize,
            QueryLimits limits) {
        this.maxBodyBytes = maxBodySize.asLongValue();
        this.limits = limits;
    }

    void register(@Observes Router router) {
        router.route("/graphql").failureHandler(this::answerFailure);
        router.route("/graphql").order(-101).handler(RequestChecks::checkMethod);
        router.route("/graphql").order(-100).handler(RequestChecks::answerInTheAskedMediaType);
        router.post("/graphql").order(-99).handler(BodyHandler.create().setBodyLimit(maxBodyBytes));
        router.post("/graphql").order(-98).handler(this::checkPost);
        router.get("/graphql").order(-98)
                .handler(context -> checkDocument(context, context.request().getParam("query"),
                        context.request().getParam("operationName")));
    }

    /**
     * What the GraphQL execution of this request came to, for its HTTP answer: whether it could not run at
     * all (a request error), and for a RATE_LIMITED refusal the seconds until a retry may succeed.
     */
    public static void answer(RoutingContext context, boolean requestError, Long retryAfterSeconds) {
        if (context != null && !context.response().headWritten()) {
            context.put(REQUEST_ERROR, requestError);
            context.put(RETRY_AFTER, retryAfterSeconds);
        }
    }

    private static void checkMethod(RoutingContext context) {
        HttpMethod method = context.request().method();
        if (method == HttpMethod.GET || method == HttpMethod.POST) {
            context.next();
        } else {
            context.response().putHeader("Allow", "GET, POST");
            refuse(context, 405, "Use GET or POST");
        }
    }

    private static void answerInTheAskedMediaType(RoutingContext context) {
        boolean graphQLResponse = acceptsGraphQLResponse(context);
        context.addHeadersEndHandler(v -> {
            HttpServerResponse response = context.response();
            String type = response.headers().get("Content-Type");
            if (!graphQLResponse && type != null && type.startsWith(GRAPHQL_RESPONSE)) {
                response.putHeader("Content-Type", "application/json; charset=UTF-8");
            }
            // The spec: a request that could not run is a 400 for clients of the new media type.
            if (graphQLResponse && Boolean.TRUE.equals(context.get(REQUEST_ERROR)) && response.getStatusCode() == 200) {
                response.setStatusCode(400);
            }
            Long retryAfter = context.get(RETRY_AFTER);
            if (retryAfter != null) {
                response.putHeader("Retry-After", retryAfter.toString());
            }
        });
        context.next();
    }

    /** A request that failed before or outside GraphQL: the status, with a coded error as its body. */
    private void answerFailure(RoutingContext context) {
        HttpServerResponse response = context.response();
        if (response.ended() || response.headWritten() || context.request().getHeader("Upgrade") != null) {
            context.next(); // a WebSocket (its own close codes), or an answer already on its way
            return;
        }
        Throwable failure = context.failure();
        int status = context.statusCode();
        if (failure instanceof AuthenticationFailedException) {
            reply(context, 401, error("The token is not valid: expired, not signed by the shop's identity"
                    + " provider, or for another issuer", ErrorCode.UNAUTHENTICATED, "Unauthenticated"));
        } else if (status == 413) {
            reply(context, 413, error("The body is larger than " + maxBodyBytes / 1024 + " KiB",
                    ErrorCode.REQUEST_TOO_LARGE, "InvalidRequest"));
        } else if (status >= 400 && status < 500) {
            refuse(context, status, "The request is not a GraphQL request this service can read");
        } else {
            LOG.error("Unexpected failure answering " + context.request().method() + " /graphql", failure);
            reply(context, 500, error("Internal error", null, "Internal"));
        }
    }

    private void checkPost(RoutingContext context) {
        String contentType = context.request().getHeader("Content-Type");
        String mediaType = contentType == null ? "" : contentType.split(";", 2)[0].trim();
        if (mediaType.equalsIgnoreCase("application/graphql")) {
            String document = context.body().asString();
            if (document == null || document.isBlank()) {
                refuse(context, 400, "The body must be a GraphQL document");
            } else {
                checkDocument(context, document, null);
            }
            return;
        }
        if (!mediaType.equalsIgnoreCase("application/json")) {
            refuse(context, 415, "A POST needs Content-Type: application/json");
            return;
        }
        Object body;
        try {
            body = context.body().isEmpty() ? null : Json.decodeValue(context.body().buffer());
        } catch (DecodeException notJson) {
            refuse(context, 400, "The body is not JSON");
            return;
        }
        if (!(body instanceof JsonObject request)) {
            refuse(context, 400, "The body must be a JSON object with a query");
            return;
        }
        if (!(request.getValue("query") instanceof String query)) {
            refuse(context, 400, "query must be a string");
        } else if (!isNullOr(request.getValue("operationName"), String.class)) {
            refuse(context, 400, "operationName must be a string");
        } else if (!isNullOr(request.getValue("variables"), JsonObject.class)) {
            refuse(context, 400, "variables must be an object");
        } else if (!isNullOr(request.getValue("extensions"), JsonObject.class)) {
            refuse(context, 400, "extensions must be an object");
        } else {
            checkDocument(context, query, request.getString("operationName"));
        }
    }

    private void checkDocument(RoutingContext context, String query, String operationName) {
        if (query == null || context.request().getHeader("Upgrade") != null) {
            context.next();
            return;
        }
        try {
            Operation operation = operationsOf(query).stream()
                    .filter(defined -> operationName == null || operationName.equals(defined.name()))
                    .map(DefinedOperation::operation).findFirst().orElse(null);
            if (operation == Operation.SUBSCRIPTION) {
                // SmallRye would run it and answer a serialized stream object.
                refuse(context, acceptsGraphQLResponse(context) ? 400 : 200, "Subscriptions run over WebSocket on"
                        + " /graphql (graphql-transport-ws or graphql-ws), not over HTTP");
            } else if (operation == Operation.MUTATION && context.request().method() == HttpMethod.GET) {
                context.response().putHeader("Allow", "POST");
                refuse(context, 405, "Mutations need a POST");
            } else {
                context.next();
            }
        } catch (InvalidSyntaxException syntax) {
            JsonObject error = error(syntax.getMessage(), QueryLimits.isOverLimit(syntax)
                    ? ErrorCode.REQUEST_TOO_LARGE : ErrorCode.INVALID_INPUT, "InvalidSyntax");
            if (syntax.getLocation() != null) {
                error.put("locations", List.of(Map.of("line", syntax.getLocation().getLine(),
                        "column", syntax.getLocation().getColumn())));
            }
            // The spec: 200 for application/json clients, 400 for those that speak the new media type.
            reply(context, acceptsGraphQLResponse(context) ? 400 : 200, error);
        } catch (AbortExecutionException overLimit) {
            reply(context, acceptsGraphQLResponse(context) ? 400 : 200, error(overLimit.getMessage(),
                    ErrorCode.REQUEST_TOO_LARGE, "InvalidSyntax"));
        }
    }

    /** What a document defines, as far as these checks care: each operation's name and kind. */
    private record DefinedOperation(String name, Operation operation) {
    }

    /**
     * The operations the document defines, parsed once per text: clients send the same few documents again
     * and again, and parsing one costs more than the rest of these checks (a profile of placement under load
     * had 4 % of the event loops' time in this parse). Only short documents of a few operations are
     * remembered, so what the cache holds stays within a few megabytes whatever callers send.
     */
    private List<DefinedOperation> operationsOf(String query) {
        List<DefinedOperation> known = PARSED.get(query);
        if (known != null) {
            return known;
        }
        // With the options GraphQL execution parses operations with, so QueryLimits' limits hold here.
        Document document = new Parser().parseDocument(ParserEnvironment.newParserEnvironment().document(query)
                .parserOptions(limits.parserOptions()).build());
        List<DefinedOperation> defined = document.getDefinitionsOfType(OperationDefinition.class).stream()
                .map(definition -> new DefinedOperation(definition.getName(), definition.getOperation())).toList();
        if (query.length() <= MAX_REMEMBERED_CHARS && defined.size() <= MAX_REMEMBERED_OPERATIONS) {
            PARSED.put(query, defined);
        }
        return defined;
    }

    private static void refuse(RoutingContext context, int status, String message) {
        reply(context, status, error(message, ErrorCode.INVALID_INPUT, "InvalidRequest"));
    }

    private static JsonObject error(String message, ErrorCode code, String classification) {
        return new JsonObject().put("message", message).put("extensions", Map.of(
                "code", code == null ? ErrorCodes.INTERNAL : code.name(), "classification", classification));
    }

    private static void reply(RoutingContext context, int status, JsonObject error) {
        context.response()
                .setStatusCode(status)
                .putHeader("Content-Type", GRAPHQL_RESPONSE + "; charset=UTF-8")
                .end(new JsonObject().put("errors", List.of(error)).encode());
    }

    private static boolean acceptsGraphQLResponse(RoutingContext context) {
        String accept = context.request().getHeader("Accept");
        return accept != null && accept.contains(GRAPHQL_RESPONSE);
    }

    private static boolean isNullOr(Object value, Class<?> type) {
        return value == null || type.isInstance(value);
    }
}
