package shop.backorders.api.view;

import org.eclipse.microprofile.graphql.Description;

@Description("WAITING → ALLOCATED → FULFILLED, and WAITING or ALLOCATED → CANCELLED.")
public enum BackorderStatus {
    @Description("In the queue. Some units may already be allocated to it (`allocated`); it stays at the head of"
            + " the line until all are.")
    WAITING,
    @Description("Every unit is allocated and reserved; it has left the queue and waits to ship.")
    ALLOCATED,
    @Description("Every unit shipped.")
    FULFILLED,
    @Description("Cancelled: its waiting units left the queue and its unshipped allocated units went to the next in"
            + " line. Units already shipped stay shipped.")
    CANCELLED
}
