package shop.backorders.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;

import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import shop.backorders.live.ChangeFeed;

/** A test of live subscriptions, which start asynchronously: it can wait until they have. */
public abstract class LiveTest extends EngineTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    protected Vertx vertx;

    @Inject
    protected ChangeFeed feed;

    /** Waits until this many subscriptions follow the feed, none still reading its starting state. */
    protected void awaitSubscriptions(int expected) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (feed.watchers() != expected || feed.starting() != 0) {
            if (System.nanoTime() > deadline) {
                fail("expected " + expected + " started subscriptions, found " + feed.watchers() + " ("
                        + feed.starting() + " starting)");
            }
            Thread.sleep(20);
        }
        assertEquals(expected, feed.watchers());
    }
}
