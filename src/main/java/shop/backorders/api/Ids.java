package shop.backorders.api;

import shop.backorders.shared.ShopException;

/** GraphQL IDs are strings; the database's are numbers. */
final class Ids {

    private Ids() {
    }

    static String of(long id) {
        return Long.toString(id);
    }

    /** An id no row can have is simply not found. */
    static long parse(String what, String id) {
        Long parsed = parseOrNull(id);
        if (parsed == null) {
            throw ShopException.notFound(what, id);
        }
        return parsed;
    }

    /** The numeric id, or null when no row can have this one. */
    static Long parseOrNull(String id) {
        try {
            long parsed = Long.parseLong(id);
            return parsed > 0 ? parsed : null;
        } catch (NumberFormatException notANumber) {
            return null;
        }
    }
}
