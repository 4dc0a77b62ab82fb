package shop.backorders.shared;

/** Stable codes clients can switch on; they reach GraphQL clients as {@code extensions.code}. */
public enum ErrorCode {
    UNKNOWN_PRODUCT,
    DUPLICATE_SKU,
    OUT_OF_STOCK,
    BACKORDER_LIMIT_EXCEEDED,
    INVALID_QUANTITY,
    INVALID_INPUT,
    NOT_FOUND,
    INVALID_STATE,
    IDEMPOTENCY_KEY_REUSED,
    /** No valid token, where one is needed. */
    UNAUTHENTICATED,
    /** A valid token whose holder may not do this. */
    FORBIDDEN,
    /** Too many requests of one kind from one caller; retry after the time given. */
    RATE_LIMITED,
    /** An action link from a mail, or a quote's token, that this shop did not make, or made for something else. */
    LINK_INVALID,
    /** An action link past its expiry. */
    LINK_EXPIRED,
    /** An action link whose question a link already answered: each acts once. */
    LINK_USED,
    /** A request beyond a size limit: body, parser tokens, depth, complexity or root fields. */
    REQUEST_TOO_LARGE,
    /** Too busy to take the request in time (every database connection in use): nothing changed; try again. */
    UNAVAILABLE,
    /** A caller holding as many live subscriptions as it may, on one connection or from one address: end one first. */
    TOO_MANY_SUBSCRIPTIONS,
    /** An order placed with a quote it would now get less of, or later: nothing placed; the fresh quote attached. */
    QUOTE_CHANGED,
    /** An order placed with a quote past its expiry: quote again. */
    QUOTE_EXPIRED,
    /** A supplier by the name of another one (compared ignoring case). */
    DUPLICATE_SUPPLIER
}
