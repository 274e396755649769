package dev.skeleton.storage.console;

import dev.skeleton.storage.MultiStore;
import java.util.List;
import java.util.function.Function;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;

/**
 * The names of the stores and engines there are now, asked of the {@link MultiStore} service each
 * time (stores and engines come and go while the console runs). Without a multistore, or when it
 * fails to answer, there are none: completion offers nothing, and says nothing.
 *
 * <p>Thread-safe: it holds only the bundle context.
 */
final class StoreNames {

    private final BundleContext context;

    /**
     * Names from the multistore of a framework.
     *
     * @param context the console bundle's context
     */
    StoreNames(BundleContext context) {
        this.context = context;
    }

    /** @return the names of the stores of the catalog */
    List<String> stores() {
        return ask(MultiStore::listStores);
    }

    /** @return the names of the registered engines */
    List<String> engines() {
        return ask(MultiStore::listEngines);
    }

    private List<String> ask(Function<MultiStore, List<String>> question) {
        ServiceReference<MultiStore> reference = context.getServiceReference(MultiStore.class);
        if (reference == null) {
            return List.of();
        }
        try {
            MultiStore stores = context.getService(reference);
            return stores == null ? List.of() : List.copyOf(question.apply(stores));
        } catch (RuntimeException e) {
            // The multistore stopping meanwhile, or failing: a completion is no place to report it.
            return List.of();
        } finally {
            ungetQuietly(reference);
        }
    }

    private void ungetQuietly(ServiceReference<MultiStore> reference) {
        try {
            context.ungetService(reference);
        } catch (IllegalStateException e) {
            // The console bundle is stopping: nothing to give back.
        }
    }
}
