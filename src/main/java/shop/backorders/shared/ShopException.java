package shop.backorders.shared;

/**
 * A request the shop's rules refuse. Thrown before or inside a transaction, it rolls the whole
 * change back; its message is written for the caller.
 */
public class ShopException extends RuntimeException {

    private final ErrorCode code;

    public ShopException(ErrorCode code, String message) {
        // The stack trace is never shown and a refused order is no incident: skip capturing it.
        super(message, null, false, false);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }

    public static ShopException notFound(String what, Object id) {
        return new ShopException(ErrorCode.NOT_FOUND, what + " " + id + " does not exist");
    }

    public static ShopException invalidInput(String message) {
        return new ShopException(ErrorCode.INVALID_INPUT, message);
    }

    public static ShopException invalidState(String message) {
        return new ShopException(ErrorCode.INVALID_STATE, message);
    }
}
