package shop.backorders.api.transport;

import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

import io.smallrye.mutiny.Uni;
import shop.backorders.shared.OwnContext;

@SessionPerField
@Interceptor
@Priority(Interceptor.Priority.PLATFORM_BEFORE)
public class SessionPerFieldInterceptor {

    @AroundInvoke
    Object onOwnContext(InvocationContext invocation) throws Exception {
        if (!Uni.class.isAssignableFrom(invocation.getMethod().getReturnType())) {
            return invocation.proceed();
        }
        return OwnContext.run(() -> {
            try {
                return (Uni<?>) invocation.proceed();
            } catch (RuntimeException failure) {
                throw failure;
            } catch (Exception failure) {
                return Uni.createFrom().failure(failure);
            }
        }).onFailure().transform(ErrorCodes::reportable);
    }
}
