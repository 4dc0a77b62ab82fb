package shop.backorders.shared;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import io.quarkus.arc.DefaultBean;

/**
 * The shop's time. Dates such as release dates are calendar days in the shop's own time zone,
 * not in UTC; tests replace the {@link Clock} to move time.
 */
@ApplicationScoped
public class ShopClock {

    private final Clock clock;
    private final ZoneId zone;

    @Inject
    public ShopClock(Clock clock, ShopConfig config) {
        this(clock, config.timeZone());
    }

    public ShopClock(Clock clock, ZoneId zone) {
        this.clock = clock;
        this.zone = zone;
    }

    public Instant now() {
        return clock.instant();
    }

    public LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), zone);
    }

    public ZoneId zone() {
        return zone;
    }

    static class SystemClockProducer {

        @Produces
        @Singleton
        @DefaultBean
        Clock systemClock() {
            return Clock.systemUTC();
        }
    }
}
