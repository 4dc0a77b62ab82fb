package shop.backorders.shared;

import java.util.function.Supplier;

import io.quarkus.arc.Arc;
import io.quarkus.arc.InjectableContext.ContextState;
import io.quarkus.arc.ManagedContext;
import io.quarkus.opentelemetry.runtime.QuarkusContextStorage;
import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * Runs reactive work on a Vert.x context of its own, hence with a database session of its own: Panache
 * keeps one session per context, which cannot run two statements at once, so work that may overlap
 * other work on the same context (parallel GraphQL fields, a live watch reading while the feed
 * delivers) must not share it. The work stays in the request it belongs to: the request's CDI context
 * (and with it who is asking, for security checks) is active on the new context too, as Quarkus keeps
 * it per Vert.x context, and so is its trace.
 */
public final class OwnContext {

    private OwnContext() {
    }

    public static <T> Uni<T> run(Supplier<Uni<T>> work) {
        Context current = Vertx.currentContext();
        if (current == null) {
            return Uni.createFrom().deferred(work::get);
        }
        ManagedContext requestContext = Arc.container().requestContext();
        ContextState request = requestContext.isActive() ? requestContext.getState() : null;
        return Uni.createFrom().emitter(emitter -> start(current, () -> {
            if (request != null) {
                requestContext.activate(request);
            }
            Uni<T> result;
            try {
                result = work.get();
            } catch (RuntimeException failure) {
                emitter.fail(failure);
                return;
            }
            result.subscribe().with(emitter::complete, emitter::fail);
        }));
    }

    /**
     * Starts work on a new context duplicated from this one (same event loop, its own local data: its own
     * session), outside any request.
     */
    public static void start(Context from, Runnable work) {
        Context own = VertxContext.createNewDuplicatedContext(from);
        VertxContextSafetyToggle.setContextSafe(own, true);
        // The trace goes along too (OpenTelemetry keeps it in a context's local data), for the new context's life:
        // the statements run here are spans of the request's trace, and the lines logged here name it.
        io.opentelemetry.context.Context trace = QuarkusContextStorage.getOtelContext(from);
        if (trace != null) {
            QuarkusContextStorage.INSTANCE.attach(own, trace);
        }
        own.runOnContext(ignored -> work.run());
    }
}
