package shop.backorders.live;

import java.time.LocalDate;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

import jakarta.enterprise.context.ApplicationScoped;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import shop.backorders.ordering.Availability;
import shop.backorders.ordering.AvailabilityService;
import shop.backorders.shared.OwnContext;
import shop.backorders.shared.Recent;
import shop.backorders.shared.ShopClock;

/**
 * What one unit of a watched product would get, for the product's live watchers: worked out at most once per
 * stock version and day on this instance, when first asked, and then handed to everyone asking about that
 * version or an older one. Every change that can move it (stock, queue, inbound supply, the product's terms, a
 * pre-order's release) bumps the stock version, and its day is the shop's today, so an answer is never older
 * than the event it rides on. Versions only go up here, so a watcher never sees the answer go back in time
 * either: one asking about an older event gets the newest answer, read after it.
 */
@ApplicationScoped
public class LiveAvailability {

    /** Products remembered: those being watched, with room to spare. */
    private static final int REMEMBERED = 4_096;

    private final AvailabilityService availability;
    private final ShopClock clock;
    private final Recent<Long, Answer> latest = new Recent<>(REMEMBERED);
    private final LongAdder computed = new LongAdder();

    public LiveAvailability(AvailabilityService availability, ShopClock clock) {
        this.availability = availability;
        this.clock = clock;
    }

    /** A unit of the product, as of this stock version or later, today; answered on the asker's context. */
    public Uni<Availability> oneUnit(long productId, long version) {
        Context asker = Vertx.currentContext();
        Uni<Availability> answer = answerFor(productId, version).answer();
        return asker == null ? answer : answer.emitOn(task -> asker.runOnContext(ignored -> task.run()));
    }

    /** How many times one was worked out: once per version (and day) asked about, however many asked. */
    public long computed() {
        return computed.sum();
    }

    private synchronized Answer answerFor(long productId, long version) {
        LocalDate today = clock.today();
        Answer known = latest.get(productId);
        if (known != null && known.version() >= version && known.day().equals(today)) {
            return known;
        }
        // Read after the event of this version reached this instance, so as of it or later.
        Answer fresh = new Answer(known == null ? version : Math.max(version, known.version()), today,
                compute(productId));
        latest.put(productId, fresh);
        return fresh;
    }

    /** Read once for everyone asking; a failure (the database away) is not remembered: the next asker reads. */
    private Uni<Availability> compute(long productId) {
        AtomicBoolean failed = new AtomicBoolean();
        return OwnContext.run(() -> {
            failed.set(false);
            computed.increment();
            return availability.of(new AvailabilityService.Asked(productId, 1));
        }).onFailure().invoke(() -> failed.set(true)).memoize().until(failed::get);
    }

    private record Answer(long version, LocalDate day, Uni<Availability> answer) {
    }
}
