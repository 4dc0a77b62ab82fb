package shop.backorders.api.view;

import java.util.regex.Pattern;

import shop.backorders.shared.ShopException;

/** GraphQL IDs are strings; the database's are numbers. */
public final class Ids {

    private static final Pattern DIGITS = Pattern.compile("[0-9]{1,18}");

    private Ids() {
    }

    public static String of(long id) {
        return Long.toString(id);
    }

    /** An id no row can have is simply not found. */
    public static long parse(String what, String id) {
        Long parsed = parseOrNull(id);
        if (parsed == null) {
            throw ShopException.notFound(what, id);
        }
        return parsed;
    }

    /** The numeric id, or 0 (which no row has) when no row can have this one: a filter by it matches nothing. */
    public static long parseOrNone(String id) {
        Long parsed = parseOrNull(id);
        return parsed == null ? 0 : parsed;
    }

    /**
     * The numeric id, or null when no row can have this one. Only ASCII digits: Long.parseLong would read
     * other scripts' digits too ("١٢" is 12), making one row answer to many ids.
     */
    public static Long parseOrNull(String id) {
        if (id == null || !DIGITS.matcher(id).matches()) {
            return null;
        }
        long parsed = Long.parseLong(id);
        return parsed > 0 ? parsed : null;
    }
}
