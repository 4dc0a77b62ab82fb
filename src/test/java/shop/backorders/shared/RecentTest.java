package shop.backorders.shared;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class RecentTest {

    @Test
    void keepsTheMostRecentlyUsedAndDropsTheOneLeastRecentlyUsed() {
        Recent<String, Integer> recent = new Recent<>(2);
        recent.put("a", 1);
        recent.put("b", 2);
        assertEquals(1, recent.get("a"));
        recent.put("c", 3);

        assertNull(recent.get("b"), "b was used least recently");
        assertEquals(1, recent.get("a"));
        assertEquals(3, recent.get("c"));
    }

    @Test
    void anAnswerPutAgainReplacesTheOneBefore() {
        Recent<String, Integer> recent = new Recent<>(2);
        recent.put("a", 1);
        recent.put("a", 2);
        recent.put("b", 3);

        assertEquals(2, recent.get("a"));
        assertEquals(3, recent.get("b"));
    }

    @Test
    void remembersAtLeastOne() {
        assertThrows(IllegalArgumentException.class, () -> new Recent<String, Integer>(0));
    }
}
