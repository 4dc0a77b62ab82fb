package shop.backorders.catalog;

import java.time.LocalDate;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
@WithSession
public class ProductRepository implements PanacheRepositoryBase<Product, Long> {

    public Uni<Product> findBySku(String sku) {
        return find("sku", sku).firstResult();
    }

    /** The id alone: read before a lock is taken, it must not leave a managed entity that would go stale. */
    public Uni<Long> idBySku(String sku) {
        return getSession().chain(session -> session
                .createSelectionQuery("select id from Product where sku = :sku", Long.class)
                .setParameter("sku", sku)
                .getSingleResultOrNull());
    }

    /** PREORDER products whose release date has come and whose queue is still held. */
    public Uni<List<Product>> dueForRelease(LocalDate today) {
        return list("backorderPolicy = ?1 and released = false and releaseDate <= ?2",
                BackorderPolicy.PREORDER, today);
    }

    public Uni<List<Product>> byIds(List<Long> ids) {
        return ids.isEmpty() ? Uni.createFrom().item(List.of()) : list("id in ?1", ids);
    }

    public Uni<Product> add(Product product) {
        return persist(product);
    }

    /** The products bought from this supplier. */
    public Uni<List<Long>> idsSuppliedBy(long supplierId) {
        return getSession().chain(session -> session
                .createSelectionQuery("select id from Product where supplierId = :supplier order by id", Long.class)
                .setParameter("supplier", supplierId)
                .getResultList());
    }

    /** Gives the products bought from this supplier its lead time; the caller holds their stock locks. */
    public Uni<Integer> setLeadTime(long supplierId, int leadTimeDays) {
        return update("leadTimeDays = ?1 where supplierId = ?2", leadTimeDays, supplierId);
    }
}
