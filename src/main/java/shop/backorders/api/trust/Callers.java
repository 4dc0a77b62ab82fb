package shop.backorders.api.trust;

import java.time.Instant;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.identity.SecurityIdentity;
import shop.backorders.shared.Caller;
import shop.backorders.shared.ErrorCode;
import shop.backorders.shared.ShopException;

/**
 * The {@link Caller} behind the current request, from its verified token: the `groups` claim gives the
 * role (`staff` or `customer`), a customer is their `email` claim, else `upn`. Roles gate operations
 * (`@RolesAllowed` on the resolvers); the caller decides whose data they reach.
 */
@ApplicationScoped
public class Callers {

    public static final String STAFF = "staff";
    public static final String CUSTOMER = "customer";

    private final SecurityIdentity identity;

    public Callers(SecurityIdentity identity) {
        this.identity = identity;
    }

    public Caller current() {
        if (identity.isAnonymous()) {
            return Caller.ANONYMOUS;
        }
        if (identity.hasRole(STAFF)) {
            return Caller.STAFF;
        }
        if (identity.hasRole(CUSTOMER) && identity.getPrincipal() instanceof JsonWebToken token) {
            String email = token.getClaim("email");
            String address = email != null ? email : token.getClaim("upn");
            if (address == null) {
                throw new ShopException(ErrorCode.FORBIDDEN, "The token names no customer: it has no email or upn");
            }
            return Caller.customer(address);
        }
        throw new ShopException(ErrorCode.FORBIDDEN, "The token grants neither the customer nor the staff role");
    }

    /** When the current token stops being valid; empty for anonymous callers. */
    public Optional<Instant> tokenExpiry() {
        return identity.getPrincipal() instanceof JsonWebToken token && token.getExpirationTime() > 0
                ? Optional.of(Instant.ofEpochSecond(token.getExpirationTime()))
                : Optional.empty();
    }
}
