package shop.backorders.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.time.LocalDate;

import org.junit.jupiter.api.Test;

import shop.backorders.backorder.BackorderEta;
import shop.backorders.backorder.BackorderState;
import shop.backorders.backorder.BackorderStatus;
import shop.backorders.backorder.EtaSource;
import shop.backorders.changes.BackorderChange;

/** After a bulk change, a watch tells each backorder what became of it from two readings of it. */
class ChangeBetweenTest {

    private static final LocalDate PROMISED = LocalDate.parse("2026-12-20");
    private static final BackorderEta ETA = new BackorderEta(PROMISED, EtaSource.LEAD_TIME, null, PROMISED, null, null);
    private static final BackorderState WAITING = state(BackorderStatus.WAITING, 0, 0, 5, ETA);

    @Test
    void aBackorderFirstSeenIsCreated() {
        assertEquals(BackorderChange.CREATED, LiveUpdates.changeBetween(null, WAITING));
    }

    @Test
    void aNewStatusSaysWhatHappened() {
        assertEquals(BackorderChange.ALLOCATED,
                LiveUpdates.changeBetween(WAITING, state(BackorderStatus.ALLOCATED, 2, 0, null, null)));
        assertEquals(BackorderChange.FULFILLED,
                LiveUpdates.changeBetween(WAITING, state(BackorderStatus.FULFILLED, 2, 2, null, null)));
        assertEquals(BackorderChange.CANCELLED,
                LiveUpdates.changeBetween(WAITING, state(BackorderStatus.CANCELLED, 0, 0, null, null)));
    }

    @Test
    void unitsAsideOrShippedWhileStillWaitingArePartial() {
        assertEquals(BackorderChange.PARTIALLY_ALLOCATED,
                LiveUpdates.changeBetween(WAITING, state(BackorderStatus.WAITING, 1, 0, 1, ETA)));
        BackorderState partly = state(BackorderStatus.WAITING, 1, 0, 1, ETA);
        assertEquals(BackorderChange.PARTIALLY_SHIPPED,
                LiveUpdates.changeBetween(partly, state(BackorderStatus.WAITING, 1, 1, 1, ETA)));
    }

    @Test
    void aMovedEstimateIsChangedSlippedOrAccepted() {
        LocalDate later = PROMISED.plusDays(5);
        BackorderEta moved = new BackorderEta(PROMISED.minusDays(3), EtaSource.INBOUND_SHIPMENT, 7L, PROMISED, null,
                null);
        BackorderEta asked = new BackorderEta(later, EtaSource.LEAD_TIME, null, PROMISED, Instant.now(), null);
        BackorderEta accepted = new BackorderEta(later, EtaSource.LEAD_TIME, null, later, null, null);

        assertEquals(BackorderChange.ETA_CHANGED,
                LiveUpdates.changeBetween(WAITING, state(BackorderStatus.WAITING, 0, 0, 5, moved)));
        BackorderState slipped = state(BackorderStatus.WAITING, 0, 0, 5, asked);
        assertEquals(BackorderChange.ETA_SLIPPED, LiveUpdates.changeBetween(WAITING, slipped));
        assertEquals(BackorderChange.ETA_ACCEPTED,
                LiveUpdates.changeBetween(slipped, state(BackorderStatus.WAITING, 0, 0, 5, accepted)));
    }

    @Test
    void onlyAPlaceFurtherUpIsAMoveAndNothingNewIsNoEvent() {
        assertEquals(BackorderChange.QUEUE_POSITION_CHANGED,
                LiveUpdates.changeBetween(WAITING, state(BackorderStatus.WAITING, 0, 0, 2, ETA)));
        assertNull(LiveUpdates.changeBetween(WAITING, state(BackorderStatus.WAITING, 0, 0, 5, ETA)));
    }

    private static BackorderState state(BackorderStatus status, int allocated, int shipped, Integer place,
            BackorderEta eta) {
        return new BackorderState(1, 2, 3, "SKU-1", "Product", "a@example.com", 10, 2, allocated, shipped, status,
                false, Instant.parse("2026-12-01T10:00:00Z"), place, eta);
    }
}
