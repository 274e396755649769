package dev.skeleton.storage.itests.writer;

import java.util.Dictionary;
import java.util.Hashtable;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

/**
 * The activator of the hot-swap writer bundle: starts an {@link AcknowledgedWriter} and offers it as
 * a {@code Supplier} (progress so far) and a {@code Callable} (stop, then the final account), both
 * JDK types, so that the test reads it without sharing a package with this bundle. The service
 * carries {@code writer=hot-swap}.
 *
 * <p>Thread safety: the framework calls start and stop on one thread, one after the other.
 */
public final class WriterActivator implements BundleActivator {

    private AcknowledgedWriter writer;
    private ServiceRegistration<?> registration;

    @Override
    public void start(BundleContext context) {
        writer = new AcknowledgedWriter(context);
        writer.start();
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put("writer", "hot-swap");
        registration = context.registerService(new String[] {Supplier.class.getName(), Callable.class.getName()},
                writer, properties);
    }

    @Override
    public void stop(BundleContext context) {
        registration.unregister();
        writer.call();
    }
}
