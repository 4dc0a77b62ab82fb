package shop.backorders.backorder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;

import shop.backorders.backorder.EtaPlan.Eta;
import shop.backorders.backorder.EtaPlan.LeadTime;
import shop.backorders.backorder.EtaPlan.Supply;
import shop.backorders.backorder.EtaPlan.Waiting;

class EtaPlanTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 30);

    @Test
    void theQueueIsWalkedAgainstShipmentsByArrivalAndPastThemFallsBackToLeadTime() {
        List<Supply> supply = List.of(new Supply(1L, 5, LocalDate.of(2026, 12, 10), null),
                new Supply(2L, 4, LocalDate.of(2026, 12, 20), null));
        List<Waiting> queue = List.of(waiting(10, 3, TODAY), waiting(11, 3, TODAY), waiting(12, 3, TODAY),
                waiting(13, 1, TODAY));

        Map<Long, Eta> etas = EtaPlan.of(queue, supply, lead(14), null, TODAY);

        assertEquals(new Eta(LocalDate.of(2026, 12, 10), EtaSource.INBOUND_SHIPMENT, 1L), etas.get(10L));
        assertEquals(new Eta(LocalDate.of(2026, 12, 20), EtaSource.INBOUND_SHIPMENT, 2L), etas.get(11L),
                "its last unit comes with the second shipment");
        assertEquals(new Eta(LocalDate.of(2026, 12, 20), EtaSource.INBOUND_SHIPMENT, 2L), etas.get(12L),
                "the last 3 units of the second shipment cover it exactly");
        assertEquals(new Eta(TODAY.plusDays(14), EtaSource.LEAD_TIME, null), etas.get(13L), "past known supply");
    }

    @Test
    void aNewcomersUnitsArriveInPartsAfterThoseAheadTookTheirs() {
        List<Supply> supply = List.of(new Supply(1L, 5, LocalDate.of(2026, 12, 10), null),
                new Supply(2L, 4, LocalDate.of(2026, 12, 20), null));
        Waiting newcomer = waiting(9, 7, TODAY);

        List<EtaPlan.Delivery> parts = EtaPlan.deliveries(newcomer, 3, supply, lead(14), null, TODAY);

        assertEquals(List.of(
                new EtaPlan.Delivery(2, new Eta(LocalDate.of(2026, 12, 10), EtaSource.INBOUND_SHIPMENT, 1L)),
                new EtaPlan.Delivery(4, new Eta(LocalDate.of(2026, 12, 20), EtaSource.INBOUND_SHIPMENT, 2L)),
                new EtaPlan.Delivery(1, new Eta(TODAY.plusDays(14), EtaSource.LEAD_TIME, null))), parts);
        assertEquals(parts.get(2).eta(), EtaPlan.of(List.of(newcomer), 3, supply, lead(14), null, TODAY).get(9L),
                "the last part is the estimate the backorder is given");
    }

    @Test
    void aPartlyCoveredBackorderWaitsForTheLeadTime() {
        Map<Long, Eta> etas = EtaPlan.of(List.of(waiting(1, 5, TODAY)),
                List.of(new Supply(7L, 4, LocalDate.of(2026, 12, 3), null)), lead(10), null, TODAY);

        assertEquals(new Eta(TODAY.plusDays(10), EtaSource.LEAD_TIME, null), etas.get(1L));
    }

    @Test
    void aLeadTimeThatHasPassedUnfilledSlipsToTodayPlusTheLeadTime() {
        Map<Long, Eta> etas = EtaPlan.of(List.of(waiting(1, 1, LocalDate.of(2026, 11, 1)),
                waiting(2, 1, LocalDate.of(2026, 11, 20)), waiting(3, 1, LocalDate.of(2026, 11, 16))),
                List.of(), lead(14), null, TODAY);

        assertEquals(LocalDate.of(2026, 12, 14), etas.get(1L).date(), "Nov 15 has passed: today + 14 days");
        assertEquals(LocalDate.of(2026, 12, 4), etas.get(2L).date(), "created + 14 days is still ahead");
        assertEquals(TODAY, etas.get(3L).date(), "due today has not passed yet");
    }

    @Test
    void aPreorderNeverExpectsItsUnitsBeforeTheReleaseDate() {
        LocalDate release = LocalDate.of(2027, 1, 15);
        List<Supply> supply = List.of(new Supply(null, 2, release, 0),
                new Supply(5L, 10, LocalDate.of(2026, 12, 5), null));
        List<Waiting> queue = List.of(new Waiting(1, 2, TODAY, true, null),
                new Waiting(2, 2, TODAY, true, null), new Waiting(3, 1, TODAY, false, null));

        Map<Long, Eta> etas = EtaPlan.of(queue, supply, lead(3), release, TODAY);

        assertEquals(new Eta(release, EtaSource.RELEASE_DATE, null), etas.get(1L), "held stock ships on release");
        assertEquals(new Eta(release, EtaSource.RELEASE_DATE, null), etas.get(2L), "arrives earlier, waits for it");
        assertEquals(new Eta(LocalDate.of(2026, 12, 5), EtaSource.INBOUND_SHIPMENT, 5L), etas.get(3L),
                "an ordinary backorder is not held back");
    }

    @Test
    void aSlippedDateHoldsUntilItPassesInTurn() {
        LocalDate created = LocalDate.of(2026, 11, 1);
        LocalDate slipped = LocalDate.of(2026, 12, 5);

        assertEquals(slipped, EtaPlan.of(List.of(new Waiting(1, 1, created, false, slipped)), List.of(), lead(14),
                null, TODAY).get(1L).date(), "Dec 5 is still ahead: it holds");
        assertEquals(LocalDate.of(2026, 12, 20), EtaPlan.of(List.of(new Waiting(1, 1, created, false, slipped)),
                List.of(), lead(14), null, LocalDate.of(2026, 12, 6)).get(1L).date(), "Dec 5 passed: Dec 6 + 14 days");
    }

    @Test
    void aLateShipmentIsExpectedToday() {
        Map<Long, Eta> etas = EtaPlan.of(List.of(waiting(1, 1, TODAY.minusDays(20))),
                List.of(new Supply(4L, 1, TODAY.minusDays(2), null)), lead(30), null, TODAY);

        assertEquals(new Eta(TODAY, EtaSource.INBOUND_SHIPMENT, 4L), etas.get(1L));
    }

    @Test
    void noQueueNoEstimates() {
        assertTrue(EtaPlan.of(List.of(), List.of(new Supply(1L, 3, TODAY, null)), lead(5), null, TODAY).isEmpty());
    }

    @Test
    void anEstimateRunsToItsDatePlusItsSuppliersDelay() {
        List<Supply> supply = List.of(new Supply(1L, 2, LocalDate.of(2026, 12, 10), 7),
                new Supply(2L, 2, LocalDate.of(2026, 12, 12), 0));
        List<Waiting> queue = List.of(waiting(1, 2, TODAY), waiting(2, 2, TODAY), waiting(3, 1, TODAY));

        Map<Long, Eta> etas = EtaPlan.of(queue, supply, new LeadTime(14, 5), null, TODAY);

        assertEquals(new Eta(LocalDate.of(2026, 12, 10), EtaSource.INBOUND_SHIPMENT, 1L, LocalDate.of(2026, 12, 17)),
                etas.get(1L));
        assertEquals(new Eta(LocalDate.of(2026, 12, 12), EtaSource.INBOUND_SHIPMENT, 2L, LocalDate.of(2026, 12, 12)),
                etas.get(2L), "a supplier that keeps its dates: latest is the date, no range");
        assertEquals(new Eta(TODAY.plusDays(14), EtaSource.LEAD_TIME, null, TODAY.plusDays(19)), etas.get(3L),
                "past known supply, the product's supplier's delay");
        assertEquals(new Eta(TODAY.plusDays(14), EtaSource.LEAD_TIME, null),
                EtaPlan.of(List.of(waiting(4, 1, TODAY)), List.of(), lead(14), null, TODAY).get(4L),
                "a supplier without enough history gives no range");
    }

    @Test
    void aBackorderOfSeveralDeliveriesRunsToTheLatestOfThem() {
        Waiting both = waiting(1, 4, TODAY);
        List<Supply> slowFirst = List.of(new Supply(1L, 2, LocalDate.of(2026, 12, 10), 9),
                new Supply(2L, 2, LocalDate.of(2026, 12, 12), 2));

        assertEquals(new Eta(LocalDate.of(2026, 12, 12), EtaSource.INBOUND_SHIPMENT, 2L, LocalDate.of(2026, 12, 19)),
                EtaPlan.of(List.of(both), slowFirst, lead(14), null, TODAY).get(1L),
                "the earlier delivery's supplier is the less reliable one");
        List<Supply> unknownFirst = List.of(new Supply(1L, 2, LocalDate.of(2026, 12, 10), null),
                new Supply(2L, 2, LocalDate.of(2026, 12, 12), 2));
        assertEquals(new Eta(LocalDate.of(2026, 12, 12), EtaSource.INBOUND_SHIPMENT, 2L),
                EtaPlan.of(List.of(both), unknownFirst, lead(14), null, TODAY).get(1L),
                "one part of unknown record: no range");
        assertEquals(List.of(
                new EtaPlan.Delivery(2, new Eta(LocalDate.of(2026, 12, 10), EtaSource.INBOUND_SHIPMENT, 1L,
                        LocalDate.of(2026, 12, 19))),
                new EtaPlan.Delivery(2, new Eta(LocalDate.of(2026, 12, 12), EtaSource.INBOUND_SHIPMENT, 2L,
                        LocalDate.of(2026, 12, 14))),
                new EtaPlan.Delivery(1, new Eta(TODAY.plusDays(14), EtaSource.LEAD_TIME, null, TODAY.plusDays(17)))),
                EtaPlan.deliveries(waiting(2, 5, TODAY), 0, slowFirst, new LeadTime(14, 3), null, TODAY),
                "each part of an availability has its own range");
    }

    @Test
    void aReleaseDateHasNoRange() {
        LocalDate release = LocalDate.of(2027, 1, 15);
        List<Supply> supply = List.of(new Supply(null, 1, release, 0), new Supply(5L, 1, LocalDate.of(2026, 12, 5), 4),
                new Supply(6L, 1, LocalDate.of(2027, 2, 1), 4));
        List<Waiting> queue = List.of(new Waiting(1, 1, TODAY, true, null), new Waiting(2, 1, TODAY, true, null),
                new Waiting(3, 1, TODAY, true, null));

        Map<Long, Eta> etas = EtaPlan.of(queue, supply, new LeadTime(3, 4), release, TODAY);

        assertEquals(new Eta(release, EtaSource.RELEASE_DATE, null), etas.get(1L), "held stock");
        assertEquals(new Eta(release, EtaSource.RELEASE_DATE, null), etas.get(2L), "a delivery before the release");
        assertEquals(new Eta(LocalDate.of(2027, 2, 1), EtaSource.INBOUND_SHIPMENT, 6L, LocalDate.of(2027, 2, 5)),
                etas.get(3L), "a delivery after it keeps its range");
    }

    private static Waiting waiting(long id, int units, LocalDate createdOn) {
        return new Waiting(id, units, createdOn, false, null);
    }

    /** A lead time whose supplier has too little history for a range. */
    private static LeadTime lead(int days) {
        return new LeadTime(days, null);
    }
    @Test
    void theBackOfAQueuePlannedAloneGetsTheDatesOfTheWholeQueuesPlan() {
        Random random = new Random(42);
        for (int round = 0; round < 500; round++) {
            List<Waiting> queue = new ArrayList<>();
            int waiting = 1 + random.nextInt(8);
            for (int i = 0; i < waiting; i++) {
                queue.add(waiting(i, 1 + random.nextInt(5), TODAY.minusDays(random.nextInt(30))));
            }
            List<Supply> supply = new ArrayList<>();
            int shipments = random.nextInt(4);
            for (int i = 0; i < shipments; i++) {
                supply.add(new Supply((long) i, 1 + random.nextInt(8), TODAY.plusDays(3L * i),
                        random.nextInt(4) == 0 ? null : random.nextInt(10)));
            }
            LeadTime leadTime = new LeadTime(7, random.nextBoolean() ? null : random.nextInt(10));
            int ahead = random.nextInt(queue.size());
            long unitsAhead = queue.subList(0, ahead).stream().mapToLong(Waiting::units).sum();
            Map<Long, Eta> whole = EtaPlan.of(queue, supply, leadTime, null, TODAY);

            Map<Long, Eta> back = EtaPlan.of(queue.subList(ahead, queue.size()), unitsAhead, supply, leadTime, null,
                    TODAY);

            back.forEach((id, eta) -> assertEquals(whole.get(id), eta, "backorder " + id + " of " + queue
                    + " against " + supply + ", planned behind " + unitsAhead + " units"));
        }
    }
}
