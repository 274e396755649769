package dev.skeleton.storage.runtime;

import java.time.Duration;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Filter;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.osgi.util.tracker.ServiceTracker;

/**
 * Waits, bounded in time, for a service of the platform, by LDAP filter: the launcher knows the
 * services it waits for by their properties and interface names only (see {@link Foreign}).
 */
final class ServiceWait {

    private ServiceWait() {
    }

    /**
     * A service matching a filter, waiting until one is registered.
     *
     * @param context the system bundle's context
     * @param filter  the filter, such as {@code (osgi.command.scope=store)}
     * @param timeout how long to wait
     * @param what    what the service is, for the message
     * @return the service's reference; the caller gets the service object from it
     * @throws LaunchException {@link ExitStatus#START_FAILED} if none comes in time
     */
    static ServiceReference<?> await(BundleContext context, String filter, Duration timeout, String what)
            throws LaunchException {
        ServiceTracker<Object, Object> tracker = new ServiceTracker<>(context, parse(filter), null);
        tracker.open(true);
        try {
            if (tracker.waitForService(timeout.toMillis()) == null) {
                throw new LaunchException(ExitStatus.START_FAILED,
                        what + " did not appear within " + timeout.toSeconds() + " s (service " + filter + ")");
            }
            return tracker.getServiceReference();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LaunchException(ExitStatus.START_FAILED, "interrupted while waiting for " + what, e);
        } finally {
            tracker.close();
        }
    }

    private static Filter parse(String filter) {
        try {
            return FrameworkUtil.createFilter(filter);
        } catch (InvalidSyntaxException e) {
            throw new IllegalArgumentException("bad filter " + filter, e);
        }
    }
}
