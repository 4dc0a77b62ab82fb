package shop.backorders.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static shop.backorders.support.Fixtures.createProduct;
import static shop.backorders.support.Fixtures.newSku;
import static shop.backorders.support.Fixtures.order;
import static shop.backorders.support.Fixtures.placeOrder;
import static shop.backorders.support.GraphQLClient.data;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.function.Supplier;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.vertx.core.json.JsonObject;
import shop.backorders.backorder.ActionLinks;
import shop.backorders.support.Fixtures;
import shop.backorders.support.GraphQLClient;
import shop.backorders.support.LiveTest;
import shop.backorders.support.SubscriptionClient;
import shop.backorders.support.SubscriptionClient.Protocol;
import shop.backorders.supply.PurchaseOrderLinks;
import shop.backorders.support.Tokens;

/**
 * Every root field of the live schema, asked by an anonymous caller, the customer who owns the order,
 * another customer and staff, each on fresh data: allowed (with data, or the narrowed answer), or the
 * exact error code. A field added to the schema without a rule here fails the test.
 */
@QuarkusTest
class AuthorizationTest extends LiveTest {

    /** What a caller gets: data, null (as for nothing there), a list empty for them, or an error code. */
    private static final String OK = "OK";
    private static final String NULL = "NULL";
    private static final String EMPTY = "EMPTY";
    private static final String UNAUTHENTICATED = "UNAUTHENTICATED";
    private static final String FORBIDDEN = "FORBIDDEN";
    private static final String NOT_FOUND = "NOT_FOUND";
    private static final String INVALID_STATE = "INVALID_STATE";

    private enum Who {
        ANONYMOUS, OWNER, OTHER_CUSTOMER, STAFF
    }

    /**
     * A product with stock 1 and supply announced; the owner's order of 3: 1 allocated, 2 waiting for that supply,
     * which slipped: the owner is asked to accept the new date or cancel. Its supply side is made only for the
     * rules that ask for it ({@link #supply()}).
     */
    private record World(String sku, String owner, String orderId, String backorderId, String inboundId,
            String notificationId, String cancelLink, Supplier<Supply> supplied) {

        Supply supply() {
            return supplied.get();
        }
    }

    /** A supplier's product the owner waits for, with a purchase order of it sent, and its link's token. */
    private record Supply(String supplierId, String sku, String purchaseOrderId, String lineId, String link) {
    }

    /**
     * A root field asked by one caller, on its world, with the variables its rule gives there; and its
     * answer, or null for a subscription, which is asked later.
     */
    private record Cell(String field, Who who, String expected, World world, Map<String, Object> variables,
            String answer) {
    }

    /** The operation for a root field, its variables in a world, and the outcome per caller in Who's order. */
    private record Rule(Function<World, Map<String, Object>> variables, String... outcomes) {
    }

    /** Worlds made at once: enough to keep the two cores of a build machine busy. */
    private static final int WORLD_MAKERS = 3;

    private static final String[] PUBLIC = { OK, OK, OK, OK };
    private static final String[] STAFF_ONLY = { UNAUTHENTICATED, FORBIDDEN, FORBIDDEN, OK };
    private static final String[] OWNER_AND_STAFF = { UNAUTHENTICATED, OK, NOT_FOUND, OK };

    private static final Map<String, Rule> RULES = Map.ofEntries(
            // The catalogue
            Map.entry("product", new Rule(w -> Map.of("sku", w.sku()), PUBLIC)),
            Map.entry("products", new Rule(w -> Map.of("first", 5), PUBLIC)),
            Map.entry("stockChanged", new Rule(w -> Map.of("sku", w.sku()), PUBLIC)),
            Map.entry("quote", new Rule(w -> Map.of("lines", List.of(Fixtures.line(w.sku(), 1))), PUBLIC)),
            Map.entry("createProduct", new Rule(w -> Map.of("input", Fixtures.product(newSku("NEW"), "ALLOW", null, 0)),
                    STAFF_ONLY)),
            Map.entry("updateProduct", new Rule(w -> Map.of("sku", w.sku(), "input", Map.of("name", "Renamed")),
                    STAFF_ONLY)),
            // Stock and supply
            Map.entry("receiveStock", new Rule(w -> Map.of("sku", w.sku(), "quantity", 1), STAFF_ONLY)),
            Map.entry("adjustStock", new Rule(w -> Map.of("sku", w.sku(), "change", 1, "reason", "count"),
                    STAFF_ONLY)),
            Map.entry("scheduleInbound", new Rule(w -> Map.of("sku", w.sku(), "quantity", 2,
                    "expectedAt", LocalDate.now().plusDays(30).toString()), STAFF_ONLY)),
            Map.entry("receiveInbound", new Rule(w -> Map.of("id", w.inboundId(), "quantity", 1), STAFF_ONLY)),
            Map.entry("updateInbound", new Rule(w -> Map.of("id", w.inboundId(), "quantity", 3,
                    "expectedAt", LocalDate.now().plusDays(20).toString()), STAFF_ONLY)),
            Map.entry("cancelInbound", new Rule(w -> Map.of("id", w.inboundId()), STAFF_ONLY)),
            Map.entry("inboundShipments", new Rule(w -> Map.of("sku", w.sku()), STAFF_ONLY)),
            // Orders
            Map.entry("placeOrder", new Rule(w -> order(w.owner(), w.sku(), 1),
                    UNAUTHENTICATED, OK, FORBIDDEN, OK)),
            Map.entry("order", new Rule(w -> Map.of("id", w.orderId()), UNAUTHENTICATED, OK, NULL, OK)),
            Map.entry("cancelOrder", new Rule(w -> Map.of("id", w.orderId()), OWNER_AND_STAFF)),
            Map.entry("shipOrder", new Rule(w -> Map.of("id", w.orderId()), STAFF_ONLY)),
            Map.entry("orderChanged", new Rule(w -> Map.of("id", w.orderId()), OWNER_AND_STAFF)),
            // Backorders
            Map.entry("backorder", new Rule(w -> Map.of("id", w.backorderId()), UNAUTHENTICATED, OK, NULL, OK)),
            Map.entry("backorders", new Rule(w -> Map.of("customerEmail", w.owner()),
                    UNAUTHENTICATED, OK, EMPTY, OK)),
            Map.entry("cancelBackorder", new Rule(w -> Map.of("id", w.backorderId()), OWNER_AND_STAFF)),
            Map.entry("acceptNewEta", new Rule(w -> Map.of("id", w.backorderId()), OWNER_AND_STAFF)),
            Map.entry("backorderChanged", new Rule(w -> Map.of("orderId", w.orderId()), OWNER_AND_STAFF)),
            Map.entry("backorderLink", new Rule(w -> Map.of("token", w.cancelLink()), PUBLIC)),
            Map.entry("redeemBackorderLink", new Rule(w -> Map.of("token", w.cancelLink()), PUBLIC)),
            // Mail
            Map.entry("notifications", new Rule(w -> Map.of("first", 5), STAFF_ONLY)),
            Map.entry("retryNotification", new Rule(w -> Map.of("id", w.notificationId()),
                    UNAUTHENTICATED, FORBIDDEN, FORBIDDEN, INVALID_STATE)),
            Map.entry("notifyWhenAvailable", new Rule(w -> Map.of("sku", w.sku(), "email", w.owner()),
                    UNAUTHENTICATED, OK, FORBIDDEN, OK)),
            Map.entry("stopNotifyWhenAvailable", new Rule(w -> Map.of("sku", w.sku(), "email", w.owner()),
                    UNAUTHENTICATED, OK, FORBIDDEN, OK)),
            // Suppliers and purchase orders: staff's, a supplier's own (PurchaseOrderTest), and the link's
            Map.entry("suppliers", new Rule(w -> Map.of("first", 5), STAFF_ONLY)),
            Map.entry("createSupplier", new Rule(w -> Map.of("input", Map.of("name", newSku("Supplier"), "email",
                    "s@supplier.example", "leadTimeDays", 5)), STAFF_ONLY)),
            Map.entry("updateSupplier", new Rule(w -> Map.of("id", w.supply().supplierId(), "input", Map.of("leadTimeDays", 6)),
                    STAFF_ONLY)),
            Map.entry("createPurchaseOrder", new Rule(w -> Map.of("input", Map.of("supplierId", w.supply().supplierId(),
                    "lines", List.of(Fixtures.line(w.supply().sku(), 1)))), STAFF_ONLY)),
            Map.entry("cancelPurchaseOrder", new Rule(w -> Map.of("id", w.supply().purchaseOrderId()), STAFF_ONLY)),
            Map.entry("purchaseOrder", new Rule(w -> Map.of("id", w.supply().purchaseOrderId()), STAFF_ONLY)),
            Map.entry("purchaseOrders", new Rule(w -> Map.of("supplierId", w.supply().supplierId()), STAFF_ONLY)),
            Map.entry("purchaseOrderLink", new Rule(w -> Map.of("token", w.supply().link()), PUBLIC)),
            Map.entry("answerPurchaseOrder", new Rule(w -> Map.of("token", w.supply().link(), "lines",
                    List.of(Map.of("lineId", w.supply().lineId(), "deliveries", List.of(Map.of("quantity", 1,
                            "expectedAt", LocalDate.now().plusDays(4).toString()))))), PUBLIC)),
            // Insight: the shop's own figures
            Map.entry("backorderAging", new Rule(w -> Map.of("skus", List.of(w.sku())), STAFF_ONLY)),
            Map.entry("fillRate", new Rule(w -> Map.of("from", LocalDate.now().minusDays(1).toString(), "to",
                    LocalDate.now().plusDays(1).toString(), "skus", List.of(w.sku())), STAFF_ONLY)),
            Map.entry("atRiskProducts", new Rule(w -> Map.of("skus", List.of(w.supply().sku())), STAFF_ONLY)),
            Map.entry("reorderSuggestions", new Rule(w -> Map.of("skus", List.of(w.supply().sku())), STAFF_ONLY)),
            Map.entry("supplierPerformance", new Rule(w -> Map.of("supplierIds", List.of(w.supply().supplierId())),
                    STAFF_ONLY)),
            Map.entry("createPurchaseOrdersFromSuggestions", new Rule(w -> Map.of("skus", List.of(w.supply().sku())),
                    STAFF_ONLY)));

    @Inject
    ActionLinks links;

    @Inject
    PurchaseOrderLinks purchaseOrderLinks;

    @Test
    void everyOperationAnswersEachCallerAsItsRuleSays() throws Exception {
        List<String> subscriptions = rootFields("Subscription");
        TreeSet<String> fields = new TreeSet<>(subscriptions);
        fields.addAll(rootFields("Query"));
        fields.addAll(rootFields("Mutation"));
        assertEquals(new TreeSet<>(RULES.keySet()), fields, "every root field needs a rule, and every rule a field");

        String owner = "owner-" + UUID.randomUUID() + "@example.com";
        Map<Who, String> tokens = new HashMap<>();
        tokens.put(Who.ANONYMOUS, null);
        tokens.put(Who.OWNER, Tokens.customer(owner));
        tokens.put(Who.OTHER_CUSTOMER, Tokens.customer("other-" + UUID.randomUUID() + "@example.com"));
        tokens.put(Who.STAFF, Tokens.staff());

        // Refusals and queries change nothing (HostileInputTest checks that), so they share one world;
        // what may change it gets a fresh one. Each costs a handful of calls: the cells are made and asked a few
        // at once, but for subscriptions, asked one after another as each waits for the feed to have just it.
        World shared = newWorld(owner);
        List<String> queries = rootFields("Query");
        ExecutorService makers = Executors.newFixedThreadPool(WORLD_MAKERS);
        List<Future<Cell>> table = new ArrayList<>();
        List<String> wrong = new ArrayList<>();
        int cells = 0;
        try {
            for (String field : fields) {
                Rule rule = RULES.get(field);
                for (Who who : Who.values()) {
                    String expected = rule.outcomes()[who.ordinal()];
                    boolean refused = List.of(UNAUTHENTICATED, FORBIDDEN, NOT_FOUND).contains(expected);
                    boolean fresh = !queries.contains(field) && !refused;
                    table.add(makers.submit(() -> {
                        World world = fresh ? newWorld(owner) : shared;
                        Map<String, Object> variables = rule.variables().apply(world);
                        return new Cell(field, who, expected, world, variables,
                                subscriptions.contains(field) ? null : call(field, variables, tokens.get(who)));
                    }));
                }
            }
            for (Future<Cell> made : table) {
                Cell cell = made.get();
                String actual = cell.answer() != null ? cell.answer()
                        : subscribe(cell.field(), cell.variables(), tokens.get(cell.who()), cell.world());
                cells++;
                if (!cell.expected().equals(actual)) {
                    wrong.add(cell.field() + " as " + cell.who() + ": expected " + cell.expected() + ", got "
                            + actual);
                }
            }
        } finally {
            makers.shutdownNow();
        }
        assertEquals(RULES.size() * Who.values().length, cells);
        assertTrue(wrong.isEmpty(), cells + " cells, " + wrong.size() + " wrong:\n" + String.join("\n", wrong));
    }

    /**
     * Look-alikes of a customer's address, each verified by its own holder, reach nothing of theirs: Unicode
     * case folding once made dotless ı an i and the Kelvin sign a k. The same address in other ASCII case
     * reaches everything.
     */
    @Test
    void onlyTheCustomersOwnAddressReachesTheirOrders() throws Exception {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String owner = "kim-" + tag + "@gmail.com";
        List<String> fields = List.of("order", "backorders", "cancelOrder", "cancelBackorder", "notifyWhenAvailable",
                "backorderChanged");
        String[] anotherCustomer = { NULL, EMPTY, NOT_FOUND, NOT_FOUND, FORBIDDEN, NOT_FOUND };
        Map<String, String[]> outcomes = new LinkedHashMap<>();
        outcomes.put("kim-" + tag + "@gmaıl.com", anotherCustomer);
        outcomes.put("kım-" + tag + "@gmail.com", anotherCustomer);
        // The Kelvin sign stands for K: no address at all, so the token may only browse.
        outcomes.put("\u212Aim-" + tag + "@gmail.com", new String[] { FORBIDDEN, FORBIDDEN, FORBIDDEN, FORBIDDEN,
                FORBIDDEN, FORBIDDEN });
        outcomes.put("KIM-" + tag + "@GMail.COM", new String[] { OK, OK, OK, OK, OK, OK });

        World shared = newWorld(owner);
        List<String> subscriptions = rootFields("Subscription");
        List<String> wrong = new ArrayList<>();
        for (Map.Entry<String, String[]> caller : outcomes.entrySet()) {
            String token = Tokens.customer(caller.getKey());
            for (int index = 0; index < fields.size(); index++) {
                String field = fields.get(index);
                String expected = caller.getValue()[index];
                World world = expected.equals(OK) ? newWorld(owner) : shared;
                Map<String, Object> variables = RULES.get(field).variables().apply(world);
                String actual = subscriptions.contains(field) ? subscribe(field, variables, token, world)
                        : call(field, variables, token);
                if (!expected.equals(actual)) {
                    wrong.add(field + " as " + caller.getKey() + ": expected " + expected + ", got " + actual);
                }
            }
        }
        assertTrue(wrong.isEmpty(), String.join("\n", wrong));
    }

    /** An address with an international domain is stored, and matched, as its punycode, however it is spelt. */
    @Test
    void anInternationalDomainIsOneCustomerHoweverItIsSpelt() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String sku = createProduct("ALLOW", null, 0);
        JsonPath placed = data("PlaceOrder", order("ana-" + tag + "@bücher.example", sku, 1))
                .setRootPath("data.placeOrder");
        assertEquals("ana-" + tag + "@xn--bcher-kva.example", placed.getString("customerEmail"));

        for (String spelling : List.of("ana-" + tag + "@xn--bcher-kva.example", "Ana-" + tag + "@BÜCHER.example")) {
            GraphQLClient.Calls customer = GraphQLClient.as(Tokens.customer(spelling));
            assertEquals(placed.getString("id"), customer.data("Order", Map.of("id", placed.getString("id")))
                    .getString("order.id"), spelling);
            assertEquals(1, customer.data("Backorders", Map.of("first", 5)).getList("backorders.edges").size(),
                    spelling);
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void whatAnonymousCallersReachIsTheCatalogueOnly() {
        Map<String, Set<String>> fieldTypes = new HashMap<>();
        for (Map<String, Object> type : introspect("Types", Map.of()).<Map<String, Object>>getList("__schema.types")) {
            Set<String> reached = new TreeSet<>();
            List<Map<String, Object>> fields = (List<Map<String, Object>>) type.get("fields");
            for (Map<String, Object> field : fields == null ? List.<Map<String, Object>>of() : fields) {
                reached.add(innermost((Map<String, Object>) field.get("type")));
            }
            fieldTypes.put((String) type.get("name"), reached);
        }
        Set<String> reachable = new TreeSet<>();
        List<String> toVisit = new ArrayList<>();
        for (String field : List.of("product", "products", "stockChanged")) {
            String root = field.equals("stockChanged") ? "Subscription" : "Query";
            toVisit.add(publicFieldType(root, field));
        }
        while (!toVisit.isEmpty()) {
            String type = toVisit.remove(toVisit.size() - 1);
            if (reachable.add(type)) {
                toVisit.addAll(fieldTypes.getOrDefault(type, Set.of()));
            }
        }
        reachable.removeIf(type -> fieldTypes.getOrDefault(type, Set.of()).isEmpty()); // scalars and enums
        // Product.sourcing (and the Supplier in it) and Product.inbound are null for anyone but staff:
        // PurchaseOrderTest.
        assertEquals(new TreeSet<>(List.of("Availability", "Delivery", "InboundShipment", "Money", "PageInfo",
                "Product", "ProductConnection", "ProductEdge", "ProductSourcing", "Stock", "Supplier")),
                reachable, "a field that anonymous callers reach reveals more than the catalogue");
    }

    @SuppressWarnings("unchecked")
    private static String publicFieldType(String root, String field) {
        return innermost(introspect("FieldType", Map.of("type", root, "field", field))
                .<Map<String, Object>>getList("__type.fields").stream()
                .filter(candidate -> candidate.get("name").equals(field))
                .map(candidate -> (Map<String, Object>) candidate.get("type")).findFirst().orElseThrow());
    }

    /** The named type inside lists and non-nulls. */
    @SuppressWarnings("unchecked")
    private static String innermost(Map<String, Object> type) {
        Map<String, Object> current = type;
        while (current.get("name") == null) {
            current = (Map<String, Object>) current.get("ofType");
        }
        return (String) current.get("name");
    }

    private static List<String> rootFields(String type) {
        return introspect("RootFields", Map.of("type", type)).getList("__type.fields.name");
    }

    private static JsonPath introspect(String operation, Map<String, Object> variables) {
        return given().contentType(ContentType.JSON).header("Authorization", "Bearer " + Tokens.staff())
                .body(new JsonObject().put("query", GraphQLClient.load("/graphql/introspection.graphql"))
                        .put("operationName", operation).put("variables", new JsonObject(variables)).encode())
                .when().post("/graphql")
                .then().statusCode(200).body("errors", nullValue())
                .extract().jsonPath().setRootPath("data");
    }

    private World newWorld(String owner) {
        String sku = createProduct("ALLOW", null, 1);
        String inbound = data("ScheduleInbound", Map.of("sku", sku, "quantity", 5,
                "expectedAt", LocalDate.now().plusDays(10).toString())).getString("scheduleInbound.id");
        JsonPath placed = placeOrder(owner, sku, 3);
        String backorder = placed.getString("backorders[0].id");
        // This backorder's own mail: other worlds, made at the same time, queue theirs too.
        String notification = data("Notifications", Map.of("first", 20)).getString(
                "notifications.edges.find { it.node.backorderId == '" + backorder + "' }.node.id");
        assertNotNull(notification, "the mail about backorder " + backorder);
        // The supply slips past the date given: the customer is asked, by a mail with links, to keep or cancel.
        data("UpdateInbound", Map.of("id", inbound, "quantity", 5,
                "expectedAt", LocalDate.now().plusDays(15).toString()));
        Instant question = Instant.parse(Fixtures.backorder(backorder).getString("eta.consentDeadline"));
        return new World(sku, owner, placed.getString("id"), backorder, inbound, notification,
                links.sign(Long.parseLong(backorder), ActionLinks.Action.CANCEL, null, question),
                once(() -> newSupply(owner)));
    }

    private Supply newSupply(String owner) {
        String supplier = Fixtures.createSupplier(5);
        String supplied = Fixtures.createProductOf(supplier, "ALLOW", 0);
        placeOrder(owner, supplied, 2);
        JsonPath purchaseOrder = data("CreatePurchaseOrder", Map.of("input", Map.of("supplierId", supplier, "lines",
                List.of(Fixtures.line(supplied, 1))))).setRootPath("data.createPurchaseOrder");
        return new Supply(supplier, supplied, purchaseOrder.getString("id"), purchaseOrder.getString("lines[0].id"),
                purchaseOrderLinks.sign(purchaseOrder.getLong("id"), Long.parseLong(supplier)));
    }

    /** The value made the first time it is asked for, and the same one after, whichever thread asks. */
    private static <T> Supplier<T> once(Supplier<T> make) {
        return new Supplier<>() {
            private T made;

            @Override
            public synchronized T get() {
                if (made == null) {
                    made = make.get();
                }
                return made;
            }
        };
    }

    /** The outcome of a query or mutation, in the rule's words. */
    private static String call(String field, Map<String, Object> variables, String token) {
        JsonPath response = GraphQLClient.as(token).execute(operation(field), variables);
        List<Object> errors = response.getList("errors");
        if (errors != null) {
            return errors.size() == 1 ? response.getString("errors[0].extensions.code") : response.prettify();
        }
        Object value = response.get("data." + field);
        if (value == null) {
            return NULL;
        }
        if (value instanceof Map<?, ?> map && map.get("edges") instanceof List<?> edges && edges.isEmpty()) {
            return EMPTY;
        }
        return OK;
    }

    /** The outcome of a subscription: its refusal, or the event a restock brings once it has started. */
    private String subscribe(String field, Map<String, Object> variables, String token, World world)
            throws Exception {
        try (SubscriptionClient client = SubscriptionClient.connect(vertx, Protocol.TRANSPORT_WS, token)) {
            String id = client.subscribe(operation(field), variables);
            JsonObject first = refusalOrNothingOnceStarted(client, id);
            if (first == null) {
                data("ReceiveStock", Map.of("sku", world.sku(), "quantity", 1));
                first = client.next(id);
            }
            if (first.getValue("errors") != null) {
                return first.getJsonArray("errors").getJsonObject(0).getJsonObject("extensions").getString("code");
            }
            return first.getJsonObject("data").getValue(field) == null ? NULL : OK;
        } finally {
            awaitSubscriptions(0);
        }
    }

    /** The first message if the subscription was refused; null once it follows the feed. */
    private JsonObject refusalOrNothingOnceStarted(SubscriptionClient client, String id) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (System.nanoTime() < deadline) {
            JsonObject message = client.poll(id, Duration.ofMillis(10));
            if (message != null) {
                return message;
            }
            if (feed.watchers() == 1 && feed.starting() == 0) {
                return null;
            }
        }
        throw new AssertionError("subscription neither started nor refused within 10 s");
    }

    /** Operations in operations.graphql are named after their root field: createProduct → CreateProduct. */
    private static String operation(String field) {
        return Character.toUpperCase(field.charAt(0)) + field.substring(1);
    }
}
