package dev.skeleton.storage.itests;

import dev.skeleton.storage.MultiStore;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Optional;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;

/**
 * Waiting for what the framework does on other threads, inside the framework: services that come
 * and go, components that restart. Every wait is bounded by {@link #TIMEOUT_MS} and fails with a
 * message instead of hanging.
 */
final class Osgi {

    /** How long a wait may take before the test fails. */
    static final long TIMEOUT_MS = 10_000;

    private Osgi() {
    }

    /** The service of that type matching the filter (null: any), waiting until one is registered. */
    static <T> T awaitService(BundleContext context, Class<T> type, String filter) {
        return context.getService(awaitReference(context, type, filter));
    }

    /** The reference of a service of that type matching the filter, waiting until one is registered. */
    static <T> ServiceReference<T> awaitReference(BundleContext context, Class<T> type, String filter) {
        long deadline = System.currentTimeMillis() + TIMEOUT_MS;
        while (true) {
            Optional<ServiceReference<T>> found = reference(context, type, filter);
            if (found.isPresent()) {
                return found.get();
            }
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError("no " + type.getSimpleName() + " service " + filter + " within " + TIMEOUT_MS + " ms");
            }
            pause();
        }
    }

    /** Waits until no service of that type matches the filter. */
    static void awaitNoService(BundleContext context, Class<?> type, String filter) {
        eventually(() -> {
            if (reference(context, type, filter).isPresent()) {
                throw new AssertionError(type.getSimpleName() + " service " + filter + " is still registered");
            }
        });
    }

    /** A service reference of that type matching the filter, if one is registered now. */
    static <T> Optional<ServiceReference<T>> reference(BundleContext context, Class<T> type, String filter) {
        return references(context, type, filter).stream().findFirst();
    }

    /** The service references of that type matching the filter registered now. */
    static <T> Collection<ServiceReference<T>> references(BundleContext context, Class<T> type, String filter) {
        try {
            return context.getServiceReferences(type, filter);
        } catch (InvalidSyntaxException e) {
            throw new IllegalArgumentException("bad filter " + filter, e);
        }
    }

    /** The multistore configured with that root (its component properties carry {@code root.path}). */
    static MultiStore multiStoreAt(BundleContext context, Path root) {
        return awaitService(context, MultiStore.class, filter("root.path", root.toString()));
    }

    /** Waits until the multistore has an engine of that name. */
    static void awaitEngine(MultiStore stores, String engine) {
        eventually(() -> {
            if (!stores.listEngines().contains(engine)) {
                throw new AssertionError("no engine " + engine + " among " + stores.listEngines());
            }
        });
    }

    /** The installed bundle with that symbolic name. */
    static Bundle bundle(BundleContext context, String symbolicName) {
        for (Bundle bundle : context.getBundles()) {
            if (symbolicName.equals(bundle.getSymbolicName())) {
                return bundle;
            }
        }
        throw new AssertionError("no bundle " + symbolicName + " is installed");
    }

    /** Repeats an assertion until it passes, or fails with its last error after the timeout. */
    static void eventually(Runnable assertion) {
        long deadline = System.currentTimeMillis() + TIMEOUT_MS;
        while (true) {
            try {
                assertion.run();
                return;
            } catch (AssertionError | RuntimeException e) {
                if (System.currentTimeMillis() > deadline) {
                    throw e;
                }
            }
            pause();
        }
    }

    /** An LDAP filter {@code (key=value)} with the value escaped. */
    static String filter(String key, String value) {
        return "(" + key + "=" + value.replaceAll("([\\\\*()])", "\\\\$1") + ")";
    }

    private static void pause() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting", e);
        }
    }
}
