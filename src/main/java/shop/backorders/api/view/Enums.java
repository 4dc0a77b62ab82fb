package shop.backorders.api.view;

/** The schema's enums mirror the domain's by name, so each side can carry its own descriptions. */
public final class Enums {

    private Enums() {
    }

    public static <E extends Enum<E>> E map(Enum<?> value, Class<E> to) {
        return value == null ? null : Enum.valueOf(to, value.name());
    }
}
