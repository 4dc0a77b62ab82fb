package shop.backorders.shared;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The most recently used answers to questions asked again and again, at most a fixed number: the least
 * recently used one makes room. Safe to share between threads (event loops ask it for every request, so
 * it is a plain lock around a {@link LinkedHashMap} in access order, held for a lookup or an insert).
 */
public final class Recent<K, V> {

    private final Map<K, V> entries;

    public Recent(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("Remembers at least one answer, got a capacity of " + capacity);
        }
        this.entries = new LinkedHashMap<>(capacity * 2, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > capacity;
            }
        };
    }

    /** The answer remembered for this key, or null. */
    public synchronized V get(K key) {
        return entries.get(key);
    }

    /** Remembers the answer, making room if need be. */
    public synchronized void put(K key, V value) {
        entries.put(key, value);
    }
}
