package shop.backorders.api;

import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import graphql.parser.InvalidSyntaxException;
import graphql.parser.Parser;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import shop.backorders.shared.ErrorCode;

/**
 * Checks a GraphQL request over HTTP before SmallRye sees it, where SmallRye falls short of the
 * GraphQL-over-HTTP spec: a body that is not JSON, or parameters of the wrong type, get a 400 (not a
 * 500 and a stack trace in the log); a document that does not parse gets a coded error (SmallRye
 * answers it before any hook with a bare message); clients that did not ask for
 * application/graphql-response+json get application/json. Well-formed requests pass untouched.
 */
@ApplicationScoped
public class RequestChecks {

    private static final String GRAPHQL_RESPONSE = "application/graphql-response+json";
    private static final long MAX_BODY_BYTES = 1024 * 1024;

    void register(@Observes Router router) {
        router.route("/graphql").order(-100).handler(RequestChecks::answerInTheAskedMediaType);
        router.post("/graphql").order(-99).handler(BodyHandler.create().setBodyLimit(MAX_BODY_BYTES));
        router.post("/graphql").order(-98).handler(RequestChecks::checkPost);
        router.get("/graphql").order(-98)
                .handler(context -> checkDocument(context, context.request().getParam("query")));
    }

    private static void answerInTheAskedMediaType(RoutingContext context) {
        if (!acceptsGraphQLResponse(context)) {
            context.addHeadersEndHandler(v -> {
                String type = context.response().headers().get("Content-Type");
                if (type != null && type.startsWith(GRAPHQL_RESPONSE)) {
                    context.response().putHeader("Content-Type", "application/json; charset=UTF-8");
                }
            });
        }
        context.next();
    }

    private static void checkPost(RoutingContext context) {
        String contentType = context.request().getHeader("Content-Type");
        if (contentType != null && contentType.startsWith("application/graphql")) {
            context.next(); // the document alone, which SmallRye reads itself
            return;
        }
        if (contentType == null || !contentType.startsWith("application/json")) {
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
            checkDocument(context, query);
        }
    }

    private static void checkDocument(RoutingContext context, String query) {
        if (query == null || context.request().getHeader("Upgrade") != null) {
            context.next();
            return;
        }
        try {
            Parser.parse(query);
            context.next();
        } catch (InvalidSyntaxException syntax) {
            JsonObject error = error(syntax.getMessage(), "InvalidSyntax");
            if (syntax.getLocation() != null) {
                error.put("locations", List.of(Map.of("line", syntax.getLocation().getLine(),
                        "column", syntax.getLocation().getColumn())));
            }
            // The spec: 200 for application/json clients, 400 for those that speak the new media type.
            reply(context, acceptsGraphQLResponse(context) ? 400 : 200, error);
        }
    }

    private static void refuse(RoutingContext context, int status, String message) {
        reply(context, status, error(message, "InvalidRequest"));
    }

    private static JsonObject error(String message, String classification) {
        return new JsonObject().put("message", message)
                .put("extensions", Map.of("code", ErrorCode.INVALID_INPUT.name(), "classification", classification));
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
