package shop.backorders.api;

import jakarta.annotation.security.PermitAll;

import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Source;

import io.smallrye.graphql.api.Context;
import io.smallrye.mutiny.Uni;
import shop.backorders.api.transport.RequestBatches;
import shop.backorders.api.view.AvailabilityView;
import shop.backorders.api.view.Ids;
import shop.backorders.api.view.ProductView;
import shop.backorders.live.LiveAvailability;
import shop.backorders.ordering.Availability;
import shop.backorders.ordering.AvailabilityService;

/**
 * A product's availability, which anyone may ask. Loaded for a whole response at once (RequestBatches), so not
 * on a session of its own per field as the other rooms' fields are: the load must be asked for as graphql-java
 * calls the field, and each batch takes a session of its own.
 */
@GraphQLApi
@PermitAll
public class AvailabilityApi {

    private final AvailabilityService availability;
    private final LiveAvailability live;
    private final Context context;

    public AvailabilityApi(AvailabilityService availability, LiveAvailability live, Context context) {
        this.availability = availability;
        this.live = live;
        this.context = context;
    }

    @NonNull
    @Description("What an order for this many units would get if placed now: what ships at once, what waits and"
            + " when each part is expected, or why it would be refused; counts shown as the product's. In"
            + " stockChanged, for one unit (the default), as of the event or later, worked out once for every"
            + " watcher; for any other quantity, when the event is sent to each watcher. Errors: INVALID_QUANTITY.")
    public Uni<AvailabilityView> availability(@Source ProductView product,
            @DefaultValue("1") @Description("Units asked about, 1-1,000,000.") @Name("quantity") int quantity) {
        long productId = Ids.parse("Product", product.id());
        Uni<Availability> asked = quantity == 1 && product.liveVersion() != null
                ? live.oneUnit(productId, product.liveVersion())
                : RequestBatches.load(context, "availability", new AvailabilityService.Asked(productId, quantity),
                        availability::of);
        return asked.map(answer -> AvailabilityView.from(answer, product.visibility()));
    }
}
