package shop.backorders.inventory;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

/** Reads stock together with its product, which is how every caller wants it. */
@ApplicationScoped
@WithSession
public class StockRepository implements PanacheRepositoryBase<Stock, Long> {

    public Uni<Stock> findBySku(String sku) {
        return find("from Stock s join fetch s.product p where p.sku = ?1", sku).firstResult();
    }

    /** Products in id order after the given id; asks for one more than the size to tell whether more follow. */
    public Uni<List<Stock>> pageAfter(long productId, int size) {
        return find("from Stock s join fetch s.product p where p.id > ?1 order by p.id", productId)
                .range(0, size - 1).list();
    }
}
