package shop.backorders.shared;

import java.net.IDN;
import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The one definition of a customer's email address and of when two are the same. An address is put in its
 * normal form once, where it enters (a token, an input field), and compared with {@code equals} after that
 * everywhere: in Java, as a map key and in SQL ({@code =}); stored addresses are in this form too.
 * <p>
 * The normal form: trimmed; the domain in ASCII (IDNA, {@link IDN#toASCII} with the STD3 rules) and lower
 * case; the local part with its ASCII letters lower-cased and nothing else folded, in NFC. Unicode case
 * folding is what made {@code bob@gmaıl.com} (dotless ı) and a Kelvin sign K the same as ASCII i and k.
 */
public final class EmailAddress {

    /** SMTP's limit on a path, the angle brackets taken off. */
    public static final int MAX_LENGTH = 254;

    /** RFC 5322's atext in ASCII besides letters and digits; above ASCII, see {@link #localPart}. */
    private static final String ASCII_SYMBOLS = "!#$%&'*+/=?^_`{|}~-";
    /** Host names of two labels or more, in ASCII, as IDN leaves them. */
    private static final Pattern HOST_NAME = Pattern.compile(
            "[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+");
    /**
     * Java's IDN is IDNA2003, which maps these where IDNA2008 keeps them (straße.de becomes strasse.de, a
     * different domain today): refused, rather than made one with another registrant's domain.
     */
    private static final String IDNA_DEVIATIONS = "\u00DF\u03C2";

    private EmailAddress() {
    }

    /** The address in normal form; INVALID_INPUT naming the field, and why, if it has none. */
    public static String checked(String field, String value) {
        try {
            return normalised(value);
        } catch (IllegalArgumentException e) {
            throw ShopException.invalidInput(field + " is not a usable email address: " + e.getMessage());
        }
    }

    /** The address in normal form; IllegalArgumentException saying why if it has none. */
    public static String normalised(String value) {
        String address = value == null ? "" : value.trim();
        if (address.isEmpty()) {
            throw new IllegalArgumentException("it is empty");
        }
        if (address.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("it is longer than " + MAX_LENGTH + " characters");
        }
        int at = address.lastIndexOf('@');
        if (at <= 0 || at == address.length() - 1) {
            throw new IllegalArgumentException("it is not local-part@domain");
        }
        String normal = localPart(address.substring(0, at)) + "@" + domain(address.substring(at + 1));
        if (normal.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("its domain in ASCII makes it longer than " + MAX_LENGTH
                    + " characters");
        }
        return normal;
    }

    /**
     * Dot-separated atoms (no quoted forms, so nothing of a mail header's syntax), ASCII letters lower-cased.
     * Above ASCII: {@link #plain} characters, composed to NFC. A character NFC replaces on its own is another
     * in disguise: refused, rather than made the ASCII letter it imitates (the Kelvin sign would become K,
     * then k).
     */
    private static String localPart(String local) {
        StringBuilder lowered = new StringBuilder(local.length());
        local.codePoints().forEach(point -> {
            if (point < 0x80 ? !atext(point) && point != '.' : !plain(point)) {
                throw new IllegalArgumentException(String.format("its local part has the character U+%04X", point));
            }
            lowered.appendCodePoint(point >= 'A' && point <= 'Z' ? point + ('a' - 'A') : point);
        });
        if (local.startsWith(".") || local.endsWith(".") || local.contains("..")) {
            throw new IllegalArgumentException("its local part has a dot at an end or two in a row");
        }
        return Normalizer.normalize(lowered, Normalizer.Form.NFC);
    }

    private static boolean atext(int point) {
        return point >= 'a' && point <= 'z' || point >= 'A' && point <= 'Z' || point >= '0' && point <= '9'
                || ASCII_SYMBOLS.indexOf(point) >= 0;
    }

    /**
     * Visible (no controls, invisible formatting, spaces, private or unassigned code points) and itself: not
     * a character NFC replaces on its own, like the Kelvin sign (K) or the ohm sign (Ω).
     */
    private static boolean plain(int point) {
        return switch (Character.getType(point)) {
            case Character.CONTROL, Character.FORMAT, Character.SURROGATE, Character.PRIVATE_USE,
                    Character.UNASSIGNED, Character.SPACE_SEPARATOR, Character.LINE_SEPARATOR,
                    Character.PARAGRAPH_SEPARATOR -> false;
            default -> Normalizer.isNormalized(Character.toString(point), Normalizer.Form.NFC);
        };
    }

    /**
     * IDNA would drop invisible characters (a zero-width space) and map disguised ones; they are refused
     * first, as in the local part, so that what was verified and what is compared are the same visible name.
     */
    private static String domain(String domain) {
        if (domain.codePoints().anyMatch(point -> !plain(point))) {
            throw new IllegalArgumentException("its domain has invisible, control or disguised characters");
        }
        if (domain.chars().anyMatch(c -> IDNA_DEVIATIONS.indexOf(c) >= 0)) {
            throw new IllegalArgumentException("its domain has ß or ς, which IDNA versions read differently");
        }
        String ascii;
        try {
            ascii = IDN.toASCII(domain, IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("its domain has no IDNA form (" + e.getMessage() + ")");
        }
        if (!HOST_NAME.matcher(ascii).matches()) {
            throw new IllegalArgumentException("its domain is not a host name");
        }
        return ascii;
    }
}
