package dev.skeleton.storage.multistore.osgi;

import dev.skeleton.storage.Config;
import dev.skeleton.storage.Engine;
import dev.skeleton.storage.ErrorCode;
import dev.skeleton.storage.ExportOptions;
import dev.skeleton.storage.ImportOptions;
import dev.skeleton.storage.MultiStore;
import dev.skeleton.storage.TransferListener;
import dev.skeleton.storage.TransferReport;
import dev.skeleton.storage.StorageEvent;
import dev.skeleton.storage.StorageEventListener;
import dev.skeleton.storage.StorageException;
import dev.skeleton.storage.Store;
import dev.skeleton.storage.StoreInfo;
import dev.skeleton.storage.StoreStats;
import dev.skeleton.storage.multistore.DefaultMultiStore;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;

/**
 * The multistore as an OSGi service: a {@link DefaultMultiStore} whose engines are the
 * {@link Engine} services present, and whose listeners are the {@link StorageEventListener}
 * services present (the whiteboard). Engines come and go at run time without restarting it: the
 * reference is multiple, dynamic and greedy, and engines are found only as services (the bundle
 * has no wiring to any engine bundle, so an updated engine's old class loader can be collected).
 *
 * <h2>Configuration</h2>
 * PID {@value #PID}, keys {@code root.path} and {@code default.engine}; an absent key comes from
 * the framework property {@code dev.skeleton.storage.multistore.<key>}, else the built-in default
 * (see {@link MultiStoreSetup}); unknown keys are named in one WARNING line. A changed
 * configuration is applied in place ({@link #modified}): a new default engine at once, a new root
 * by closing the multistore of the old root and opening one on the new root, inside this
 * component, which stays registered. The constructor opens the multistore; if the root cannot be
 * had (another multistore holds it, it cannot be created), activation fails with one ERROR line.
 *
 * <h2>Stopping is announced</h2>
 * When the component stops ({@link #deactivate}) or leaves a root, the multistore is closed while
 * the listener services (EventAdmin's bridge among them) are still bound: stores of a
 * non-persistent engine end, each with a {@code STORE_DELETED} event, and one WARNING line names
 * them, so that no memory store is lost silently. The bundle lists this component first in its
 * {@code Service-Component} header, so that when the bundle stops, Declarative Services deactivates
 * it before the bridge to EventAdmin.
 *
 * <h2>Lock model</h2>
 * The component's monitor ({@link #lock}) serializes the bookkeeping of bound engines and
 * listeners with handing them to the current multistore and with replacing that multistore, so
 * that the multistore in use always has every bound engine and listener exactly once. The
 * multistore calls no engine on these paths except to close stores of an engine that leaves or of
 * a root that is left (see {@link DefaultMultiStore}); listeners of those events run on the
 * calling thread under the monitor. {@link #current} is volatile: service calls read it once and
 * use that multistore without the monitor, except while the root moves ({@link #moving}), when they
 * wait for the monitor first, so that none reaches the closed multistore of the old root. Every method is safe before, during and after
 * activation, in any order Declarative Services calls them (an unbind after deactivate, a
 * deactivate after a failed activation): a service call while the component is not active fails
 * with STORE_CLOSED, never with a NullPointerException.
 *
 * <p>Every available store is also registered as a {@link Store} service (see
 * {@link StoreServices}), from a thread of the component, never the Declarative Services thread.
 * Public only because Declarative Services instantiates it; the package is exported to no one.
 */
@Component(service = MultiStore.class, configurationPid = MultiStoreComponent.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL, immediate = true)
@Designate(ocd = MultiStoreSettings.class)
public final class MultiStoreComponent implements MultiStore {

    /** The configuration PID. */
    public static final String PID = "dev.skeleton.storage.multistore";

    private static final System.Logger LOG = System.getLogger(MultiStoreComponent.class.getName());

    /** A multistore in use, with what serves its stores and the settings it was made with. */
    private record Running(DefaultMultiStore stores, StoreServices services, MultiStoreSetup setup) {
    }

    private final BundleContext context;
    private final Object lock = new Object();
    /** Bound engine services, in binding order; guarded by {@link #lock}. */
    private final List<Engine> engines = new ArrayList<>();
    /** Whiteboard listeners and those added through the service; guarded by {@link #lock}. */
    private final List<StorageEventListener> listeners = new CopyOnWriteArrayList<>();
    /** Registers store services off the Declarative Services thread; shut down on deactivate. */
    private final ExecutorService serviceThreads = DaemonThreads.asNeeded("store-services");
    /** Null while not active; replaced under {@link #lock}. */
    private volatile Running current;
    /**
     * True while the root moves (under the monitor): a service call then waits for the move
     * instead of using the closed multistore of the old root.
     */
    private volatile boolean moving;
    /** Why the component is not active, for the error of calls that come then. */
    private volatile String inactive = "not activated";

    /**
     * Reads the configuration and opens the multistore on its root. Declarative Services binds the
     * engines and listeners afterwards.
     *
     * @param context    the bundle's context: framework properties, service registration
     * @param properties the configuration and what the framework adds
     * @throws StorageException if the root cannot be had (for example STORE_EXISTS: another
     *         multistore uses it); logged in one line first
     */
    @Activate
    public MultiStoreComponent(BundleContext context, Map<String, Object> properties) {
        this.context = context;
        MultiStoreSetup setup = setupOf(properties);
        try {
            current = start(setup);
        } catch (StorageException e) {
            serviceThreads.shutdown();
            LOG.log(Level.ERROR, "multistore not started at " + setup.rootPath() + ": " + e.getMessage());
            throw e;
        }
        inactive = null;
        LOG.log(Level.INFO, setup.describe());
    }

    private MultiStoreSetup setupOf(Map<String, Object> properties) {
        MultiStoreSetup setup = MultiStoreSetup.resolve(properties, context::getProperty,
                Path.of("").toAbsolutePath());
        setup.warnings().forEach(warning -> LOG.log(Level.WARNING, warning));
        return setup;
    }

    /** Opens a multistore with the bound engines and listeners; under the monitor or before any bind. */
    private Running start(MultiStoreSetup setup) {
        DefaultMultiStore stores = new DefaultMultiStore(setup.multiStoreConfig());
        StoreServices services = new StoreServices(context, stores, serviceThreads);
        stores.addListener(services::onEvent);
        listeners.forEach(stores::addListener);
        for (Engine engine : engines) {
            register(stores, engine);
        }
        services.registerAvailable();
        return new Running(stores, services, setup);
    }

    /**
     * Applies a changed configuration in place: a new default engine at once; a new root by closing
     * the multistore of the old root (announced as in {@link #deactivate}) and opening one on the
     * new root. If the new root cannot be had, the old one is opened again and the component stays
     * there, saying so in one ERROR line.
     *
     * @param properties the new configuration and what the framework adds
     */
    @Modified
    void modified(Map<String, Object> properties) {
        MultiStoreSetup next = setupOf(properties);
        synchronized (lock) {
            Running running = current;
            if (running == null) {
                return;
            }
            if (next.rootPath().equals(running.setup().rootPath())) {
                running.stores().setDefaultEngine(next.defaultEngine());
                current = new Running(running.stores(), running.services(), next);
                LOG.log(Level.INFO, next.describe());
                return;
            }
            moving = true;
            try {
                stop(running, "moves to " + next.rootPath(), Level.WARNING);
                current = startOrStay(next, running.setup());
            } finally {
                moving = false;
            }
        }
    }

    /** Opens the new root, or the old one again if the new one cannot be had; null if neither. */
    private Running startOrStay(MultiStoreSetup next, MultiStoreSetup previous) {
        try {
            Running moved = start(next);
            LOG.log(Level.INFO, next.describe());
            return moved;
        } catch (StorageException e) {
            MultiStoreSetup stay = new MultiStoreSetup(previous.rootPath(), next.defaultEngine(), previous.rootSource(),
                    next.engineSource(), List.of());
            try {
                Running stayed = start(stay);
                LOG.log(Level.ERROR, "multistore configuration: cannot use root.path " + next.rootPath() + " ("
                        + e.getMessage() + "); staying at " + previous.rootPath());
                return stayed;
            } catch (StorageException again) {
                inactive = "neither root " + next.rootPath() + " nor " + previous.rootPath() + " can be used: "
                        + again.getMessage();
                LOG.log(Level.ERROR, "multistore configuration: cannot use root.path " + next.rootPath() + " ("
                        + e.getMessage() + ") nor go back to " + previous.rootPath() + " (" + again.getMessage()
                        + "); no multistore until the configuration changes");
                return null;
            }
        }
    }

    /**
     * Closes the multistore: its store services are withdrawn first (their consumers let go), then
     * its stores are closed while every listener is still bound.
     */
    @Deactivate
    void deactivate() {
        Running running;
        synchronized (lock) {
            running = current;
            current = null;
            inactive = "deactivated";
        }
        if (running != null) {
            stop(running, "stops", platformStopping() ? Level.INFO : Level.WARNING);
        }
        serviceThreads.shutdown();
    }

    /**
     * Whether the whole framework is stopping: then every memory store ending is what the user
     * asked for, and is said at INFO; a restart of this component alone (its bundle stopped,
     * updated or refreshed, the API refreshed) loses memory stores the user still expects, so it
     * is a WARNING.
     */
    private boolean platformStopping() {
        try {
            return context.getBundle(0).getState() == Bundle.STOPPING;
        } catch (IllegalStateException e) {
            // The context is no longer valid: the framework is taking the bundle down.
            return true;
        }
    }

    /**
     * Closes a multistore and says so: one INFO line, and one line at {@code endedLevel} naming the
     * stores of non-persistent engines that ended with it (each also had its STORE_DELETED event).
     */
    private static void stop(Running running, String why, Level endedLevel) {
        running.services().unregisterAll();
        List<String> ended = new CopyOnWriteArrayList<>();
        StorageEventListener endings = event -> {
            if (event.type() == StorageEvent.Type.STORE_DELETED) {
                ended.add(event.storeName());
            }
        };
        running.stores().addListener(endings);
        Path root = running.setup().rootPath();
        try {
            running.stores().close();
        } catch (StorageException e) {
            LOG.log(Level.WARNING, "multistore at " + root + " " + why + "; closing a store failed: " + e.getMessage());
        }
        if (!ended.isEmpty()) {
            LOG.log(endedLevel, "multistore at " + root + " " + why + ": stores of non-persistent engines ended "
                    + "with their data: " + ended);
        }
        LOG.log(Level.INFO, "multistore at " + root + " " + why);
    }

    // ---- references ----

    @Reference(service = Engine.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void addEngine(Engine engine) {
        synchronized (lock) {
            engines.add(engine);
            Running running = current;
            if (running != null) {
                register(running.stores(), engine);
            }
        }
    }

    /**
     * Unregisters the engine if it is the one registered under its name, and registers another
     * bound engine of that name in its place if there is one (it was refused while this one was
     * there).
     */
    void removeEngine(Engine engine) {
        synchronized (lock) {
            if (!engines.remove(engine)) {
                return;
            }
            Running running = current;
            String name = nameOf(engine);
            if (running == null || name == null || !isRegistered(running.stores(), name, engine)) {
                return;
            }
            running.stores().unregisterEngine(name);
            for (Engine other : engines) {
                if (name.equals(nameOf(other))) {
                    register(running.stores(), other);
                    return;
                }
            }
        }
    }

    private static boolean isRegistered(DefaultMultiStore stores, String name, Engine engine) {
        try {
            return stores.getEngine(name) == engine;
        } catch (StorageException notThere) {
            return false;
        }
    }

    /** Registers a bound engine; a refusal (a second engine of one name) is logged in one line. */
    private static void register(DefaultMultiStore stores, Engine engine) {
        try {
            stores.registerEngine(engine);
        } catch (StorageException e) {
            LOG.log(Level.WARNING, "engine service " + engine + " not used: " + e.getMessage());
        }
    }

    private static String nameOf(Engine engine) {
        try {
            return engine.name();
        } catch (RuntimeException e) {
            return null;
        }
    }

    @Reference(service = StorageEventListener.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC)
    void addStorageEventListener(StorageEventListener listener) {
        addListener(listener);
    }

    void removeStorageEventListener(StorageEventListener listener) {
        removeListener(listener);
    }

    // ---- MultiStore, delegated to the multistore in use ----

    /** The multistore in use, or STORE_CLOSED saying why there is none. */
    private DefaultMultiStore stores() {
        if (moving) {
            awaitMove();
        }
        Running running = current;
        if (running == null) {
            throw new StorageException(ErrorCode.STORE_CLOSED, "the multistore service is not active ("
                    + inactive + ")");
        }
        return running.stores();
    }

    /**
     * Waits until a move of the root is over: it holds the monitor from closing the old root to
     * publishing the new one. A listener that the move calls on its own thread takes the monitor
     * again at once (it is reentrant); a call from another thread, such as a store configuration
     * answering the new multistore's ENGINE_ADDED, would otherwise reach the closed old one and
     * fail with STORE_CLOSED, with nothing left to make it try again.
     */
    private void awaitMove() {
        synchronized (lock) {
            // Nothing to do: holding the monitor once means the move has ended.
        }
    }

    @Override
    public Store getStore(String name) {
        return stores().getStore(name);
    }

    @Override
    public void createStore(String name, String engine, Config config) {
        stores().createStore(name, engine, config);
    }

    @Override
    public void deleteStore(String name) {
        stores().deleteStore(name);
    }

    @Override
    public List<String> listStores() {
        return stores().listStores();
    }

    @Override
    public boolean storeExists(String name) {
        return stores().storeExists(name);
    }

    @Override
    public StoreInfo storeInfo(String name) {
        return stores().storeInfo(name);
    }

    @Override
    public StoreStats storeStats(String name) {
        return stores().storeStats(name);
    }

    @Override
    public void closeAll() {
        stores().closeAll();
    }

    /** Until the next configuration change, which sets the configured default again. */
    @Override
    public void setDefaultEngine(String engine) {
        stores().setDefaultEngine(engine);
    }

    @Override
    public String getDefaultEngine() {
        return stores().getDefaultEngine();
    }

    /** An engine given directly, not as a service: it stays with the current root only. */
    @Override
    public void registerEngine(Engine engine) {
        stores().registerEngine(engine);
    }

    @Override
    public void unregisterEngine(String name) {
        stores().unregisterEngine(name);
    }

    @Override
    public List<String> listEngines() {
        return stores().listEngines();
    }

    @Override
    public Engine getEngine(String name) {
        return stores().getEngine(name);
    }

    /** Kept across a change of root, as the whiteboard listeners are. */
    @Override
    public void addListener(StorageEventListener listener) {
        if (listener == null) {
            throw new StorageException(ErrorCode.INVALID_ARGUMENT, "listener must not be null");
        }
        synchronized (lock) {
            if (!listeners.contains(listener)) {
                listeners.add(listener);
            }
            Running running = current;
            if (running != null) {
                running.stores().addListener(listener);
            }
        }
    }

    @Override
    public void removeListener(StorageEventListener listener) {
        synchronized (lock) {
            listeners.remove(listener);
            Running running = current;
            if (running != null) {
                running.stores().removeListener(listener);
            }
        }
    }

    @Override
    public TransferReport exportStore(String name, Path file, ExportOptions options) {
        return stores().exportStore(name, file, options);
    }

    @Override
    public TransferReport importStore(Path file, String name, ImportOptions options) {
        return stores().importStore(file, name, options);
    }

    @Override
    public TransferReport verifyDump(Path file, TransferListener listener) {
        return stores().verifyDump(file, listener);
    }

    @Override
    public TransferReport copyStore(String from, String to, String engine, TransferListener listener) {
        return stores().copyStore(from, to, engine, listener);
    }

    @Override
    public TransferReport moveStore(String name, String engine, TransferListener listener) {
        return stores().moveStore(name, engine, listener);
    }

    /** Service users do not own the multistore: closing it through the service closes its stores only. */
    @Override
    public void close() {
        stores().closeAll();
    }

    @Override
    public String toString() {
        Running running = current;
        return "MultiStoreComponent[" + (running == null ? "not active: " + inactive : running.stores()) + "]";
    }
}
