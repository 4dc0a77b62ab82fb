package shop.backorders.api.view;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import shop.backorders.backorder.ActionLinks;
import shop.backorders.changes.BackorderChange;
import shop.backorders.inventory.InboundShipment;

/**
 * The schema's enums mirror the domain's by name ({@link Enums#map}), each side with its own
 * descriptions: a value added on one side only would fail the first time it is mapped, so check all.
 */
class EnumsTest {

    @Test
    void everySchemaEnumHasTheDomainsValues() {
        assertSameNames(BackorderStatus.class, shop.backorders.backorder.BackorderStatus.class);
        assertSameNames(BackorderPolicy.class, shop.backorders.catalog.BackorderPolicy.class);
        assertSameNames(Shipping.class, shop.backorders.ordering.Shipping.class);
        assertSameNames(OrderStatus.class, shop.backorders.ordering.OrderStatus.class);
        assertSameNames(EtaSource.class, shop.backorders.backorder.EtaSource.class);
        assertSameNames(InboundShipmentView.InboundStatus.class, InboundShipment.Status.class);
        assertSameNames(NotificationView.NotificationKind.class, shop.backorders.notification.NotificationKind.class);
        assertSameNames(NotificationView.NotificationStatus.class,
                shop.backorders.notification.NotificationStatus.class);
        assertSameNames(BackorderLinkView.BackorderLinkAction.class, ActionLinks.Action.class);
        Set<String> told = names(BackorderEventView.BackorderEventType.class);
        told.remove("RESYNC"); // a live watch's own: changes may have been missed
        assertEquals(names(BackorderChange.class), told);
    }

    private static void assertSameNames(Class<? extends Enum<?>> schema, Class<? extends Enum<?>> domain) {
        assertEquals(names(domain), names(schema), schema.getSimpleName() + " against " + domain.getName());
    }

    private static Set<String> names(Class<? extends Enum<?>> type) {
        return Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.toCollection(TreeSet::new));
    }
}
