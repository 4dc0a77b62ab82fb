package shop.backorders.backorder;

import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * When each waiting backorder of a product can expect its units. Walks the queue in first-come-first-
 * served order against the known supply in order of arrival: units held on hand for a pre-order's release
 * date first, then open inbound shipments by expected date. A backorder covered by that supply gets the
 * day its last unit arrives; past known supply it gets its creation day plus the supplier's lead time,
 * and once that day has passed unfilled, today plus the lead time (a slip, held until it passes too). A
 * pre-order never gets a day before the release date, and nobody a day already gone (a late shipment is
 * expected today). Each estimate also says by when its units very likely arrive given the suppliers' records:
 * the latest of its supply's days plus that supply's supplier delay. Pure: the caller reads the inputs and
 * writes the results.
 */
public final class EtaPlan {

    private EtaPlan() {
    }

    /**
     * A waiting backorder, in queue order.
     *
     * @param leadTimeEta the lead-time date it was last given, if its estimate came from the lead time
     */
    public record Waiting(long backorderId, int units, LocalDate createdOn, boolean preorder, LocalDate leadTimeEta) {
    }

    /**
     * Units expected on a day: an inbound shipment, or (id null) stock held for the release date.
     *
     * @param delayDays how many days after its day it very likely arrives (its supplier's 90th-percentile delay;
     *                  0 for stock on hand); null if that is unknown
     */
    public record Supply(Long inboundShipmentId, int units, LocalDate arrivesOn, Integer delayDays) {
    }

    /**
     * Past known supply: the supplier's lead time, and its delay as for {@link Supply#delayDays}.
     */
    public record LeadTime(int days, Integer delayDays) {
    }

    /**
     * An estimate.
     *
     * @param latest the day by which its units very likely arrive given the suppliers' records, never before the
     *               date (equal to it where they keep their dates); null where no record applies: a release date,
     *               no supplier, too little history
     */
    public record Eta(LocalDate date, EtaSource source, Long inboundShipmentId, LocalDate latest) {

        /** An estimate with no range. */
        public Eta(LocalDate date, EtaSource source, Long inboundShipmentId) {
            this(date, source, inboundShipmentId, null);
        }
    }

    /**
     * @param queue        the whole queue
     * @param supply       in order of arrival
     * @param releaseDate  the product's release date if it is a pre-order product, else null
     */
    public static Map<Long, Eta> of(List<Waiting> queue, List<Supply> supply, LeadTime leadTime,
            LocalDate releaseDate, LocalDate today) {
        return of(queue, 0, supply, leadTime, releaseDate, today);
    }

    /**
     * Plans the back of a queue alone: the units waiting ahead of it take the supply first.
     *
     * @param queue     the last backorders of the queue
     * @param unitsAhead the units all backorders ahead of them wait for
     */
    public static Map<Long, Eta> of(List<Waiting> queue, long unitsAhead, List<Supply> supply, LeadTime leadTime,
            LocalDate releaseDate, LocalDate today) {
        Walk walk = new Walk(supply, unitsAhead);
        Map<Long, Eta> etas = new LinkedHashMap<>();
        for (Waiting backorder : queue) {
            List<Part> parts = walk.take(backorder.units());
            boolean covered = parts.stream().mapToInt(Part::units).sum() == backorder.units() && !parts.isEmpty();
            Eta eta = covered ? allOf(parts, today) : fromLeadTime(backorder, leadTime, today);
            etas.put(backorder.backorderId(), notBeforeRelease(backorder, eta, releaseDate));
        }
        return etas;
    }

    /**
     * A backorder covered by these parts: the day its last unit arrives, and the latest day any part very likely
     * arrives (an earlier delivery from a less reliable supplier may come after the last); no range if the last
     * part is stock held for the release date or any part's supplier delay is unknown.
     */
    private static Eta allOf(List<Part> parts, LocalDate today) {
        Eta last = fromSupply(parts.get(parts.size() - 1).supply(), today);
        LocalDate latest = last.latest();
        for (Part part : parts) {
            LocalDate partLatest = lateBy(part.supply(), today);
            if (partLatest == null || latest == null) {
                return new Eta(last.date(), last.source(), last.inboundShipmentId());
            }
            latest = partLatest.isAfter(latest) ? partLatest : latest;
        }
        return new Eta(last.date(), last.source(), last.inboundShipmentId(), latest);
    }

    /** Some of a backorder's units, the day they are expected, and why. */
    public record Delivery(int units, Eta eta) {
    }

    /**
     * How the units of one backorder joining the back of the queue would arrive, in the order they would: the
     * part each supply would cover, then the rest by the lead time. The same walk as {@link #of}: its last part
     * is expected on the day {@code of} gives the backorder, unless the lead time comes before a later part.
     */
    public static List<Delivery> deliveries(Waiting newcomer, long unitsAhead, List<Supply> supply,
            LeadTime leadTime, LocalDate releaseDate, LocalDate today) {
        List<Delivery> deliveries = new ArrayList<>();
        int covered = 0;
        for (Part part : new Walk(supply, unitsAhead).take(newcomer.units())) {
            deliveries.add(new Delivery(part.units(),
                    notBeforeRelease(newcomer, fromSupply(part.supply(), today), releaseDate)));
            covered += part.units();
        }
        if (covered < newcomer.units()) {
            deliveries.add(new Delivery(newcomer.units() - covered,
                    notBeforeRelease(newcomer, fromLeadTime(newcomer, leadTime, today), releaseDate)));
        }
        return deliveries;
    }

    /** Units a supply would bring a backorder. */
    private record Part(Supply supply, int units) {
    }

    /** The supply not yet taken, handed out in queue order. */
    private static final class Walk {

        private final Deque<Supply> remaining;
        private int leftInFirst;

        /** The supply as it is left once the units waiting ahead have taken theirs. */
        Walk(List<Supply> supply, long unitsAhead) {
            remaining = new ArrayDeque<>(supply);
            long ahead = unitsAhead;
            while (!remaining.isEmpty() && ahead >= remaining.peekFirst().units()) {
                ahead -= remaining.pollFirst().units();
            }
            leftInFirst = remaining.isEmpty() ? 0 : remaining.peekFirst().units() - (int) ahead;
        }

        /** Up to this many units from what is left, in order of arrival. */
        List<Part> take(int units) {
            List<Part> parts = new ArrayList<>();
            int needed = units;
            while (needed > 0 && !remaining.isEmpty()) {
                int taken = Math.min(needed, leftInFirst);
                needed -= taken;
                leftInFirst -= taken;
                parts.add(new Part(remaining.peekFirst(), taken));
                if (leftInFirst == 0) {
                    remaining.pollFirst();
                    leftInFirst = remaining.isEmpty() ? 0 : remaining.peekFirst().units();
                }
            }
            return parts;
        }
    }

    /** A pre-order never gets a day before the release date. */
    private static Eta notBeforeRelease(Waiting backorder, Eta eta, LocalDate releaseDate) {
        return backorder.preorder() && releaseDate != null && eta.date().isBefore(releaseDate)
                ? new Eta(releaseDate, EtaSource.RELEASE_DATE, null) : eta;
    }

    /**
     * A shipment that is late is expected any day now: today, not a day gone by. Stock held for the release date
     * has no range.
     */
    private static Eta fromSupply(Supply supply, LocalDate today) {
        LocalDate day = arrival(supply, today);
        return supply.inboundShipmentId() == null ? new Eta(day, EtaSource.RELEASE_DATE, null)
                : new Eta(day, EtaSource.INBOUND_SHIPMENT, supply.inboundShipmentId(), lateBy(supply, today));
    }

    private static LocalDate arrival(Supply supply, LocalDate today) {
        return supply.arrivesOn().isBefore(today) ? today : supply.arrivesOn();
    }

    /** The day by which the supply very likely arrives; null if its supplier's delay is unknown. */
    private static LocalDate lateBy(Supply supply, LocalDate today) {
        return supply.delayDays() == null ? null : arrival(supply, today).plusDays(supply.delayDays());
    }

    /**
     * Creation day + lead time; once that day has passed, today + lead time, which then holds until it
     * passes in turn: a slipped date moves in steps of the lead time, not a day every day.
     */
    private static Eta fromLeadTime(Waiting backorder, LeadTime leadTime, LocalDate today) {
        int leadTimeDays = leadTime.days();
        LocalDate promised = backorder.createdOn().plusDays(leadTimeDays);
        LocalDate last = backorder.leadTimeEta();
        LocalDate date;
        if (!promised.isBefore(today)) {
            date = promised;
        } else if (last != null && last.isAfter(promised) && !last.isBefore(today)) {
            date = last;
        } else {
            date = today.plusDays(leadTimeDays);
        }
        return new Eta(date, EtaSource.LEAD_TIME, null,
                leadTime.delayDays() == null ? null : date.plusDays(leadTime.delayDays()));
    }
}
