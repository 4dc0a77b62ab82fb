package shop.backorders.shared;

import java.util.Locale;

/**
 * Who is asking: nobody in particular, a customer (known by their email address) or staff. The services
 * decide with it what each may see and do; a customer's orders and backorders are those placed under
 * their address, compared case-insensitively.
 */
public final class Caller {

    public static final Caller ANONYMOUS = new Caller(false, null);
    public static final Caller STAFF = new Caller(true, null);

    private final boolean staff;
    /** The customer's address, lower case; null for staff and anonymous callers. */
    private final String email;

    private Caller(boolean staff, String email) {
        this.staff = staff;
        this.email = email;
    }

    public static Caller customer(String email) {
        return new Caller(false, EmailAddress.checked("the token's email", email).toLowerCase(Locale.ROOT));
    }

    public boolean isStaff() {
        return staff;
    }

    /** The customer's own address, or null for staff and anonymous callers. */
    public String email() {
        return email;
    }

    /** Whether this caller may see and act on what belongs to the customer with this address (null: nobody). */
    public boolean owns(String customerEmail) {
        return customerEmail != null && (staff || email != null && email.equalsIgnoreCase(customerEmail.trim()));
    }

    /**
     * Passes if this caller may reach what belongs to that customer; otherwise NOT_FOUND, exactly as for
     * nothing at all (null: there is no such thing), so another customer's never shows it exists.
     */
    public void checkOwns(String customerEmail, String what, Object id) {
        if (!owns(customerEmail)) {
            throw ShopException.notFound(what, id);
        }
    }

    /** This caller, if they signed in; UNAUTHENTICATED for an anonymous one. */
    public Caller signedIn() {
        if (!staff && email == null) {
            throw new ShopException(ErrorCode.UNAUTHENTICATED, "Sign in to do this");
        }
        return this;
    }

    /**
     * The customer an order or alert is for: the one staff name, or the customer themselves (who may name
     * only their own address).
     */
    public String customerFor(String field, String named) {
        if (staff) {
            if (named == null) {
                throw ShopException.invalidInput(field + " is required when staff act for a customer");
            }
            return named;
        }
        signedIn();
        if (named != null && !email.equalsIgnoreCase(named.trim())) {
            throw new ShopException(ErrorCode.FORBIDDEN, "Customers act only for their own address, " + email);
        }
        return email;
    }

    @Override
    public String toString() {
        return staff ? "staff" : email == null ? "anonymous" : "customer " + email;
    }
}
