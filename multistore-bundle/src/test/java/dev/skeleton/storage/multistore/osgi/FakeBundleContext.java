package dev.skeleton.storage.multistore.osgi;

import java.lang.reflect.Proxy;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

/**
 * The little of a {@link BundleContext} the components use, without a framework: framework
 * properties from a map, the system bundle's state, and service registrations recorded in a list (unregistering removes
 * them). Anything else is UnsupportedOperationException. Thread-safe.
 */
final class FakeBundleContext {

    /** A service as registered: its interface, object and properties. */
    record Registered(String type, Object service, Map<String, Object> properties) {
    }

    final Map<String, String> frameworkProperties = new HashMap<>();
    final List<Registered> registered = new CopyOnWriteArrayList<>();
    /** The state of the system bundle, as {@code getBundle(0).getState()} answers. */
    volatile int systemBundleState = Bundle.ACTIVE;

    BundleContext context() {
        return (BundleContext) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {BundleContext.class},
                (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "getProperty":
                            return frameworkProperties.get((String) args[0]);
                        case "registerService":
                            return register(args[0], args[1], (Dictionary<?, ?>) args[2]);
                        case "getBundle":
                            return systemBundle(args);
                        case "toString":
                            return "FakeBundleContext";
                        case "hashCode":
                            return System.identityHashCode(proxy);
                        case "equals":
                            return proxy == args[0];
                        default:
                            throw new UnsupportedOperationException(method.getName());
                    }
                });
    }

    /** {@code getBundle(0)}: a bundle that answers only its state. */
    private Bundle systemBundle(Object[] args) {
        if (args == null || !Long.valueOf(0).equals(args[0])) {
            throw new UnsupportedOperationException("getBundle" + java.util.Arrays.toString(args));
        }
        return (Bundle) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Bundle.class},
                (proxy, method, bundleArgs) -> {
                    if (method.getName().equals("getState")) {
                        return systemBundleState;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    private ServiceRegistration<?> register(Object type, Object service, Dictionary<?, ?> dictionary) {
        Map<String, Object> properties = new HashMap<>();
        for (Object key : java.util.Collections.list(dictionary.keys())) {
            properties.put((String) key, dictionary.get(key));
        }
        String name = type instanceof Class<?> c ? c.getName() : String.valueOf(type);
        Registered entry = new Registered(name, service, properties);
        registered.add(entry);
        return (ServiceRegistration<?>) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {ServiceRegistration.class}, (proxy, method, args) -> {
                    if (method.getName().equals("unregister")) {
                        if (!registered.remove(entry)) {
                            throw new IllegalStateException("already unregistered");
                        }
                        return null;
                    }
                    if (method.getName().equals("hashCode")) {
                        return System.identityHashCode(proxy);
                    }
                    if (method.getName().equals("equals")) {
                        return proxy == args[0];
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    /** The names of the stores registered as services now, sorted. */
    List<String> storeServices() {
        return registered.stream().filter(r -> r.type().equals("dev.skeleton.storage.Store"))
                .map(r -> (String) r.properties().get(StoreServices.STORE_NAME)).sorted().toList();
    }
}
