package shop.backorders.shared;

import java.util.List;

/** A slice of a list ordered by a numeric key, and whether more follow. */
public record Page<T>(List<T> items, boolean hasNext) {

    public static final int MAX_SIZE = 100;

    /** Builds a page from a query that asked for one item more than the page size. */
    public static <T> Page<T> of(List<T> fetched, int size) {
        return fetched.size() > size ? new Page<>(fetched.subList(0, size), true) : new Page<>(fetched, false);
    }

    public static int checkedSize(int size) {
        if (size < 1 || size > MAX_SIZE) {
            throw ShopException.invalidInput("first must be between 1 and " + MAX_SIZE + ", got " + size);
        }
        return size;
    }
}
