package shop.backorders.shared;

/**
 * Who is asking: nobody in particular, a customer (known by their email address), a supplier (known by the
 * address its purchase orders go to: it reaches those orders and nothing of any customer's) or staff. The services
 * decide with it what each may see and do; a customer's orders and backorders are those placed under
 * their address. Addresses are in {@link EmailAddress}'s normal form and compared with {@code equals}.
 */
public final class Caller {

    public static final Caller ANONYMOUS = new Caller(false, null, null);
    public static final Caller STAFF = new Caller(true, null, null);

    private final boolean staff;
    /** The customer's address, in normal form; null for other callers. */
    private final String email;
    /** The supplier's address, in normal form; null for other callers. */
    private final String supplierEmail;

    private Caller(boolean staff, String email, String supplierEmail) {
        this.staff = staff;
        this.email = email;
        this.supplierEmail = supplierEmail;
    }

    /** The customer with this (verified) address; IllegalArgumentException saying why if it has no normal form. */
    public static Caller customer(String email) {
        return new Caller(false, EmailAddress.normalised(email), null);
    }

    /** The supplier with this (verified) address; IllegalArgumentException saying why if it has no normal form. */
    public static Caller supplier(String email) {
        return new Caller(false, null, EmailAddress.normalised(email));
    }

    /** The supplier's own address, or null for other callers. */
    public String supplierEmail() {
        return supplierEmail;
    }

    public boolean isStaff() {
        return staff;
    }

    /** The customer's own address, or null for staff and anonymous callers. */
    public String email() {
        return email;
    }

    /**
     * Whether this caller may see and act on what belongs to the customer with this stored address (null:
     * nobody).
     */
    public boolean owns(String customerEmail) {
        return customerEmail != null && (staff || email != null && email.equals(customerEmail));
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
        if (!staff && email == null && supplierEmail == null) {
            throw new ShopException(ErrorCode.UNAUTHENTICATED, "Sign in to do this");
        }
        return this;
    }

    /**
     * The customer an order, alert or filter is for, in normal form: the one staff name, or the customer
     * themselves (who may name only their own address).
     */
    public String customerFor(String field, String named) {
        if (staff) {
            if (named == null) {
                throw ShopException.invalidInput(field + " is required when staff act for a customer");
            }
            return EmailAddress.checked(field, named);
        }
        signedIn();
        if (named != null && !email.equals(EmailAddress.checked(field, named))) {
            throw new ShopException(ErrorCode.FORBIDDEN, "Customers act only for their own address, " + email);
        }
        return email;
    }

    @Override
    public String toString() {
        return staff ? "staff" : email != null ? "customer " + email
                : supplierEmail != null ? "supplier " + supplierEmail : "anonymous";
    }
}
