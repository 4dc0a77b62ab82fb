package shop.backorders.api;

import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import graphql.parser.InvalidSyntaxException;
import graphql.parser.Parser;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import shop.backorders.shared.ErrorCode;

/**
 * Answers a document that does not parse with a coded error. SmallRye answers those itself, before any
 * hook runs, with a bare "Unparseable input document" and no code; so this route parses first and
 * passes every well-formed request on untouched.
 */
@ApplicationScoped
public class SyntaxErrors {

    private static final String GRAPHQL_RESPONSE = "application/graphql-response+json";
    private static final long MAX_BODY_BYTES = 1024 * 1024;

    void register(@Observes Router router) {
        router.post("/graphql").order(-100).handler(BodyHandler.create().setBodyLimit(MAX_BODY_BYTES));
        router.post("/graphql").order(-99).handler(context -> check(context, postedQuery(context)));
        router.get("/graphql").order(-99).handler(context -> check(context, context.request().getParam("query")));
    }

    private static String postedQuery(RoutingContext context) {
        String contentType = context.request().getHeader("Content-Type");
        if (contentType != null && contentType.startsWith("application/graphql")
                && !contentType.startsWith("application/graphql-response")) {
            return context.body().asString();
        }
        try {
            JsonObject body = context.body().asJsonObject();
            return body == null || !(body.getValue("query") instanceof String query) ? null : query;
        } catch (RuntimeException notJson) {
            return null; // SmallRye answers malformed JSON
        }
    }

    private static void check(RoutingContext context, String query) {
        if (query == null || context.request().method() == HttpMethod.GET && isUpgrade(context)) {
            context.next();
            return;
        }
        try {
            Parser.parse(query);
            context.next();
        } catch (InvalidSyntaxException syntax) {
            reply(context, syntax);
        }
    }

    private static boolean isUpgrade(RoutingContext context) {
        return context.request().getHeader("Upgrade") != null;
    }

    private static void reply(RoutingContext context, InvalidSyntaxException syntax) {
        JsonObject error = new JsonObject()
                .put("message", syntax.getMessage())
                .put("extensions", Map.of("code", ErrorCode.INVALID_INPUT.name(), "classification", "InvalidSyntax"));
        if (syntax.getLocation() != null) {
            error.put("locations", List.of(Map.of("line", syntax.getLocation().getLine(),
                    "column", syntax.getLocation().getColumn())));
        }
        // GraphQL over HTTP: a request error is 400 for clients that speak the new media type.
        String accept = context.request().getHeader("Accept");
        boolean graphqlResponse = accept != null && accept.contains(GRAPHQL_RESPONSE);
        context.response()
                .setStatusCode(graphqlResponse ? 400 : 200)
                .putHeader("Content-Type",
                        (graphqlResponse ? GRAPHQL_RESPONSE : "application/json") + "; charset=UTF-8")
                .end(new JsonObject().put("errors", List.of(error)).encode());
    }
}
