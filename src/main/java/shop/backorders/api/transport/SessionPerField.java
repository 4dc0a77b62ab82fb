package shop.backorders.api.transport;

import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import java.lang.annotation.Retention;
import java.lang.annotation.Target;

import jakarta.interceptor.InterceptorBinding;

/**
 * Resolves each GraphQL field on its own Vert.x context, hence with its own database session.
 * graphql-java resolves the root fields of a query (and batched fields) in parallel on one context,
 * where Panache would otherwise hand them one shared reactive session, which cannot run two
 * statements at once.
 */
@InterceptorBinding
@Retention(RUNTIME)
@Target({ TYPE, METHOD })
public @interface SessionPerField {
}
