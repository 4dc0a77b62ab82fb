package shop.backorders.api;

import java.time.LocalDate;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;

import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;

import io.smallrye.mutiny.Uni;
import shop.backorders.api.transport.SessionPerField;
import shop.backorders.api.trust.Callers;
import shop.backorders.api.trust.RateLimits;
import shop.backorders.api.view.BackorderLinkView;
import shop.backorders.api.view.BackorderStatus;
import shop.backorders.api.view.BackorderView;
import shop.backorders.api.view.Connections;
import shop.backorders.api.view.Cursors;
import shop.backorders.api.view.Enums;
import shop.backorders.api.view.Ids;
import shop.backorders.backorder.BackorderFilter;
import shop.backorders.backorder.BackorderService;
import shop.backorders.backorder.BackorderState;
import shop.backorders.shared.Caller;

/**
 * Backorders: customers see and answer for their own, staff for all. Links from mails act on one
 * backorder without a sign-in.
 */
@GraphQLApi
@SessionPerField
@RolesAllowed({ Callers.CUSTOMER, Callers.STAFF })
public class BackorderApi {

    private final BackorderService backorders;
    private final Callers callers;
    private final RateLimits limits;

    public BackorderApi(BackorderService backorders, Callers callers, RateLimits limits) {
        this.backorders = backorders;
        this.callers = callers;
        this.limits = limits;
    }

    @Query
    @Description("The backorder with this id, or null if there is none (or it is another customer's).")
    public Uni<BackorderView> backorder(@NonNull @Id @Description("Its id.") @Name("id") String id) {
        Long backorderId = Ids.parseOrNull(id);
        if (backorderId == null) {
            return Uni.createFrom().nullItem();
        }
        return backorders.find(backorderId, callers.current())
                .map(found -> found == null ? null : BackorderView.from(found));
    }

    @Query
    @NonNull
    @Description("Backorders in queue (first-come-first-served) order, filtered by any combination of product,"
            + " status and customer. A customer sees only their own, whatever customerEmail says.")
    public Uni<Connections.Backorders> backorders(
            @Description("Only this product's.") @Name("sku") String sku,
            @Description("Only those in this state.") @Name("status") BackorderStatus status,
            @Description("Only this customer's (addresses compared in normal form: ASCII case ignored,"
                    + " the domain as IDNA).") @Name("customerEmail") String email,
            @DefaultValue("20") @Description("Page size, 1-100.") @Name("first") int first,
            @Description("Cursor to continue after (`pageInfo.endCursor`).") @Name("after") String after) {
        BackorderFilter filter = new BackorderFilter(sku,
                Enums.map(status, shop.backorders.backorder.BackorderStatus.class), email, null);
        return backorders.search(filter, callers.current(), Cursors.decode(after), first).map(page -> Connections.of(
                page, after, BackorderState::fifoKey,
                (cursor, backorder) -> new Connections.BackorderEdge(cursor, BackorderView.from(backorder)),
                Connections.Backorders::new));
    }

    @Mutation
    @NonNull
    @Description("Cancels a backorder: its waiting units leave the queue and its allocated, unshipped units go to"
            + " the next in line. Units of the line allocated at once stay with the order."
            + " Errors: NOT_FOUND, INVALID_STATE (already fulfilled or cancelled), RATE_LIMITED.")
    public Uni<BackorderView> cancelBackorder(@NonNull @Id @Description("Its id.") @Name("id") String id) {
        Caller caller = callers.current();
        return limits.take(RateLimits.Kind.MAIL, caller)
                .chain(() -> backorders.cancelBackorder(Ids.parse("Backorder", id), caller))
                .chain(backorderId -> current(backorderId, caller));
    }

    @Mutation
    @NonNull
    @Description("The customer accepts the date their backorder slipped to (see ETA_SLIPPED): it becomes the new"
            + " promise and the backorder keeps its place. To refuse, cancel it instead."
            + " Errors: NOT_FOUND, INVALID_STATE (no slipped date waiting for an answer, or another date named).")
    public Uni<BackorderView> acceptNewEta(@NonNull @Id @Description("Its id.") @Name("backorderId") String id,
            @Description("The date the customer agrees to: the one they were asked about (the default) or the current"
                    + " estimate. Any other date is refused.")
            @Name("eta") LocalDate shown) {
        Caller caller = callers.current();
        return backorders.acceptNewEta(Ids.parse("Backorder", id), shown, caller)
                .chain(backorderId -> current(backorderId, caller));
    }

    @Query
    @PermitAll
    @NonNull
    @Description("What a link from a mail (its `token` parameter) offers, and the backorder it is about, for the"
            + " storefront's page that asks the customer to confirm; needs no sign-in and changes nothing."
            + " Errors: LINK_INVALID (forged, altered or unreadable), LINK_EXPIRED.")
    public Uni<BackorderLinkView> backorderLink(
            @NonNull @Description("The token from the link.") @Name("token") String token) {
        return backorders.openLink(token).map(BackorderLinkView::from);
    }

    @Mutation
    @PermitAll
    @NonNull
    @Description("Does what a link from a mail offers (accept the new date, or cancel), once the customer confirmed"
            + " it on the storefront; needs no sign-in. The link acts only on its own backorder, and only while"
            + " that is still in the state the mail was about. Errors: LINK_INVALID, LINK_EXPIRED, INVALID_STATE"
            + " (already answered, cancelled or filled).")
    public Uni<BackorderView> redeemBackorderLink(
            @NonNull @Description("The token from the link.") @Name("token") String token) {
        return backorders.redeemLink(token).chain(backorderId -> current(backorderId, Caller.STAFF));
    }

    /** Read after the change committed. */
    private Uni<BackorderView> current(long backorderId, Caller caller) {
        return backorders.find(backorderId, caller).map(BackorderView::from);
    }
}
