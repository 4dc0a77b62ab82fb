package shop.backorders.api.transport;

import java.io.IOException;
import java.util.logging.Filter;
import java.util.logging.Level;
import java.util.logging.LogRecord;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import io.vertx.core.http.HttpClosedException;

/**
 * Subscribers leaving is no warning. SmallRye GraphQL (2.17) logs whatever a subscription socket reports as
 * "Error in websocket" at WARN, and Vert.x reports a client's ordinary departure that way: the connection ended
 * without a close frame (a closed tab, an exiting process: {@link HttpClosedException}), or reset (a lost
 * network, a killed client: an {@link IOException}, followed by the former). One or two warnings per subscriber
 * that left, 16,000 when 10,000 left together. These move to DEBUG in the same category; anything else the
 * socket reports, and every other message of SmallRye's handler ("Cannot execute GraphQL operation"), stays a
 * warning. A filter on the category's logger rather than a level, which would hide those too.
 */
@ApplicationScoped
class ClientDepartures implements Filter {

    static final String CATEGORY = "io.smallrye.graphql.websocket.GraphQLWebsocketHandler";
    private static final String SOCKET_ERROR = "Error in websocket";
    private static final Logger LOG = Logger.getLogger(CATEGORY);

    void install(@Observes StartupEvent started) {
        java.util.logging.Logger.getLogger(CATEGORY).setFilter(this);
    }

    @Override
    public boolean isLoggable(LogRecord record) {
        if (record.getLevel().intValue() != Level.WARNING.intValue() || !SOCKET_ERROR.equals(record.getMessage())
                || !isDeparture(record.getThrown())) {
            return true;
        }
        LOG.debugf("A subscriber left: %s", record.getThrown());
        return false;
    }

    private static boolean isDeparture(Throwable thrown) {
        return thrown instanceof HttpClosedException || thrown instanceof IOException;
    }
}
