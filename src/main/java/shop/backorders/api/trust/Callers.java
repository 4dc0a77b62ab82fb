package shop.backorders.api.trust;

import java.time.Instant;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonString;

import org.eclipse.microprofile.jwt.Claims;
import org.eclipse.microprofile.jwt.JsonWebToken;

import io.quarkus.security.identity.SecurityIdentity;
import shop.backorders.shared.Caller;
import shop.backorders.shared.EmailAddress;
import shop.backorders.shared.ErrorCode;
import shop.backorders.shared.ShopConfig;
import shop.backorders.shared.ShopException;

/**
 * The {@link Caller} behind the current request, from its verified token: the `groups` claim gives the
 * role (`staff` or `customer`), a customer is their verified `email` claim. Roles gate operations
 * (`@RolesAllowed` on the resolvers); the caller decides whose data they reach.
 */
@ApplicationScoped
public class Callers {

    public static final String STAFF = "staff";
    public static final String CUSTOMER = "customer";
    public static final String SUPPLIER = "supplier";

    private final SecurityIdentity identity;
    private final ShopConfig.Identity settings;

    public Callers(SecurityIdentity identity, ShopConfig config) {
        this.identity = identity;
        this.settings = config.identity();
    }

    public Caller current() {
        if (identity.isAnonymous()) {
            return Caller.ANONYMOUS;
        }
        if (identity.hasRole(STAFF)) {
            return Caller.STAFF;
        }
        if (identity.hasRole(CUSTOMER) && identity.getPrincipal() instanceof JsonWebToken token) {
            return customer(token, settings.emailVerifiedIfAbsent());
        }
        if (identity.hasRole(SUPPLIER) && identity.getPrincipal() instanceof JsonWebToken token) {
            return Caller.supplier(verifiedEmail(token, settings.emailVerifiedIfAbsent()));
        }
        throw new ShopException(ErrorCode.FORBIDDEN, "The token grants none of the customer, supplier and staff"
                + " roles");
    }

    /**
     * The customer a token names: its `email` claim, once the provider says it verified the mailbox, in
     * normal form. Never `upn`: that is a login name, which no provider promises is a mailbox its user
     * received mail at, so it could name another customer's address. A customer token without a usable,
     * verified address may only browse (the catalogue asks for no caller): whatever needs one is FORBIDDEN.
     * {@code verifiedIfAbsent}: a token without `email_verified` counts as verified (ShopConfig.Identity).
     */
    static Caller customer(JsonWebToken token, boolean verifiedIfAbsent) {
        return Caller.customer(verifiedEmail(token, verifiedIfAbsent));
    }

    /** The verified address a token names, in normal form, as {@link #customer} reads it; a supplier's too. */
    private static String verifiedEmail(JsonWebToken token, boolean verifiedIfAbsent) {
        String email = text(token.getClaim(Claims.email.name()));
        if (email == null) {
            throw new ShopException(ErrorCode.FORBIDDEN, "The token names nobody: it has no email claim");
        }
        Object verified = token.getClaim(Claims.email_verified.name());
        // Some providers send the claim as the string "true".
        if (verified == null ? !verifiedIfAbsent : !"true".equals(text(verified))) {
            throw new ShopException(ErrorCode.FORBIDDEN, "The token's email address is not verified"
                    + " (email_verified is not true)");
        }
        try {
            return EmailAddress.normalised(email);
        } catch (IllegalArgumentException unusable) {
            throw new ShopException(ErrorCode.FORBIDDEN, "The token's email is not a usable address: "
                    + unusable.getMessage());
        }
    }

    /**
     * Who browses the catalogue, which anyone may: a token that names neither a customer nor staff (no role, or a
     * customer without a verified address) browses as an anonymous caller does.
     */
    public Caller browsing() {
        try {
            return current();
        } catch (ShopException neitherCustomerNorStaff) {
            return Caller.ANONYMOUS;
        }
    }

    private static String text(Object claim) {
        return claim instanceof JsonString string ? string.getString() : claim == null ? null : claim.toString();
    }

    /** When the current token stops being valid; empty for anonymous callers. */
    public Optional<Instant> tokenExpiry() {
        return identity.getPrincipal() instanceof JsonWebToken token && token.getExpirationTime() > 0
                ? Optional.of(Instant.ofEpochSecond(token.getExpirationTime()))
                : Optional.empty();
    }
}
