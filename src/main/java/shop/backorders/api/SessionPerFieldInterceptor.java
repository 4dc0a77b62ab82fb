package shop.backorders.api;

import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

@SessionPerField
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE)
class SessionPerFieldInterceptor {

    @AroundInvoke
    Object onOwnContext(InvocationContext invocation) throws Exception {
        Context current = Vertx.currentContext();
        if (current == null || !Uni.class.isAssignableFrom(invocation.getMethod().getReturnType())) {
            return invocation.proceed();
        }
        Context own = VertxContext.createNewDuplicatedContext(current);
        VertxContextSafetyToggle.setContextSafe(own, true);
        return Uni.createFrom().emitter(emitter -> own.runOnContext(ignored -> {
            Uni<?> result;
            try {
                result = (Uni<?>) invocation.proceed();
            } catch (Exception failure) {
                emitter.fail(failure);
                return;
            }
            result.subscribe().with(emitter::complete, emitter::fail);
        }));
    }
}
