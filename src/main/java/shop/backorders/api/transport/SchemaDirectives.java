package shop.backorders.api.transport;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import graphql.Scalars;
import graphql.introspection.Introspection.DirectiveLocation;
import graphql.schema.GraphQLArgument;
import graphql.schema.GraphQLDirective;
import graphql.schema.GraphQLSchema;

/**
 * SmallRye always defines a Bean Validation {@code @constraint} directive, used by none of our inputs,
 * whose {@code BigInteger} arguments put an unused {@code scalar BigInteger} in the printed schema (which
 * leaves directives out). This keeps only the {@code @rolesAllowed} definition SmallRye's fields refer to;
 * graphql-java adds the built-in ones itself. Guarded by SchemaTest: without it the schema differs, and
 * if SmallRye's fields came to need another directive, the application would not start.
 */
@ApplicationScoped
public class SchemaDirectives {

    void keepOnlyUsedDirectives(@Observes GraphQLSchema.Builder builder) {
        builder.clearDirectives().additionalDirective(GraphQLDirective.newDirective()
                .name("rolesAllowed")
                .description("Used to specify the role required to execute a given field or operation.")
                .argument(GraphQLArgument.newArgument().name("value").type(Scalars.GraphQLString))
                .validLocations(DirectiveLocation.FIELD_DEFINITION)
                .build());
    }
}
