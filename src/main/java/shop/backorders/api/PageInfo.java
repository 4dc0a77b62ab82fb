package shop.backorders.api;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

@Description("Where a page of a list ends, to ask for the next one with `after: endCursor`.")
public record PageInfo(
        @NonNull @Description("Whether more items follow this page.") boolean hasNextPage,
        @Description("Cursor of the last item on this page; null when the page is empty.") String endCursor) {
}
