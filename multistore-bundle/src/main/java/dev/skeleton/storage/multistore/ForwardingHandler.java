package dev.skeleton.storage.multistore;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/**
 * Forwards the interface calls of a proxy to an object that implements every interface the proxy
 * may show: a proxy then exposes exactly the capabilities of the engine's store, while one class
 * implements them all. Identity stands for equality, as for the engine's own stores.
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
            throw e.getCause();
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
