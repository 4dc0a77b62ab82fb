/**
 * How GraphQL requests travel, and the one place that relies on library internals, each for a reason
 * and guarded by a test:
 * <ul>
 * <li>{@link shop.backorders.api.transport.RequestChecks}: Vert.x routes in front of SmallRye's, for the
 * GraphQL-over-HTTP answers SmallRye gets wrong, and a body handler of its own with Quarkus' body limit, as
 * Quarkus answers that limit with a bare 413 (ErrorResponsesTest, HostileInputTest, the audit).</li>
 * <li>{@link shop.backorders.api.transport.ErrorCodes}: rewrites SmallRye's execution result through
 * {@code SmallRyeContext}, as SmallRye has no hook for the codes of validation errors (ErrorResponsesTest).</li>
 * <li>{@link shop.backorders.api.transport.QueryLimits}: graphql-java's parser limits, handed to its parse by
 * an instrumentation chained onto SmallRye's, so limits hold over WebSocket too, and the system property that
 * sizes SmallRye's document cache (HostileInputTest, LargeDocumentsIT).</li>
 * <li>{@link shop.backorders.api.transport.StrictScalars}: puts graphql-java's own {@code Int} coercing back
 * in place of SmallRye's lenient one, and gives {@code Decimal} its own, through its {@code GraphQL.Builder} event
 * (HostileInputTest, PriceTest).</li>
 * <li>{@link shop.backorders.api.transport.SharedEventAnswers}: graphql-java's subscription strategy with
 * its one replaceable step answered once per event for all who ask the same, installed through SmallRye's
 * {@code GraphQL.Builder} event (SharedEventAnswersTest).</li>
 * <li>{@link shop.backorders.api.transport.SubscriberConnections}: Vert.x's internal {@code ConnectionBase}
 * and a Netty handler, to see when a subscriber stops reading (StalledClientTest).</li>
 * <li>{@link shop.backorders.api.transport.SchemaDirectives}: replaces the directive definitions SmallRye
 * adds to the schema, so the printed schema declares no type nothing uses (SchemaTest).</li>
 * <li>{@link shop.backorders.api.transport.SessionPerField}: a Vert.x context (and database session) per
 * root field, through {@code shared.OwnContext}, which also carries the request's CDI context
 * (ParallelFieldsTest, AuthorizationTest).</li>
 * <li>{@link shop.backorders.api.transport.RequestBatches}: graphql-java's DataLoader in the request's registry,
 * which an instrumentation chained onto SmallRye's gives every request, to load a page's availability at once:
 * SmallRye's own batching keys by the source alone and would answer aliases with other arguments alike
 * (AvailabilityTest).</li>
 * </ul>
 */
package shop.backorders.api.transport;
