package shop.backorders.api.view;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.NonNull;

@Description("Where a page of a list ends, to ask for the next one with `after: endCursor`.")
public record PageInfo(
        @NonNull @Description("Whether more items follow this page.") boolean hasNextPage,
        @NonNull @Description("Whether items come before this page: true when it was asked for `after` a cursor.")
        boolean hasPreviousPage,
        @Description("Cursor of the first item on this page; null when the page is empty.") String startCursor,
        @Description("Cursor of the last item on this page; null when the page is empty.") String endCursor) {
}
