package shop.backorders.shared;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

import org.hibernate.reactive.mutiny.Mutiny;
import org.hibernate.reactive.mutiny.impl.MutinySessionImpl;
import org.hibernate.reactive.pool.ReactiveConnection;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.common.vertx.ContextLocals;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;

/**
 * Native SQL on the current session's connection, hence in its transaction, straight through the reactive
 * PostgreSQL client. Hibernate's native queries cost more than the statements themselves: every execution
 * builds a result mapping that never equals the cached one, so its query-plan cache grows one entry per
 * execution and each lookup compares the SQL text with all of them (a profile showed 13% of the service's
 * CPU there). This is the one place that reaches into Hibernate Reactive's internals
 * ({@link MutinySessionImpl#getReactiveConnection()}); {@code SqlTest} guards it.
 *
 * <p>Parameters are named ({@code :name}) and bound by value: arrays (of instants too), strings, numbers,
 * booleans, dates, instants and enums (by name). Row values come as the PostgreSQL client decodes them
 * ({@code bigint} as {@link Long}, {@code timestamptz} as {@link OffsetDateTime}, …): read them with
 * {@link Columns}.
 *
 * <p>Writes whose answer the caller does not need can be {@linkplain #send sent} without waiting: they go
 * ahead of the transaction's next statements on the connection, so a few writes and the statement after
 * them cost one round trip, while the stock lock is held.
 */
public final class Sql {

    private static final Map<String, Statement> STATEMENTS = new ConcurrentHashMap<>();
    /** The context-local key of the writes sent on a connection and not yet awaited ({@link Sent}). */
    private static final String SENT = Sql.class.getName() + ".sent";

    private Sql() {
    }

    /** The rows the statement returns, each an array of its columns. */
    public static Uni<List<Object[]>> rows(String sql, Map<String, ?> parameters) {
        return rowsOfEach(List.of(new Query(sql, parameters))).map(rows -> rows.get(0));
    }

    /** A statement with its named parameters, to send with others ({@link #rowsOfEach}). */
    public record Query(String sql, Map<String, ?> parameters) {
    }

    /**
     * The rows each statement returns. They run in their order, but go out together: the client pipelines
     * them on the connection, so they cost one round trip, not one each. Only inside a transaction, which
     * makes them one unit: the first to fail fails them all, PostgreSQL aborts the transaction there and the
     * ones after it fail too (each logged by Hibernate Reactive as a warning of its own).
     */
    public static Uni<List<List<Object[]>>> rowsOfEach(List<Query> queries) {
        if (queries.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        List<Bound> bound = queries.stream().map(query -> bind(query.sql(), query.parameters())).toList();
        return connection().chain(connection -> {
            if (bound.size() > 1 && !connection.isTransactionInProgress()) {
                throw new IllegalStateException("Statements are sent together only inside a transaction");
            }
            // Sent here, one after another, before any answer: the connection queues them in this order.
            List<Uni<List<Object[]>>> answers = new ArrayList<>();
            for (Bound statement : bound) {
                CompletionStage<ReactiveConnection.Result> sent = connection.select(statement.sql(),
                        statement.values());
                answers.add(Uni.createFrom().completionStage(sent).map(Sql::collect));
            }
            // Answers arrive in order, so the first failure to arrive is the first statement's to fail; writes
            // sent earlier are answered before any of these.
            return awaitSent(connection).chain(() -> answers.size() == 1 ? answers.get(0).map(List::of)
                    : Uni.join().all(answers).andFailFast());
        });
    }

    /** Runs a statement that returns no rows; the number of rows it changed. */
    public static Uni<Integer> update(String sql, Map<String, ?> parameters) {
        Bound statement = bind(sql, parameters);
        return connection().chain(connection -> {
            CompletionStage<Integer> sent = connection.update(statement.sql(), statement.values());
            return awaitSent(connection).chain(() -> Uni.createFrom().completionStage(sent));
        });
    }

    /**
     * Sends a write inside the current transaction and returns without waiting for its answer. Its outcome is
     * awaited with the next statement's answer, or by {@link #awaitSent()}, which the transaction must call
     * before it commits ({@code changes.Transactions} does): the commit of a transaction whose write failed
     * unseen fails only with a bare "Rollback", the cause lost. A failure is the transaction's failure all
     * the same, as the first statement to fail. Away from a duplicated Vert.x context it waits, as
     * {@link #update} does.
     */
    public static Uni<Void> send(String sql, Map<String, ?> parameters) {
        Bound statement = bind(sql, parameters);
        return connection().chain(connection -> {
            if (!connection.isTransactionInProgress()) {
                throw new IllegalStateException("Writes are sent without waiting only inside a transaction");
            }
            CompletionStage<Integer> sent = connection.update(statement.sql(), statement.values());
            if (!VertxContext.isOnDuplicatedContext()) {
                return Uni.createFrom().completionStage(sent).replaceWithVoid();
            }
            Sent earlier = ContextLocals.<Sent>get(SENT).filter(writes -> writes.connection() == connection)
                    .orElseGet(() -> new Sent(connection, new ArrayList<>()));
            earlier.answers().add(sent);
            ContextLocals.put(SENT, earlier);
            return Uni.createFrom().voidItem();
        });
    }

    /** The outcome of every write {@linkplain #send sent} in the current transaction and not awaited yet. */
    public static Uni<Void> awaitSent() {
        return connection().chain(connection -> awaitSent(connection));
    }

    /** Writes sent on one connection, in their order, whose answers nobody has awaited yet. */
    private record Sent(ReactiveConnection connection, List<CompletionStage<Integer>> answers) {
    }

    /**
     * Awaits the writes sent on this connection, first failure first. Writes sent on another connection (an
     * earlier session on this context, whose transaction failed before awaiting them) are forgotten.
     */
    private static Uni<Void> awaitSent(ReactiveConnection connection) {
        Optional<Sent> sent = VertxContext.isOnDuplicatedContext() ? ContextLocals.get(SENT) : Optional.empty();
        if (sent.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        ContextLocals.remove(SENT);
        if (sent.get().connection() != connection) {
            return Uni.createFrom().voidItem();
        }
        List<Uni<Integer>> answers = sent.get().answers().stream()
                .map(answer -> Uni.createFrom().completionStage(answer)).toList();
        return Uni.join().all(answers).andFailFast().replaceWithVoid();
    }

    /** A statement in PostgreSQL's positional form with its values in position order. */
    private record Bound(String sql, Object[] values) {
    }

    private static Bound bind(String sql, Map<String, ?> parameters) {
        Statement statement = STATEMENTS.computeIfAbsent(sql, Statement::parse);
        return new Bound(statement.sql(), statement.values(parameters));
    }

    /** Parameters as alternating names and values; unlike {@link Map#of}, values may be null. */
    public static Map<String, Object> parameters(Object... namesAndValues) {
        Map<String, Object> parameters = new HashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            parameters.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return parameters;
    }

    /**
     * The session's connection, once entity changes still pending in the session are written through it. If
     * that fails because a write sent earlier failed (the transaction is aborted), the write's failure is the
     * answer: it came first.
     */
    private static Uni<ReactiveConnection> connection() {
        return Panache.getSession().chain(session -> {
            ReactiveConnection connection = ((MutinySessionImpl) session).getReactiveConnection();
            return session.flush().onFailure().recoverWithUni(failure -> awaitSent(connection)
                    .chain(() -> Uni.createFrom().failure(failure)))
                    .replaceWith(connection);
        });
    }

    private static List<Object[]> collect(Iterator<Object[]> result) {
        List<Object[]> rows = new ArrayList<>();
        result.forEachRemaining(rows::add);
        return rows;
    }

    /** A statement with its named parameters turned into PostgreSQL's positional ones. */
    record Statement(String sql, List<String> names) {

        /**
         * Replaces each {@code :name} by {@code $n}, the same name by the same number; leaves alone casts
         * ({@code ::}), string literals and comments.
         */
        static Statement parse(String sql) {
            StringBuilder positional = new StringBuilder(sql.length());
            List<String> names = new ArrayList<>();
            int i = 0;
            while (i < sql.length()) {
                char c = sql.charAt(i);
                int end = i + 1;
                if (c == '\'') {
                    end = sql.indexOf('\'', i + 1) + 1;
                } else if (c == '-' && sql.startsWith("--", i)) {
                    end = sql.indexOf('\n', i);
                } else if (c == ':' && sql.startsWith("::", i)) {
                    end = i + 2;
                } else if (c == ':' && i + 1 < sql.length() && Character.isJavaIdentifierStart(sql.charAt(i + 1))) {
                    while (end < sql.length() && Character.isJavaIdentifierPart(sql.charAt(end))) {
                        end++;
                    }
                    String name = sql.substring(i + 1, end);
                    if (!names.contains(name)) {
                        names.add(name);
                    }
                    positional.append('$').append(names.indexOf(name) + 1);
                    i = end;
                    continue;
                }
                end = end <= 0 ? sql.length() : end;
                positional.append(sql, i, end);
                i = end;
            }
            return new Statement(positional.toString(), List.copyOf(names));
        }

        Object[] values(Map<String, ?> parameters) {
            if (parameters.size() != names.size() || !parameters.keySet().containsAll(names)) {
                throw new IllegalArgumentException("Parameters " + parameters.keySet() + " do not match " + names);
            }
            Object[] values = new Object[names.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = value(parameters.get(names.get(i)));
            }
            return values;
        }

        private static Object value(Object value) {
            if (value instanceof Instant instant) {
                return instant.atOffset(ZoneOffset.UTC);
            }
            if (value instanceof Instant[] instants) {
                return Arrays.stream(instants).map(instant -> instant == null ? null : instant.atOffset(ZoneOffset.UTC))
                        .toArray(OffsetDateTime[]::new);
            }
            return value instanceof Enum<?> constant ? constant.name() : value;
        }
    }
}
