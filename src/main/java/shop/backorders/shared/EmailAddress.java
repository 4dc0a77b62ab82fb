package shop.backorders.shared;

import java.util.regex.Pattern;

/** The one check of a customer's email address: the shape of one, trimmed, within SMTP's 254 characters. */
public final class EmailAddress {

    private static final Pattern SHAPE = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    private EmailAddress() {
    }

    /** The address, trimmed; INVALID_INPUT naming the field if it is not one. */
    public static String checked(String field, String value) {
        String email = value == null ? "" : value.trim();
        if (email.length() > 254 || !SHAPE.matcher(email).matches()) {
            throw ShopException.invalidInput(field + " is not an email address: " + value);
        }
        return email;
    }
}
