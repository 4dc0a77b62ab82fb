package shop.backorders.catalog;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

@ApplicationScoped
@WithSession
public class SupplierRepository implements PanacheRepositoryBase<Supplier, Long> {

    public Uni<Supplier> add(Supplier supplier) {
        return persist(supplier);
    }

    /** Suppliers after this id, in the order they were created. */
    public Uni<List<Supplier>> pageAfter(long afterId, int limit) {
        return find("id > ?1 order by id", afterId).page(0, limit).list();
    }

    /** The suppliers whose orders go to this address. */
    public Uni<List<Supplier>> withEmail(String email) {
        return list("email = ?1 order by id", email);
    }

    public Uni<List<Supplier>> byIds(List<Long> ids) {
        return ids.isEmpty() ? Uni.createFrom().item(List.of()) : list("id in ?1", ids);
    }
}
