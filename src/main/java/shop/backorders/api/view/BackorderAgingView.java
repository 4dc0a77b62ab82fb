package shop.backorders.api.view;

import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

import shop.backorders.insight.AgeBucket;
import shop.backorders.insight.BackorderAging;

@Name("BackorderAging")
@Description("How long customers have waited, as of now: the backorders still WAITING (partly allocated ones too)"
        + " and the units they still wait for, by age (now minus the backorder's creation).")
public record BackorderAgingView(
        @NonNull @Description("Every waiting backorder (of the SKUs asked, if any), whatever the page.")
        WaitingView overall,
        @NonNull @Description("Per product with waiting backorders, worst off first: longest waiting first, then most"
                + " units waiting.") List<@NonNull ProductWaitingView> products,
        @NonNull @Description("Whether more products have waiting backorders than listed.") boolean moreProducts) {

    public static BackorderAgingView from(BackorderAging aging) {
        return new BackorderAgingView(WaitingView.from(aging.overall()),
                aging.products().stream().map(product -> new ProductWaitingView(product.sku(), product.name(),
                        WaitingView.from(product.waiting()))).toList(),
                aging.moreProducts());
    }

    @Name("WaitingBackorders")
    @Description("Waiting backorders and the units they still wait for, in all and per age bucket.")
    public record WaitingView(
            @NonNull @Description("Backorders waiting.") int backorders,
            @NonNull @Description("Units they still wait for (quantity minus units allocated so far).") int units,
            @NonNull @Description("Per age bucket, youngest first: < 1 day, 1-3, 3-7, 7-14, 14 days or more. Each"
                    + " bucket holds its lower edge and not its upper: a backorder exactly 1 day old is in 1-3"
                    + " days, one exactly 14 days old in 14 days or more.") List<@NonNull AgeBucketView> buckets,
            @Description("The backorder waiting longest; null when none waits.") OldestWaitView oldest) {

        static WaitingView from(BackorderAging.Waiting waiting) {
            return new WaitingView(waiting.backorders(), Math.toIntExact(waiting.units()),
                    waiting.buckets().stream().map(AgeBucketView::from).toList(),
                    waiting.oldest() == null ? null : OldestWaitView.from(waiting.oldest()));
        }
    }

    @Name("AgeBucket")
    @Description("Backorders that have waited at least fromDays and less than toDays.")
    public record AgeBucketView(
            @NonNull @Description("\"< 1 day\", \"1-3 days\", \"3-7 days\", \"7-14 days\" or \">= 14 days\".")
            String label,
            @NonNull @Description("Its lower edge, included, in days.") int fromDays,
            @Description("Its upper edge, excluded, in days; null for the last bucket.") Integer toDays,
            @NonNull @Description("Backorders waiting this long.") int backorders,
            @NonNull @Description("Units they still wait for.") int units) {

        static AgeBucketView from(BackorderAging.BucketCount count) {
            AgeBucket bucket = count.bucket();
            String label = bucket.toDays == null ? ">= " + bucket.fromDays + " days"
                    : bucket.fromDays == 0 ? "< " + bucket.toDays + " day"
                    : bucket.fromDays + "-" + bucket.toDays + " days";
            return new AgeBucketView(label, bucket.fromDays, bucket.toDays, count.backorders(),
                    Math.toIntExact(count.units()));
        }
    }

    @Name("OldestWait")
    @Description("The backorder waiting longest (the earliest created; the lower id on a tie).")
    public record OldestWaitView(
            @NonNull @Id @Description("The backorder.") String backorderId,
            @NonNull @Description("Its product.") String sku,
            @NonNull @Description("When it was created.") Instant since,
            @NonNull @Description("Days it has waited until now, with fractions.") double days) {

        static OldestWaitView from(BackorderAging.OldestWait oldest) {
            return new OldestWaitView(Ids.of(oldest.backorderId()), oldest.sku(), oldest.since(), oldest.days());
        }
    }

    @Name("ProductWaiting")
    @Description("One product's waiting backorders.")
    public record ProductWaitingView(
            @NonNull @Description("The product.") String sku,
            @NonNull @Description("Its name.") String name,
            @NonNull @Description("Its waiting backorders by age.") WaitingView waiting) {
    }
}
