package shop.backorders.api.view;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import shop.backorders.shared.ShopException;

/** Opaque list cursors: a list's sort key, base64 encoded so clients do not build them. */
public final class Cursors {

    private static final String PREFIX = "k:";

    private Cursors() {
    }

    public static String encode(long key) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((PREFIX + key).getBytes(StandardCharsets.UTF_8));
    }

    /** The key after which a page starts: 0, before everything, when there is no cursor. */
    public static long decode(String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return 0;
        }
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (text.startsWith(PREFIX)) {
                return Long.parseLong(text.substring(PREFIX.length()));
            }
        } catch (IllegalArgumentException malformed) {
            // reported below, like any cursor this service did not issue
        }
        throw ShopException.invalidInput("after is not a cursor from this list: " + cursor);
    }
}
