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
import shop.backorders.backorder.EtaPlan.Supply;
import shop.backorders.backorder.EtaPlan.Waiting;

class EtaPlanTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 30);

    @Test
    void theQueueIsWalkedAgainstShipmentsByArrivalAndPastThemFallsBackToLeadTime() {
        List<Supply> supply = List.of(new Supply(1L, 5, LocalDate.of(2026, 12, 10)),
                new Supply(2L, 4, LocalDate.of(2026, 12, 20)));
        List<Waiting> queue = List.of(waiting(10, 3, TODAY), waiting(11, 3, TODAY), waiting(12, 3, TODAY),
                waiting(13, 1, TODAY));

        Map<Long, Eta> etas = EtaPlan.of(queue, supply, 14, null, TODAY);

        assertEquals(new Eta(LocalDate.of(2026, 12, 10), EtaSource.INBOUND_SHIPMENT, 1L), etas.get(10L));
        assertEquals(new Eta(LocalDate.of(2026, 12, 20), EtaSource.INBOUND_SHIPMENT, 2L), etas.get(11L),
                "its last unit comes with the second shipment");
        assertEquals(new Eta(LocalDate.of(2026, 12, 20), EtaSource.INBOUND_SHIPMENT, 2L), etas.get(12L),
                "the last 3 units of the second shipment cover it exactly");
        assertEquals(new Eta(TODAY.plusDays(14), EtaSource.LEAD_TIME, null), etas.get(13L), "past known supply");
    }

    @Test
    void aNewcomersUnitsArriveInPartsAfterThoseAheadTookTheirs() {
        List<Supply> supply = List.of(new Supply(1L, 5, LocalDate.of(2026, 12, 10)),
                new Supply(2L, 4, LocalDate.of(2026, 12, 20)));
        Waiting newcomer = waiting(9, 7, TODAY);

        List<EtaPlan.Delivery> parts = EtaPlan.deliveries(newcomer, 3, supply, 14, null, TODAY);

        assertEquals(List.of(
                new EtaPlan.Delivery(2, new Eta(LocalDate.of(2026, 12, 10), EtaSource.INBOUND_SHIPMENT, 1L)),
                new EtaPlan.Delivery(4, new Eta(LocalDate.of(2026, 12, 20), EtaSource.INBOUND_SHIPMENT, 2L)),
                new EtaPlan.Delivery(1, new Eta(TODAY.plusDays(14), EtaSource.LEAD_TIME, null))), parts);
        assertEquals(parts.get(2).eta(), EtaPlan.of(List.of(newcomer), 3, supply, 14, null, TODAY).get(9L),
                "the last part is the estimate the backorder is given");
    }

    @Test
    void aPartlyCoveredBackorderWaitsForTheLeadTime() {
        Map<Long, Eta> etas = EtaPlan.of(List.of(waiting(1, 5, TODAY)),
                List.of(new Supply(7L, 4, LocalDate.of(2026, 12, 3))), 10, null, TODAY);

        assertEquals(new Eta(TODAY.plusDays(10), EtaSource.LEAD_TIME, null), etas.get(1L));
    }

    @Test
    void aLeadTimeThatHasPassedUnfilledSlipsToTodayPlusTheLeadTime() {
        Map<Long, Eta> etas = EtaPlan.of(List.of(waiting(1, 1, LocalDate.of(2026, 11, 1)),
                waiting(2, 1, LocalDate.of(2026, 11, 20)), waiting(3, 1, LocalDate.of(2026, 11, 16))),
                List.of(), 14, null, TODAY);

        assertEquals(LocalDate.of(2026, 12, 14), etas.get(1L).date(), "Nov 15 has passed: today + 14 days");
        assertEquals(LocalDate.of(2026, 12, 4), etas.get(2L).date(), "created + 14 days is still ahead");
        assertEquals(TODAY, etas.get(3L).date(), "due today has not passed yet");
    }

    @Test
    void aPreorderNeverExpectsItsUnitsBeforeTheReleaseDate() {
        LocalDate release = LocalDate.of(2027, 1, 15);
        List<Supply> supply = List.of(new Supply(null, 2, release), new Supply(5L, 10, LocalDate.of(2026, 12, 5)));
        List<Waiting> queue = List.of(new Waiting(1, 2, TODAY, true, null),
                new Waiting(2, 2, TODAY, true, null), new Waiting(3, 1, TODAY, false, null));

        Map<Long, Eta> etas = EtaPlan.of(queue, supply, 3, release, TODAY);

        assertEquals(new Eta(release, EtaSource.RELEASE_DATE, null), etas.get(1L), "held stock ships on release");
        assertEquals(new Eta(release, EtaSource.RELEASE_DATE, null), etas.get(2L), "arrives earlier, waits for it");
        assertEquals(new Eta(LocalDate.of(2026, 12, 5), EtaSource.INBOUND_SHIPMENT, 5L), etas.get(3L),
                "an ordinary backorder is not held back");
    }

    @Test
    void aSlippedDateHoldsUntilItPassesInTurn() {
        LocalDate created = LocalDate.of(2026, 11, 1);
        LocalDate slipped = LocalDate.of(2026, 12, 5);

        assertEquals(slipped, EtaPlan.of(List.of(new Waiting(1, 1, created, false, slipped)), List.of(), 14, null,
                TODAY).get(1L).date(), "Dec 5 is still ahead: it holds");
        assertEquals(LocalDate.of(2026, 12, 20), EtaPlan.of(List.of(new Waiting(1, 1, created, false, slipped)),
                List.of(), 14, null, LocalDate.of(2026, 12, 6)).get(1L).date(), "Dec 5 passed: Dec 6 + 14 days");
    }

    @Test
    void aLateShipmentIsExpectedToday() {
        Map<Long, Eta> etas = EtaPlan.of(List.of(waiting(1, 1, TODAY.minusDays(20))),
                List.of(new Supply(4L, 1, TODAY.minusDays(2))), 30, null, TODAY);

        assertEquals(new Eta(TODAY, EtaSource.INBOUND_SHIPMENT, 4L), etas.get(1L));
    }

    @Test
    void noQueueNoEstimates() {
        assertTrue(EtaPlan.of(List.of(), List.of(new Supply(1L, 3, TODAY)), 5, null, TODAY).isEmpty());
    }

    private static Waiting waiting(long id, int units, LocalDate createdOn) {
        return new Waiting(id, units, createdOn, false, null);
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
                supply.add(new Supply((long) i, 1 + random.nextInt(8), TODAY.plusDays(3L * i)));
            }
            int ahead = random.nextInt(queue.size());
            long unitsAhead = queue.subList(0, ahead).stream().mapToLong(Waiting::units).sum();
            Map<Long, Eta> whole = EtaPlan.of(queue, supply, 7, null, TODAY);

            Map<Long, Eta> back = EtaPlan.of(queue.subList(ahead, queue.size()), unitsAhead, supply, 7, null, TODAY);

            back.forEach((id, eta) -> assertEquals(whole.get(id), eta, "backorder " + id + " of " + queue
                    + " against " + supply + ", planned behind " + unitsAhead + " units"));
        }
    }
}
