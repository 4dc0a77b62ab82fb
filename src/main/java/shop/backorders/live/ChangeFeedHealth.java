package shop.backorders.live;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Not ready while not listening for changes: live subscribers here would miss them. Also tells how many
 * live subscriptions this instance serves, and how many are still reading their starting state.
 */
@Readiness
@ApplicationScoped
public class ChangeFeedHealth implements HealthCheck {

    private final ChangeFeed feed;

    public ChangeFeedHealth(ChangeFeed feed) {
        this.feed = feed;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("Listening for changes").status(feed.isListening())
                .withData("subscriptions", feed.watchers())
                .withData("starting", feed.starting())
                .build();
    }
}
