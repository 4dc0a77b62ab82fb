package shop.backorders.inventory;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import shop.backorders.shared.Sql;

@ApplicationScoped
@WithSession
public class InboundShipmentRepository implements PanacheRepositoryBase<InboundShipment, Long> {

    public Uni<InboundShipment> add(InboundShipment shipment) {
        return persist(shipment);
    }

    /** The product id alone, read before its stock lock is taken. */
    public Uni<Long> productIdOf(long shipmentId) {
        return getSession().chain(session -> session.createSelectionQuery(
                "select s.productId from InboundShipment s where s.id = :id", Long.class)
                .setParameter("id", shipmentId)
                .getSingleResultOrNull());
    }

    /** A product's open shipments in order of arrival and its supplier's delay: the supply estimates are made from. */
    public Uni<ExpectedSupply> openFor(long productId) {
        return Sql.rows("SELECT " + ExpectedSupply.openFor(":product"), Map.of("product", productId))
                .map(rows -> ExpectedSupply.fromJson((String) rows.get(0)[0]));
    }

    /** The supply of each of these products, in one read. */
    public Uni<Map<Long, ExpectedSupply>> openFor(Collection<Long> productIds) {
        return Sql.rows("SELECT product, " + ExpectedSupply.openFor("product")
                + " FROM unnest(CAST(:selected AS bigint[])) AS product",
                Map.of("selected", productIds.toArray(Long[]::new)))
                .map(rows -> rows.stream().collect(Collectors.toMap(row -> ((Number) row[0]).longValue(),
                        row -> ExpectedSupply.fromJson((String) row[1]))));
    }

    public Uni<List<InboundShipment>> forProduct(long productId) {
        return list("productId = ?1 order by expectedAt, id", productId);
    }

    /** The open shipments of the products these SKUs name, each with its SKU, earliest first. */
    public Uni<List<InboundShipmentState>> openBySku(Collection<String> skus) {
        return getSession().chain(session -> session.createSelectionQuery(
                "select s, p.sku from InboundShipment s join Product p on p.id = s.productId"
                        + " where p.sku in :skus and s.status = :open order by s.expectedAt, s.id", Object[].class)
                .setParameter("skus", skus)
                .setParameter("open", InboundShipment.Status.OPEN)
                .getResultList())
                .map(rows -> rows.stream()
                        .map(row -> InboundShipmentState.of((InboundShipment) row[0], (String) row[1])).toList());
    }

    /** The deliveries of these purchase order lines, whatever their status. */
    public Uni<List<InboundShipment>> deliveriesOf(Collection<Long> lineIds) {
        return lineIds.isEmpty() ? Uni.createFrom().item(List.of()) : list("purchaseOrderLineId in ?1", lineIds);
    }
}
