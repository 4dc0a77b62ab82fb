package shop.backorders.shared;

import java.util.EnumMap;
import java.util.Map;
import java.util.function.Function;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** Counters for /q/metrics. */
public final class Counters {

    private Counters() {
    }

    /**
     * One counter of this name per value of an enum, labelled by it: every series is registered up front, so it
     * shows at 0 from the start (Prometheus misses a series' first increment), and the label's values are bounded.
     */
    public static <E extends Enum<E>> Map<E, Counter> perValue(MeterRegistry registry, String name,
            String description, String label, Class<E> values, Function<E, String> value) {
        Map<E, Counter> counters = new EnumMap<>(values);
        for (E each : values.getEnumConstants()) {
            counters.put(each, Counter.builder(name).description(description).tag(label, value.apply(each))
                    .register(registry));
        }
        return counters;
    }
}
