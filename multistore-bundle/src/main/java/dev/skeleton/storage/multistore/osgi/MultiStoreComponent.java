package dev.skeleton.storage.multistore.osgi;

import dev.skeleton.storage.Config;
import dev.skeleton.storage.Engine;
import dev.skeleton.storage.MultiStore;
import dev.skeleton.storage.MultiStoreConfig;
import dev.skeleton.storage.StorageEventListener;
import dev.skeleton.storage.Store;
import dev.skeleton.storage.StoreInfo;
import dev.skeleton.storage.multistore.DefaultMultiStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The multistore as an OSGi service: a {@link DefaultMultiStore} whose engines are the
 * {@link Engine} services present, and whose listeners are the {@link StorageEventListener}
 * services present (the whiteboard). Engines come and go at run time without restarting it: the
 * reference is multiple, dynamic and greedy.
 *
 * <p>Configuration: PID {@value #PID} ({@code root.path}, {@code default.engine}); without one the
 * defaults of {@link MultiStoreSettings} apply. A changed configuration restarts the component: the
 * stores are closed (flushed) and reopened from the catalog under the new settings.
 *
 * <p>Every available store is also registered as a {@link Store} service (see
 * {@link StoreServices}). Public only because Declarative Services instantiates it; the package is
 * exported to no one.
 *
 * <p>Thread safety: Declarative Services may bind engines and listeners on any thread, also before
 * {@link #activate} (those are kept and handed over on activation); everything else is the
 * thread-safe {@link DefaultMultiStore}.
 */
@Component(service = MultiStore.class, configurationPid = MultiStoreComponent.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL, immediate = true)
@Designate(ocd = MultiStoreSettings.class)
public final class MultiStoreComponent implements MultiStore {

    /** The configuration PID. */
    public static final String PID = "dev.skeleton.storage.multistore";

    /** Engines and listeners bound before activation; guarded by itself. */
    private final List<Object> early = new ArrayList<>();
    private volatile DefaultMultiStore stores;
    private volatile StoreServices storeServices;

    /** Creates the component; Declarative Services activates it. */
    public MultiStoreComponent() {
        // Instantiated by Declarative Services.
    }

    @Activate
    void activate(BundleContext context, MultiStoreSettings settings) {
        DefaultMultiStore created = new DefaultMultiStore(
                new MultiStoreConfig(Path.of(settings.root_path()), settings.default_engine(), Map.of()));
        StoreServices services = new StoreServices(context, created);
        created.addListener(services::onEvent);
        synchronized (early) {
            stores = created;
            early.forEach(this::handOver);
            early.clear();
        }
        storeServices = services;
        services.registerAvailable();
    }

    @Deactivate
    void deactivate() {
        storeServices.unregisterAll();
        stores.close();
    }

    private void handOver(Object bound) {
        if (bound instanceof Engine engine) {
            stores.registerEngine(engine);
        } else {
            stores.addListener((StorageEventListener) bound);
        }
    }

    // ---- references ----

    @Reference(service = Engine.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void addEngine(Engine engine) {
        bind(engine);
    }

    void removeEngine(Engine engine) {
        if (!unbindEarly(engine)) {
            stores.unregisterEngine(engine.name());
        }
    }

    @Reference(service = StorageEventListener.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC)
    void addStorageEventListener(StorageEventListener listener) {
        bind(listener);
    }

    void removeStorageEventListener(StorageEventListener listener) {
        if (!unbindEarly(listener)) {
            stores.removeListener(listener);
        }
    }

    private void bind(Object service) {
        synchronized (early) {
            if (stores == null) {
                early.add(service);
                return;
            }
        }
        handOver(service);
    }

    /** Forgets a service bound before activation; false if it was handed over already. */
    private boolean unbindEarly(Object service) {
        synchronized (early) {
            return stores == null && early.remove(service);
        }
    }

    // ---- MultiStore, delegated ----

    @Override
    public Store getStore(String name) {
        return stores.getStore(name);
    }

    @Override
    public void createStore(String name, String engine, Config config) {
        stores.createStore(name, engine, config);
    }

    @Override
    public void deleteStore(String name) {
        stores.deleteStore(name);
    }

    @Override
    public List<String> listStores() {
        return stores.listStores();
    }

    @Override
    public boolean storeExists(String name) {
        return stores.storeExists(name);
    }

    @Override
    public StoreInfo storeInfo(String name) {
        return stores.storeInfo(name);
    }

    @Override
    public void closeAll() {
        stores.closeAll();
    }

    @Override
    public void setDefaultEngine(String engine) {
        stores.setDefaultEngine(engine);
    }

    @Override
    public String getDefaultEngine() {
        return stores.getDefaultEngine();
    }

    @Override
    public void registerEngine(Engine engine) {
        stores.registerEngine(engine);
    }

    @Override
    public void unregisterEngine(String name) {
        stores.unregisterEngine(name);
    }

    @Override
    public List<String> listEngines() {
        return stores.listEngines();
    }

    @Override
    public Engine getEngine(String name) {
        return stores.getEngine(name);
    }

    @Override
    public void addListener(StorageEventListener listener) {
        stores.addListener(listener);
    }

    @Override
    public void removeListener(StorageEventListener listener) {
        stores.removeListener(listener);
    }

    /** Service users do not own the multistore: closing it through the service closes its stores only. */
    @Override
    public void close() {
        stores.closeAll();
    }

    @Override
    public String toString() {
        return "MultiStoreComponent[" + stores + "]";
    }
}
