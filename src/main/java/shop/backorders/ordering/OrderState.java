package shop.backorders.ordering;

import static shop.backorders.shared.JsonFields.objects;

import java.time.Instant;
import java.util.List;

import io.vertx.core.json.JsonObject;
import shop.backorders.backorder.BackorderState;
import shop.backorders.shared.JsonFields;

/** An order as it stood at one moment, with its lines and backorders: what queries answer and events carry. */
public record OrderState(long id, String customerEmail, Shipping shipping, Instant createdAt, List<Line> lines,
        List<BackorderState> backorders) {

    public OrderStatus status() {
        return OrderStatus.of(lines.stream().mapToInt(Line::allocated).sum(),
                lines.stream().mapToInt(Line::backordered).sum(), lines.stream().mapToInt(Line::shipped).sum());
    }

    /** One product on the order: quantity = allocated + backordered + shipped + cancelled. */
    public record Line(String sku, int quantity, int allocated, int backordered, int shipped, int cancelled) {
    }

    /** An order as the change log writes it (see ChangeLog), its backorders as the read model's rows. */
    public static OrderState fromJson(JsonObject order) {
        return new OrderState(order.getLong("id"), order.getString("customerEmail"),
                Shipping.valueOf(order.getString("shipping")), JsonFields.instant(order, "createdAt"),
                objects(order.getJsonArray("lines")).stream().map(line -> new Line(line.getString("sku"),
                        line.getInteger("quantity"), line.getInteger("allocated"), line.getInteger("backordered"),
                        line.getInteger("shipped"), line.getInteger("cancelled"))).toList(),
                objects(order.getJsonArray("backorders")).stream().map(BackorderState::fromJson).toList());
    }

    static OrderState of(Order order, List<BackorderState> backorders) {
        return new OrderState(order.id, order.customerEmail, order.shipping, order.createdAt,
                order.lines.stream().map(line -> new Line(line.product.sku, line.quantity, line.allocated,
                        line.backordered, line.shipped, line.cancelled)).toList(),
                backorders);
    }
}
