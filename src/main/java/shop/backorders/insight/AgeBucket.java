package shop.backorders.insight;

/**
 * How long a waiting backorder has waited, from its creation to now. Each bucket holds its lower edge and not
 * its upper one: a backorder of exactly 1 day is in 1 to 3 days, one of exactly 14 days in 14 days or more.
 */
public enum AgeBucket {
    UNDER_1_DAY(0, 1),
    DAYS_1_TO_3(1, 3),
    DAYS_3_TO_7(3, 7),
    DAYS_7_TO_14(7, 14),
    DAYS_14_OR_MORE(14, null);

    public final int fromDays;
    /** The first day no longer in it; null for the last bucket. */
    public final Integer toDays;

    AgeBucket(int fromDays, Integer toDays) {
        this.fromDays = fromDays;
        this.toDays = toDays;
    }

    /** The lower edges of every bucket but the first, in order: the thresholds SQL's width_bucket takes. */
    static Integer[] edges() {
        AgeBucket[] buckets = values();
        Integer[] edges = new Integer[buckets.length - 1];
        for (int i = 1; i < buckets.length; i++) {
            edges[i - 1] = buckets[i].fromDays;
        }
        return edges;
    }
}
