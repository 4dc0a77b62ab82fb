package shop.backorders.api.view;

import org.eclipse.microprofile.graphql.Description;

@Description("Where an expected date comes from.")
public enum EtaSource {
    @Description("An open inbound shipment covers its place in line (see Eta.inboundShipmentId).")
    INBOUND_SHIPMENT,
    @Description("A pre-order: its units ship on the product's release date, not before.")
    RELEASE_DATE,
    @Description("No known supply covers it: the day it was placed plus the supplier's lead time, or, once that day"
            + " has passed unfilled, today plus the lead time.")
    LEAD_TIME
}
