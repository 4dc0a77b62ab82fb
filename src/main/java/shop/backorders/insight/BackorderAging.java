package shop.backorders.insight;

import java.time.Instant;
import java.util.List;

/** How long customers have waited: overall, and for the products worst off (longest wait first). */
public record BackorderAging(Waiting overall, List<ProductWaiting> products, boolean moreProducts) {

    /** Waiting backorders and their units, in all and per age bucket, with the one waiting longest. */
    public record Waiting(int backorders, long units, List<BucketCount> buckets, OldestWait oldest) {
    }

    /** One age bucket's backorders and the units they still wait for. */
    public record BucketCount(AgeBucket bucket, int backorders, long units) {
    }

    /** The backorder waiting longest: since when, for how many days (fractional). */
    public record OldestWait(long backorderId, String sku, Instant since, double days) {
    }

    public record ProductWaiting(long productId, String sku, String name, Waiting waiting) {
    }
}
