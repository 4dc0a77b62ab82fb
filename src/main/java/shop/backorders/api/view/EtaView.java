package shop.backorders.api.view;

import java.time.Instant;
import java.time.LocalDate;

import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;

import shop.backorders.backorder.BackorderEta;

@Name("Eta")
@Description("When a waiting backorder's units are expected, and why. Revised whenever supply or the queue changes.")
public record EtaView(
        @NonNull @Description("The expected day (YYYY-MM-DD, in the shop's time zone).") LocalDate date,
        @NonNull @Description("Where the date comes from.") EtaSource source,
        @Id @Description("The inbound shipment expected to bring its units, when that is the source.")
        String inboundShipmentId,
        @NonNull @Description("The date the customer was first given, or last accepted.") LocalDate promised,
        @Description("Set while the customer is asked to accept a date past the promise: when silence is taken as"
                + " the shop's default answer (keep or cancel).") Instant consentDeadline,
        @Description("The day by which its units very likely arrive given the supplier's record: the date plus the"
                + " supplier's 90th-percentile delay over its last 50 received deliveries. Equal to date where the"
                + " supplier keeps its dates; null for a release date, without a supplier, or with fewer than 5"
                + " received deliveries of history.") LocalDate latest) {

    public static EtaView from(BackorderEta eta) {
        return eta == null ? null : new EtaView(eta.date(), Enums.map(eta.source(), EtaSource.class),
                eta.inboundShipmentId() == null ? null : Ids.of(eta.inboundShipmentId()), eta.promised(),
                eta.consentDeadline(), eta.latest());
    }
}
