package dev.skeleton.storage.multistore.osgi;

import dev.skeleton.storage.ErrorCode;
import dev.skeleton.storage.MultiStore;
import dev.skeleton.storage.StorageEvent;
import dev.skeleton.storage.StorageException;
import dev.skeleton.storage.Store;
import java.lang.System.Logger.Level;
import java.util.Hashtable;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

/**
 * Registers every available store as a {@link Store} service with the properties
 * {@value #STORE_NAME} and {@value #STORE_ENGINE}, and unregisters it while it is unavailable, so a
 * consumer can write {@code @Reference(target = "(store.name=users)") Store users;}.
 *
 * <p>Driven by the multistore's events, which arrive with no lock held. Registering a store may
 * open it, which calls its engine, and the event may come on the thread that registered the engine
 * (in OSGi: the Declarative Services thread); so registrations run on the executor the component
 * gives, never on the event's thread, and a store whose engine does not answer delays only its own
 * service. Unregistering makes no engine call and happens at once, on the event's thread. After
 * each registration the store's availability is checked again, so a store that became unavailable
 * while it was being registered is unregistered: its event may have come before the registration.
 *
 * <p>Thread-safe: the registrations live in a concurrent map; two threads registering one store at
 * once keep one registration and withdraw the other; after {@link #unregisterAll()} nothing is
 * registered any more.
 */
final class StoreServices {

    static final String STORE_NAME = "store.name";
    static final String STORE_ENGINE = "store.engine";
    private static final System.Logger LOG = System.getLogger(StoreServices.class.getName());

    private final BundleContext context;
    private final MultiStore stores;
    private final Executor executor;
    private final Map<String, ServiceRegistration<Store>> registrations = new ConcurrentHashMap<>();
    /** Stores whose registration is queued and not yet started, so that a burst of events queues one. */
    private final Set<String> queued = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    StoreServices(BundleContext context, MultiStore stores, Executor executor) {
        this.context = context;
        this.stores = stores;
        this.executor = executor;
    }

    /** Registers, on the executor, every store whose engine is present. */
    void registerAvailable() {
        for (String name : stores.listStores()) {
            registerLater(name);
        }
    }

    /** Follows a store becoming available or going away. */
    void onEvent(StorageEvent event) {
        switch (event.type()) {
            case STORE_CREATED:
            case STORE_OPENED:
                registerLater(event.storeName());
                break;
            case STORE_UNAVAILABLE:
            case STORE_CLOSED:
            case STORE_DELETED:
                // A closed store's handle answers STORE_CLOSED until getStore opens it again (which
                // announces STORE_OPENED): no service offers a store nobody can use.
                unregister(event.storeName());
                break;
            case ENGINE_ADDED:
                registerAvailable();
                break;
            case STORE_MOVED:
                renameEngine(event.storeName(), event.engineName());
                break;
            default:
                break;
        }
    }

    private void registerLater(String name) {
        if (closed || registrations.containsKey(name) || !queued.add(name)) {
            return;
        }
        try {
            executor.execute(() -> {
                queued.remove(name);
                register(name);
            });
        } catch (RejectedExecutionException stopping) {
            queued.remove(name);
        }
    }

    private void register(String name) {
        if (closed || registrations.containsKey(name)) {
            return;
        }
        Store store;
        Hashtable<String, Object> properties = new Hashtable<>();
        try {
            if (!stores.storeInfo(name).available()) {
                return;
            }
            // Opening the store fires STORE_OPENED, which comes back here: hence no lock around it,
            // and putIfAbsent below.
            store = stores.getStore(name);
            properties.put(STORE_ENGINE, stores.storeInfo(name).engine());
        } catch (StorageException e) {
            if (e.code() == ErrorCode.STORE_NOT_FOUND || e.code() == ErrorCode.STORE_CLOSED) {
                // Deleted before this thread came to it, or the multistore closed meanwhile (the
                // component is stopping): nothing to offer, nothing wrong.
                return;
            }
            LOG.log(Level.WARNING, "store " + name + " cannot be offered as a service: " + e.getMessage());
            return;
        }
        properties.put(STORE_NAME, name);
        ServiceRegistration<Store> registration = context.registerService(Store.class, store, properties);
        if (registrations.putIfAbsent(name, registration) != null) {
            withdraw(registration);
            return;
        }
        if (closed || !stillAvailable(name)) {
            unregister(name);
        }
    }

    /**
     * A moved store keeps its service (the same handle, so holders notice nothing); only its
     * {@value #STORE_ENGINE} property changes.
     */
    private void renameEngine(String name, String engine) {
        ServiceRegistration<Store> registration = registrations.get(name);
        if (registration == null) {
            return;
        }
        Hashtable<String, Object> properties = new Hashtable<>();
        properties.put(STORE_NAME, name);
        properties.put(STORE_ENGINE, engine);
        try {
            registration.setProperties(properties);
        } catch (IllegalStateException alreadyGone) {
            // Unregistered meanwhile: nothing to update.
        }
    }

    private boolean stillAvailable(String name) {
        try {
            return stores.storeInfo(name).available();
        } catch (StorageException gone) {
            return false;
        }
    }

    private void unregister(String name) {
        ServiceRegistration<Store> registration = registrations.remove(name);
        if (registration != null) {
            withdraw(registration);
        }
    }

    private static void withdraw(ServiceRegistration<Store> registration) {
        try {
            registration.unregister();
        } catch (IllegalStateException alreadyGone) {
            // The bundle is stopping and the framework has unregistered it already.
        }
    }

    /** Withdraws every store service and registers none any more (the multistore is going away). */
    void unregisterAll() {
        closed = true;
        registrations.keySet().forEach(this::unregister);
    }
}
