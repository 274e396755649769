package dev.skeleton.storage.multistore.osgi;

import dev.skeleton.storage.Config;
import dev.skeleton.storage.MultiStore;
import dev.skeleton.storage.StorageEvent;
import dev.skeleton.storage.StorageEventListener;
import dev.skeleton.storage.StorageException;
import java.lang.System.Logger.Level;
import java.util.HashMap;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;

/**
 * One store declared by a ConfigAdmin factory configuration with factory PID {@value #FACTORY_PID}
 * (for example a FileInstall file {@code etc/dev.skeleton.storage.store-users.cfg}): the properties
 * {@code name} and {@code engine}, plus engine configuration keys. The store is created if it does
 * not exist, and opened (so that it is offered as a {@code Store} service) if it does.
 *
 * <p>If its engine is not present yet, the store is created as soon as the multistore announces the
 * engine: this component adds itself as a listener of the multistore. It is not a whiteboard
 * listener service, because it also references the multistore, and the cycle would make Declarative
 * Services log circular-reference errors whenever the multistore restarts. Deleting
 * the configuration does not delete the store: data is never lost to a configuration change.
 */
@Component(configurationPid = StoreConfiguration.FACTORY_PID, configurationPolicy = ConfigurationPolicy.REQUIRE,
        service = {})
public final class StoreConfiguration implements StorageEventListener {

    /** The factory PID of store configurations. */
    public static final String FACTORY_PID = "dev.skeleton.storage.store";

    private static final System.Logger LOG = System.getLogger(StoreConfiguration.class.getName());

    private final MultiStore stores;
    private final String name;
    private final String engine;
    private final Config config;
    private volatile boolean done;

    /**
     * Reads the configuration and creates or opens the store.
     *
     * @param stores     the multistore
     * @param properties the configuration
     */
    @Activate
    public StoreConfiguration(@Reference MultiStore stores, Map<String, Object> properties) {
        this.stores = stores;
        this.name = String.valueOf(properties.get("name"));
        this.engine = properties.get("engine") == null ? null : String.valueOf(properties.get("engine"));
        Map<String, Object> own = new HashMap<>(properties);
        own.remove("name");
        own.remove("engine");
        // Declarative Services adds osgi.ds.* properties (SCR 2.2: the satisfying condition) that
        // are no store configuration; the framework keys Config knows are ignored by engines anyway.
        own.keySet().removeIf(key -> Config.isFrameworkKey(key) || key.startsWith("osgi.ds."));
        this.config = Config.of(own);
        stores.addListener(this);
        ensureStore();
    }

    /** The configuration is gone (or the multistore): stop listening; the store stays. */
    @Deactivate
    void deactivate() {
        stores.removeListener(this);
    }

    /**
     * Retries a creation that waited for its engine: the multistore announces every engine it
     * registers, so this never races with the engine's own arrival in the multistore.
     *
     * @param e an event of the multistore
     */
    @Override
    public void onEvent(StorageEvent e) {
        if (e.type() == StorageEvent.Type.ENGINE_ADDED && !done) {
            ensureStore();
        }
    }

    private synchronized void ensureStore() {
        if (done) {
            return;
        }
        try {
            if (stores.storeExists(name)) {
                stores.getStore(name);
            } else {
                stores.createStore(name, engine, config);
            }
            done = true;
        } catch (StorageException e) {
            LOG.log(Level.WARNING, "store configuration " + name + " (engine " + engine + "): " + e.getMessage());
        }
    }
}
