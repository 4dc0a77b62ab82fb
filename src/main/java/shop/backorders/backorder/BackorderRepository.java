package shop.backorders.backorder;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
@WithSession
public class BackorderRepository implements PanacheRepositoryBase<Backorder, Long> {

    public Uni<Backorder> findWithProduct(long id) {
        return find("from Backorder b join fetch b.product where b.id = ?1", id).firstResult();
    }

    /** The product id alone, read before its stock lock is taken (see OrderRepository#productIdsOf). */
    public Uni<Long> productIdOf(long backorderId) {
        return getSession().chain(session -> session.createSelectionQuery(
                "select b.product.id from Backorder b where b.id = :id", Long.class)
                .setParameter("id", backorderId)
                .getSingleResultOrNull());
    }

    public Uni<List<Backorder>> findByOrder(long orderId) {
        return list("from Backorder b join fetch b.product where b.orderId = ?1 order by b.fifoKey", orderId);
    }

    /** Backorders matching the filter in queue (FIFO-key) order, after the given key. */
    public Uni<List<Backorder>> search(BackorderFilter filter, long afterFifoKey, int limit) {
        StringBuilder query = new StringBuilder("from Backorder b join fetch b.product p where b.fifoKey > :after");
        Map<String, Object> parameters = new HashMap<>(Map.of("after", afterFifoKey));
        if (filter.sku() != null) {
            query.append(" and p.sku = :sku");
            parameters.put("sku", filter.sku());
        }
        if (filter.status() != null) {
            query.append(" and b.status = :status");
            parameters.put("status", filter.status());
        }
        if (filter.customerEmail() != null) {
            query.append(" and b.orderId in (select o.id from CustomerOrder o where lower(o.customerEmail) = :email)");
            parameters.put("email", filter.customerEmail().trim().toLowerCase(Locale.ROOT));
        }
        query.append(" order by b.fifoKey");
        return find(query.toString(), parameters).range(0, limit - 1).list();
    }

    /**
     * 1-based places in line of these backorders among their products' WAITING ones, in FIFO order;
     * backorders not waiting have none.
     */
    public Uni<Map<Long, Integer>> queuePositions(List<Long> backorderIds) {
        return getSession().chain(session -> session.createNativeQuery("""
                SELECT b.id, (SELECT count(*) FROM backorder w
                              WHERE w.product_id = b.product_id AND w.status = 'WAITING' AND w.fifo_key <= b.fifo_key)
                FROM backorder b
                WHERE b.id = ANY(:ids) AND b.status = 'WAITING'""", Object[].class)
                .setParameter("ids", backorderIds.toArray(Long[]::new))
                .getResultList())
                .map(rows -> {
                    Map<Long, Integer> positions = new HashMap<>();
                    for (Object[] row : rows) {
                        positions.put(((Number) row[0]).longValue(), ((Number) row[1]).intValue());
                    }
                    return positions;
                });
    }
}
