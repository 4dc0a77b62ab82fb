package shop.backorders.backorder;

import java.time.Instant;
import java.time.LocalDate;

import shop.backorders.shared.Columns;

/**
 * A waiting backorder's estimate.
 *
 * @param date             when its units are expected
 * @param inboundShipmentId the shipment expected to bring them, when that is the source
 * @param promised         the date the customer was first given, or last agreed to
 * @param consentDeadline  set while the customer is asked to accept a date past the promise: when their
 *                         silence is taken as the configured default answer
 * @param latest           the day by which its units very likely arrive given the supplier's record (see
 *                         {@link EtaPlan.Eta#latest}); null where no record applies
 */
public record BackorderEta(LocalDate date, EtaSource source, Long inboundShipmentId, LocalDate promised,
        Instant consentDeadline, LocalDate latest) {

    /**
     * The estimate in native query columns: eta, eta_source, inbound_shipment_id, promised_eta, consent_deadline,
     * eta_latest.
     */
    static BackorderEta fromColumns(Object date, Object source, Object inboundShipmentId, Object promised,
            Object consentDeadline, Object latest) {
        return date == null ? null : new BackorderEta(Columns.localDate(date), EtaSource.valueOf((String) source),
                Columns.longOrNull(inboundShipmentId), Columns.localDate(promised),
                Columns.instant(consentDeadline), Columns.localDate(latest));
    }
}
