package shop.backorders.inventory;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
@WithSession
public class InboundShipmentRepository implements PanacheRepositoryBase<InboundShipment, Long> {

    public Uni<InboundShipment> add(InboundShipment shipment) {
        return persist(shipment);
    }
}
