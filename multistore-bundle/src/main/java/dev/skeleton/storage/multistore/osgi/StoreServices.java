package dev.skeleton.storage.multistore.osgi;

import dev.skeleton.storage.MultiStore;
import dev.skeleton.storage.StorageEvent;
import dev.skeleton.storage.StorageException;
import dev.skeleton.storage.Store;
import java.lang.System.Logger.Level;
import java.util.Hashtable;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

/**
 * Registers every available store as a {@link Store} service with the properties
 * {@value #STORE_NAME} and {@value #STORE_ENGINE}, and unregisters it while it is unavailable, so a
 * consumer can write {@code @Reference(target = "(store.name=users)") Store users;}.
 *
 * <p>Driven by the multistore's events, which arrive with no lock held, so service registration
 * (which calls out to the framework's listeners) also happens with no lock held. Thread-safe: the
 * registrations live in a concurrent map; two threads registering one store at once keep one
 * registration and withdraw the other.
 */
final class StoreServices {

    static final String STORE_NAME = "store.name";
    static final String STORE_ENGINE = "store.engine";
    private static final System.Logger LOG = System.getLogger(StoreServices.class.getName());

    private final BundleContext context;
    private final MultiStore stores;
    private final Map<String, ServiceRegistration<Store>> registrations = new ConcurrentHashMap<>();

    StoreServices(BundleContext context, MultiStore stores) {
        this.context = context;
        this.stores = stores;
    }

    /** Registers every store whose engine is present. */
    void registerAvailable() {
        for (String name : stores.listStores()) {
            if (stores.storeInfo(name).available()) {
                register(name);
            }
        }
    }

    /** Follows a store becoming available or going away. */
    void onEvent(StorageEvent event) {
        switch (event.type()) {
            case STORE_CREATED:
            case STORE_OPENED:
                register(event.storeName());
                break;
            case STORE_UNAVAILABLE:
            case STORE_DELETED:
                unregister(event.storeName());
                break;
            case ENGINE_ADDED:
                registerAvailable();
                break;
            default:
                break;
        }
    }

    private void register(String name) {
        if (registrations.containsKey(name)) {
            return;
        }
        Store store;
        Hashtable<String, Object> properties = new Hashtable<>();
        try {
            // Opening the store fires STORE_OPENED, which comes back here: hence no lock and no
            // computeIfAbsent around it, and putIfAbsent below.
            store = stores.getStore(name);
            properties.put(STORE_ENGINE, stores.storeInfo(name).engine());
        } catch (StorageException e) {
            LOG.log(Level.WARNING, "store " + name + " cannot be offered as a service: " + e.getMessage());
            return;
        }
        properties.put(STORE_NAME, name);
        ServiceRegistration<Store> registration = context.registerService(Store.class, store, properties);
        if (registrations.putIfAbsent(name, registration) != null) {
            registration.unregister();
        }
    }

    private void unregister(String name) {
        ServiceRegistration<Store> registration = registrations.remove(name);
        if (registration != null) {
            try {
                registration.unregister();
            } catch (IllegalStateException alreadyGone) {
                // The bundle is stopping and the framework has unregistered it already.
            }
        }
    }

    /** Withdraws every store service (the multistore is going away). */
    void unregisterAll() {
        registrations.keySet().forEach(this::unregister);
    }
}
