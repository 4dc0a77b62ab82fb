package shop.backorders.api;

import java.time.LocalDate;
import java.util.List;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;

import org.eclipse.microprofile.graphql.DefaultValue;
import org.eclipse.microprofile.graphql.Description;
import org.eclipse.microprofile.graphql.GraphQLApi;
import org.eclipse.microprofile.graphql.Id;
import org.eclipse.microprofile.graphql.Input;
import org.eclipse.microprofile.graphql.Mutation;
import org.eclipse.microprofile.graphql.Name;
import org.eclipse.microprofile.graphql.NonNull;
import org.eclipse.microprofile.graphql.Query;

import io.smallrye.mutiny.Uni;
import shop.backorders.api.transport.SessionPerField;
import shop.backorders.api.trust.Callers;
import shop.backorders.api.view.Connections;
import shop.backorders.api.view.Cursors;
import shop.backorders.api.view.Enums;
import shop.backorders.api.view.Ids;
import shop.backorders.api.view.PurchaseOrderStatus;
import shop.backorders.api.view.PurchaseOrderView;
import shop.backorders.api.view.SupplierView;
import shop.backorders.catalog.SupplierDetails;
import shop.backorders.inventory.InventoryService;
import shop.backorders.shared.Caller;
import shop.backorders.shared.ShopException;
import shop.backorders.supply.PurchaseOrderService;
import shop.backorders.supply.PurchaseOrderService.NewLine;
import shop.backorders.supply.PurchaseOrderService.NewOrder;
import shop.backorders.supply.PurchaseOrderState;
import shop.backorders.supply.SuggestedOrders;
import shop.backorders.supply.SupplierAnswers;
import shop.backorders.supply.SupplierAnswers.AnsweredDelivery;
import shop.backorders.supply.SupplierAnswers.AnsweredLine;

/**
 * Suppliers and purchase orders: staff manage them; a supplier reads and answers its own orders, signed in with
 * the supplier role or through the link in the order's mail.
 */
@GraphQLApi
@SessionPerField
@RolesAllowed(Callers.STAFF)
public class SupplyApi {

    private final InventoryService inventory;
    private final PurchaseOrderService purchaseOrders;
    private final SupplierAnswers answers;
    private final SuggestedOrders suggestedOrders;
    private final Callers callers;

    public SupplyApi(InventoryService inventory, PurchaseOrderService purchaseOrders, SupplierAnswers answers,
            SuggestedOrders suggestedOrders, Callers callers) {
        this.inventory = inventory;
        this.purchaseOrders = purchaseOrders;
        this.answers = answers;
        this.suggestedOrders = suggestedOrders;
        this.callers = callers;
    }

    @Input("SupplierInput")
    @Description("A supplier's details; on a change, omitted fields stay as they are.")
    public record SupplierInput(
            @Description("Its name, 1-200 characters, unique in the shop.") String name,
            @Description("Where its purchase orders are mailed.") String email,
            @Description("Days from ordering to arrival, 0-3650; its products take it as theirs.")
            Integer leadTimeDays) {

        SupplierDetails toCommand() {
            return new SupplierDetails(name, email, leadTimeDays);
        }
    }

    @Query
    @NonNull
    @Description("Suppliers, in the order they were added.")
    public Uni<Connections.Suppliers> suppliers(
            @DefaultValue("20") @Description("Page size, 1-100.") @Name("first") int first,
            @Description("Cursor to continue after (`pageInfo.endCursor`).") @Name("after") String after) {
        return inventory.suppliers(after == null ? 0 : Cursors.decode(after), first).map(page -> Connections.of(page,
                after, supplier -> supplier.id, (cursor, supplier) -> new Connections.SupplierEdge(cursor,
                        SupplierView.from(supplier)), Connections.Suppliers::new));
    }

    @Mutation
    @NonNull
    @Description("Adds a supplier; name, email and leadTimeDays are required. Errors: INVALID_INPUT, DUPLICATE_SUPPLIER.")
    public Uni<SupplierView> createSupplier(@NonNull @Description("The supplier.") @Name("input") SupplierInput input) {
        return inventory.createSupplier(input.toCommand()).map(SupplierView::from);
    }

    @Mutation
    @NonNull
    @Description("Changes a supplier. A new lead time becomes its products' at once, and their waiting customers'"
            + " estimates follow. Errors: NOT_FOUND, INVALID_INPUT, DUPLICATE_SUPPLIER.")
    public Uni<SupplierView> updateSupplier(@NonNull @Id @Description("Its id.") @Name("id") String id,
            @NonNull @Description("The changes.") @Name("input") SupplierInput input) {
        return inventory.updateSupplier(Ids.parse("Supplier", id), input.toCommand()).map(SupplierView::from);
    }

    @Input("PurchaseOrderLineInput")
    @Description("Units of a product to order.")
    public record PurchaseOrderLineInput(
            @NonNull @Description("SKU of the product.") String sku,
            @NonNull @Description("Units, 1-1000000.") int quantity,
            @Description("The day asked for (today or later); default today plus the supplier's lead time.")
            LocalDate expectedAt) {
    }

    @Input("PurchaseOrderInput")
    @Description("A purchase order: a supplier and 1-100 lines of distinct products.")
    public record PurchaseOrderInput(
            @NonNull @Id @Description("The supplier it is sent to.") String supplierId,
            @NonNull @Description("What to order.") List<@NonNull PurchaseOrderLineInput> lines) {

        NewOrder toCommand() {
            Long supplier = Ids.parseOrNull(supplierId);
            if (supplier == null) {
                throw ShopException.invalidInput("No supplier with id " + supplierId);
            }
            return new NewOrder(supplier, lines.stream()
                    .map(line -> new NewLine(line.sku(), line.quantity(), line.expectedAt())).toList());
        }
    }

    @Mutation
    @NonNull
    @Description("Sends a purchase order: each line becomes a delivery (an inbound shipment) that customers' estimates"
            + " plan with at once, and the supplier is mailed the order with a link to answer it. Errors:"
            + " INVALID_INPUT, INVALID_QUANTITY, UNKNOWN_PRODUCT.")
    public Uni<PurchaseOrderView> createPurchaseOrder(
            @NonNull @Description("The order.") @Name("input") PurchaseOrderInput input) {
        return purchaseOrders.create(input.toCommand()).map(PurchaseOrderView::from);
    }

    @Mutation
    @NonNull
    @Description("Orders what reorderSuggestions suggests for these products now: one purchase order per supplier, each"
            + " product at its suggested quantity, expected today plus the supplier's lead time; all in one"
            + " transaction. Errors: INVALID_INPUT naming the SKUs without a supplier or with nothing to reorder"
            + " (nothing is ordered then), INVALID_QUANTITY.")
    public Uni<List<@NonNull PurchaseOrderView>> createPurchaseOrdersFromSuggestions(
            @NonNull @Description("The products to order, 1-1000.") @Name("skus") List<@NonNull String> skus) {
        return suggestedOrders.create(skus).map(orders -> orders.stream().map(PurchaseOrderView::from).toList());
    }

    @Mutation
    @NonNull
    @Description("Calls a purchase order off: its open deliveries are cancelled, the estimates that counted on"
            + " them move, and the supplier is mailed. Errors: NOT_FOUND, INVALID_STATE (nothing more was expected).")
    public Uni<PurchaseOrderView> cancelPurchaseOrder(@NonNull @Id @Description("Its id.") @Name("id") String id) {
        return purchaseOrders.cancel(Ids.parse("PurchaseOrder", id)).map(PurchaseOrderView::from);
    }

    @Query
    @RolesAllowed({ Callers.STAFF, Callers.SUPPLIER })
    @Description("The purchase order with this id, or NOT_FOUND: staff see any, a supplier its own.")
    public Uni<PurchaseOrderView> purchaseOrder(@NonNull @Id @Description("Its id.") @Name("id") String id) {
        return purchaseOrders.find(Ids.parse("PurchaseOrder", id), callers.current()).map(PurchaseOrderView::from);
    }

    @Query
    @NonNull
    @RolesAllowed({ Callers.STAFF, Callers.SUPPLIER })
    @Description("Purchase orders, newest first: staff see any supplier's, a supplier only its own.")
    public Uni<Connections.PurchaseOrders> purchaseOrders(
            @Id @Description("Only this supplier's.") @Name("supplierId") String supplierId,
            @Description("Only those in this state.") @Name("status") PurchaseOrderStatus status,
            @DefaultValue("20") @Description("Page size, 1-100.") @Name("first") int first,
            @Description("Cursor to continue after (`pageInfo.endCursor`).") @Name("after") String after) {
        Long supplier = supplierId == null ? null : Ids.parseOrNone(supplierId);
        return purchaseOrders.page(supplier, Enums.map(status, shop.backorders.supply.PurchaseOrderStatus.class),
                after == null ? Long.MAX_VALUE : Cursors.decode(after), first, callers.current())
                .map(page -> Connections.of(page, after, PurchaseOrderState::id, (cursor, order) ->
                        new Connections.PurchaseOrderEdge(cursor, PurchaseOrderView.from(order)),
                        Connections.PurchaseOrders::new));
    }

    @Query
    @PermitAll
    @NonNull
    @Description("The purchase order the link in its mail reaches, for the supplier without an account. Errors:"
            + " LINK_INVALID, LINK_EXPIRED.")
    public Uni<PurchaseOrderView> purchaseOrderLink(
            @NonNull @Description("The token from the link.") @Name("token") String token) {
        return purchaseOrders.findByLink(token).map(PurchaseOrderView::from);
    }

    @Input("DeliveryInput")
    @Description("A delivery the supplier will make: so many units on a day.")
    public record DeliveryInput(
            @Id @Description("An open delivery of the line, to confirm or move it; without an id, deliveries are"
                    + " matched to the line's open ones in order of day, and those left over are added.") String id,
            @NonNull @Description("Units, 1-1000000.") int quantity,
            @NonNull @Description("The day they will arrive, today or later.") LocalDate expectedAt) {
    }

    @Input("PurchaseOrderAnswerLineInput")
    @Description("A line as the supplier answers it.")
    public record AnswerLineInput(
            @NonNull @Id @Description("The line (PurchaseOrderLine.id).") String lineId,
            @NonNull @Description("The deliveries that will bring its units, at most 20, bringing no more than ordered"
                    + " and not yet arrived: fewer is a short shipment, none declines the line. Its open deliveries"
                    + " not matched are cancelled.") List<@NonNull DeliveryInput> deliveries) {

        AnsweredLine toCommand() {
            Long line = Ids.parseOrNull(lineId);
            if (line == null) {
                throw ShopException.invalidInput("Line " + lineId + " is not on this purchase order");
            }
            return new AnsweredLine(line, deliveries.stream().map(delivery -> {
                Long id = Ids.parseOrNull(delivery.id());
                if (delivery.id() != null && id == null) {
                    throw ShopException.invalidInput("Delivery " + delivery.id() + " is not an open delivery of line "
                            + lineId);
                }
                return new AnsweredDelivery(id, delivery.quantity(), delivery.expectedAt());
            }).toList());
        }
    }

    @Mutation
    @PermitAll
    @NonNull
    @Description("The supplier's answer: for each line named, the deliveries that will bring it (confirm, split, move,"
            + " ship short or decline). Each delivery keeps the first day the supplier confirmed. The waiting"
            + " customers' estimates follow at once, with their mails and live events. Give the token from the"
            + " order's link, or the id when signed in as the supplier or staff. Errors: LINK_INVALID, LINK_EXPIRED,"
            + " NOT_FOUND, INVALID_INPUT, INVALID_QUANTITY, INVALID_STATE (nothing more is expected of it).")
    public Uni<PurchaseOrderView> answerPurchaseOrder(
            @Description("The token from the order's link.") @Name("token") String token,
            @Id @Description("The order's id, for a supplier or staff signed in.") @Name("id") String id,
            @NonNull @Description("The lines answered; lines not named stay as they are.") @Name("lines")
            List<@NonNull AnswerLineInput> lines) {
        if ((token == null) == (id == null)) {
            throw ShopException.invalidInput("Give either the token from the order's link or its id");
        }
        List<AnsweredLine> answered = lines.stream().map(AnswerLineInput::toCommand).toList();
        if (token != null) {
            return answers.answerByLink(token, answered).map(PurchaseOrderView::from);
        }
        Caller caller = callers.current().signedIn();
        return answers.answer(Ids.parse("PurchaseOrder", id), caller, answered).map(PurchaseOrderView::from);
    }
}
