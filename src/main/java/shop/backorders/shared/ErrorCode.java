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
    IDEMPOTENCY_KEY_REUSED
}
