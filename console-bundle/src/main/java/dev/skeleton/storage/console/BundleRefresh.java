package dev.skeleton.storage.console;

import java.util.Arrays;
import java.util.Collection;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.felix.service.command.CommandProcessor;
import org.apache.felix.service.command.Descriptor;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.FrameworkEvent;
import org.osgi.framework.ServiceRegistration;
import org.osgi.framework.wiring.FrameworkWiring;

/**
 * {@code felix:refresh} as it should work: without arguments it refreshes every bundle pending
 * removal (an updated or uninstalled engine's old revision), with bundles it refreshes those, and
 * it returns once the framework has done it.
 *
 * <p>Why it exists: Gogo's own {@code felix:refresh} (org.apache.felix.gogo.command 1.1.2) hands
 * the {@code null} that Gogo passes for "no bundles" to {@code Arrays.asList} and fails with a
 * NullPointerException, so the bare {@code refresh} that collects old engine revisions did not
 * work. This command is registered with a higher {@code service.ranking}, which Gogo prefers for
 * the same scope and name; the other {@code felix:} commands stay Gogo's.
 *
 * <p>Thread-safe: it holds only the system bundle's wiring.
 */
public final class BundleRefresh {

    /** How long {@code refresh} waits for the framework before it reports that it goes on alone. */
    static final long WAIT_SECONDS = 60;

    private final FrameworkWiring wiring;

    BundleRefresh(FrameworkWiring wiring) {
        this.wiring = wiring;
    }

    /**
     * Registers the command over the framework of {@code context}.
     *
     * @param context the console bundle's context
     * @return the registration
     */
    static ServiceRegistration<BundleRefresh> register(BundleContext context) {
        Dictionary<String, Object> properties = new Hashtable<>();
        properties.put(CommandProcessor.COMMAND_SCOPE, "felix");
        properties.put(CommandProcessor.COMMAND_FUNCTION, new String[] {"refresh"});
        properties.put(Constants.SERVICE_RANKING, 1);
        FrameworkWiring wiring = context.getBundle(Constants.SYSTEM_BUNDLE_LOCATION).adapt(FrameworkWiring.class);
        return context.registerService(BundleRefresh.class, new BundleRefresh(wiring), properties);
    }

    /**
     * Refreshes bundles and waits until the framework has.
     *
     * @param bundles the bundles; none (Gogo passes null then) means those pending removal
     * @return what was done, one line
     * @throws InterruptedException if interrupted while waiting
     */
    @Descriptor("refresh bundles (without arguments: those pending removal, such as an updated engine's old revision)")
    public String refresh(@Descriptor("the bundles to refresh") Bundle[] bundles) throws InterruptedException {
        Collection<Bundle> chosen = bundles == null || bundles.length == 0 ? null : List.of(bundles);
        CountDownLatch done = new CountDownLatch(1);
        wiring.refreshBundles(chosen, event -> {
            if (event.getType() == FrameworkEvent.PACKAGES_REFRESHED) {
                done.countDown();
            }
        });
        if (!done.await(WAIT_SECONDS, TimeUnit.SECONDS)) {
            return "the framework goes on refreshing after " + WAIT_SECONDS + " s";
        }
        return chosen == null ? "refreshed the bundles pending removal"
                : "refreshed " + Arrays.stream(bundles).map(b -> b.getSymbolicName() + " [" + b.getBundleId() + "]").toList();
    }
}
