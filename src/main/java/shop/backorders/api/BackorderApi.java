package shop.backorders.api;

import java.time.LocalDate;

import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;

import io.smallrye.mutiny.Uni;
import shop.backorders.backorder.BackorderFilter;
import shop.backorders.backorder.BackorderService;

@GraphQLApi
@SessionPerField
public class BackorderApi {

    private final BackorderService backorders;

    public BackorderApi(BackorderService backorders) {
        this.backorders = backorders;
    }

    @Query
    @Description("The backorder with this id, or null if there is none.")
    public Uni<BackorderView> backorder(@NonNull @Id @Description("Its id.") @Name("id") String id) {
        Long backorderId = Ids.parseOrNull(id);
        if (backorderId == null) {
            return Uni.createFrom().nullItem();
        }
        return backorders.find(backorderId).map(found -> found == null ? null : BackorderView.from(found));
    }

    @Query
    @NonNull
    @Description("Backorders in queue (first-come-first-served) order, filtered by any combination of product,"
            + " status and customer.")
    public Uni<Connections.Backorders> backorders(
            @Description("Only this product's.") @Name("sku") String sku,
            @Description("Only those in this state.") @Name("status") BackorderStatus status,
            @Description("Only this customer's, compared case-insensitively.") @Name("customerEmail") String email,
            @DefaultValue("20") @Description("Page size, 1-100.") @Name("first") int first,
            @Description("Cursor to continue after (`pageInfo.endCursor`).") @Name("after") String after) {
        BackorderFilter filter = new BackorderFilter(sku,
                Enums.map(status, shop.backorders.backorder.BackorderStatus.class), email, null);
        return backorders.search(filter, Cursors.decode(after), first).map(page -> {
            var edges = page.items().stream()
                    .map(backorder -> new Connections.BackorderEdge(Cursors.encode(backorder.fifoKey()),
                            BackorderView.from(backorder)))
                    .toList();
            return new Connections.Backorders(edges,
                    Connections.pageInfo(edges.stream().map(Connections.BackorderEdge::cursor).toList(),
                            page.hasNext()));
        });
    }

    @Mutation
    @NonNull
    @Description("Cancels a backorder: its waiting units leave the queue and its allocated, unshipped units go to"
            + " the next in line. Units of the line allocated at once stay with the order."
            + " Errors: NOT_FOUND, INVALID_STATE (already fulfilled or cancelled).")
    public Uni<BackorderView> cancelBackorder(@NonNull @Id @Description("Its id.") @Name("id") String id) {
        return backorders.cancelBackorder(Ids.parse("Backorder", id))
                .chain(backorders::find)
                .map(BackorderView::from);
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
        return backorders.acceptNewEta(Ids.parse("Backorder", id), shown)
                .chain(backorders::find)
                .map(BackorderView::from);
    }
}
