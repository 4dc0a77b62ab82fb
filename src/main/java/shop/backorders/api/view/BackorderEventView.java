package shop.backorders.api.view;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

import shop.backorders.live.BackorderEvent;

@Name("BackorderEvent")
@Description("Something that happened to a backorder, with its state as of that change.")
public record BackorderEventView(
        @NonNull @Description("What happened.") BackorderEventType type,
        @Description("The backorder's new state; null for RESYNC.") BackorderView backorder) {

    public static BackorderEventView from(BackorderEvent event) {
        return event.isResync() ? new BackorderEventView(BackorderEventType.RESYNC, null)
                : new BackorderEventView(Enums.map(event.change(), BackorderEventType.class),
                        BackorderView.from(event.backorder()));
    }

    @Name("BackorderEventType")
    @Description("What happened to a backorder.")
    public enum BackorderEventType {
        @Description("It joined the queue.")
        CREATED,
        @Description("Backorders ahead of it left the queue: it moved up.")
        QUEUE_POSITION_CHANGED,
        @Description("Some of its units were set aside; it still waits for the rest, at the head of the line.")
        PARTIALLY_ALLOCATED,
        @Description("All its units are set aside; it left the queue and waits to ship.")
        ALLOCATED,
        @Description("Some of its units shipped.")
        PARTIALLY_SHIPPED,
        @Description("All its units shipped.")
        FULFILLED,
        @Description("It was cancelled.")
        CANCELLED,
        @Description("Its expected date moved.")
        ETA_CHANGED,
        @Description("Its expected date slipped past the one promised: the customer is asked to accept the new date"
                + " (acceptNewEta) or cancel, before eta.consentDeadline.")
        ETA_SLIPPED,
        @Description("The slipped date was accepted and is the new promise.")
        ETA_ACCEPTED,
        @Description("Changes may have been missed while the service was disconnected from its database: refetch"
                + " what you show.")
        RESYNC
    }
}
