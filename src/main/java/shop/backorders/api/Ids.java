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
        try {
            long parsed = Long.parseLong(id);
            if (parsed > 0) {
                return parsed;
            }
        } catch (NumberFormatException notANumber) {
            // reported below
        }
        throw ShopException.notFound(what, id);
    }
}
