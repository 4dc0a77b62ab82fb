package shop.backorders.api;

/** The schema's enums mirror the domain's by name, so each side can carry its own descriptions. */
final class Enums {

    private Enums() {
    }

    static <E extends Enum<E>> E map(Enum<?> value, Class<E> to) {
        return value == null ? null : Enum.valueOf(to, value.name());
    }
}
