package dev.skeleton.storage.multistore;

import dev.skeleton.storage.ErrorCode;
import dev.skeleton.storage.StorageException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/**
 * Forwards the interface calls of a proxy to an object that implements every interface the proxy
 * may show: a proxy then exposes exactly the capabilities of the engine's store, while one class
 * implements them all. Identity stands for equality, as for the engine's own stores.
 *
 * <p>What the target throws reaches the caller as it is: the target ({@link StoreHandle},
 * {@link HandleTransaction}) has already turned every engine failure into a
 * {@code StorageException} and lets only the caller's own visitor exceptions through unchanged.
 * The one thing left to do here is a checked exception that an engine threw without declaring it:
 * rethrown as it is, the proxy would wrap it in an {@code UndeclaredThrowableException}; it is
 * reported as IO, as {@link EngineFailures} reports any other engine failure. Stateless beyond its
 * target; thread-safe as the target is.
 */
final class ForwardingHandler implements InvocationHandler {

    private final Object target;

    ForwardingHandler(Object target) {
        this.target = target;
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
        if (method.getDeclaringClass() == Object.class) {
            return objectMethod(proxy, method, args);
        }
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException || cause instanceof Error) {
                throw cause;
            }
            // The target's toString names the store and its engine.
            throw new StorageException(ErrorCode.IO, target + " failed in " + method.getName() + ": " + cause, cause);
        }
    }

    private Object objectMethod(Object proxy, Method method, Object[] args) {
        switch (method.getName()) {
            case "equals":
                return proxy == args[0];
            case "hashCode":
                return System.identityHashCode(proxy);
            default:
                return target.toString();
        }
    }
}
