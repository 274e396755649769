package dev.skeleton.storage.multistore;

import dev.skeleton.storage.Config;
import dev.skeleton.storage.Engine;
import dev.skeleton.storage.ErrorCode;
import dev.skeleton.storage.MultiStore;
import dev.skeleton.storage.MultiStoreConfig;
import dev.skeleton.storage.StorageEvent;
import dev.skeleton.storage.StorageEvent.Type;
import dev.skeleton.storage.StorageEventListener;
import dev.skeleton.storage.StorageException;
import dev.skeleton.storage.Store;
import dev.skeleton.storage.StoreInfo;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The multistore: named stores under one root directory, over whatever engines are registered.
 *
 * <h2>Plain Java</h2>
 * <pre>{@code
 * try (MultiStore stores = DefaultMultiStore.withInstalledEngines(MultiStoreConfig.of(Path.of("data")))) {
 *     stores.createStore("users", "memory", Config.empty());
 *     stores.getStore("users").set(key, value);
 * }
 * }</pre>
 * {@link #DefaultMultiStore(MultiStoreConfig)} registers no engine; {@link #withInstalledEngines}
 * registers every engine {@link ServiceLoader} finds. In OSGi the same class is driven by a
 * Declarative Services component that registers and unregisters engines as their services come
 * and go.
 *
 * <h2>Catalog</h2>
 * Persistent stores are recorded in {@code rootPath/catalog.txt} (see {@link Catalog}), so a new
 * multistore on the same root knows them and opens each when first asked for. Stores of a
 * non-persistent engine are known only while they are open: closing them (one by one, by
 * {@link #closeAll()}, or by their engine leaving) ends them, with a {@code STORE_DELETED} event.
 *
 * <h2>Engines that come and go</h2>
 * {@link #getStore} returns one handle per store, which stays valid while its engine leaves and
 * comes back: an engine leaving closes its stores (flushing their data, rolling back their open
 * transactions) and the handles fail with ENGINE_UNAVAILABLE; when the engine is registered again,
 * the stores that were open are reopened on their data and the same handles work again.
 *
 * <h2>Lock model</h2>
 * One lock guards the engines, the catalog and the handles' transitions; engine stores are
 * created, opened and closed under it. Store operations through handles take no lock of the
 * multistore (see {@link StoreHandle}). Events are collected under the lock and delivered after it
 * is released, so listeners may call back in.
 */
public final class DefaultMultiStore implements MultiStore {

    private static final System.Logger LOG = System.getLogger(DefaultMultiStore.class.getName());
    private static final Pattern STORE_NAME = Pattern.compile(STORE_NAME_PATTERN);

    private final Path root;
    private final Map<String, Config> engineDefaults;
    private final Catalog catalog;
    private final Listeners listeners = new Listeners();
    private final ReentrantLock lock = new ReentrantLock();
    /** Guarded by {@link #lock}. */
    private final Map<String, Engine> engines = new HashMap<>();
    /** Every known store by name, sorted; guarded by {@link #lock}. */
    private final TreeMap<String, CatalogEntry> entries = new TreeMap<>();
    /** The handle of every store that was opened; guarded by {@link #lock}. */
    private final Map<String, StoreHandle> handles = new HashMap<>();
    private volatile String defaultEngine;
    private volatile boolean closed;

    /**
     * A multistore on {@code config.rootPath()} that knows the persistent stores of its catalog and
     * has no engine yet.
     *
     * @param config root path, default engine, per-engine default configurations
     * @throws StorageException INVALID_ARGUMENT if config is null; CORRUPTED or IO if the catalog
     *         cannot be read
     */
    public DefaultMultiStore(MultiStoreConfig config) {
        if (config == null) {
            throw new StorageException(ErrorCode.INVALID_ARGUMENT, "multistore config must not be null");
        }
        this.root = config.rootPath();
        this.defaultEngine = config.defaultEngine();
        this.engineDefaults = config.engineConfigs();
        this.catalog = new Catalog(root);
        catalog.read().forEach(entry -> entries.put(entry.name(), entry));
    }

    /**
     * A multistore with every engine that {@link ServiceLoader} finds on the class path or module
     * path registered.
     *
     * @param config root path, default engine, per-engine default configurations
     * @return the multistore
     */
    public static DefaultMultiStore withInstalledEngines(MultiStoreConfig config) {
        DefaultMultiStore stores = new DefaultMultiStore(config);
        for (Engine engine : ServiceLoader.load(Engine.class, DefaultMultiStore.class.getClassLoader())) {
            stores.registerEngine(engine);
        }
        return stores;
    }

    // ---- stores ----

    @Override
    public Store getStore(String name) {
        checkName(name);
        return change(events -> {
            ensureOpen();
            CatalogEntry entry = entry(name);
            StoreHandle handle = handles.get(name);
            if (handle != null && handle.status() == StoreHandle.Status.OPEN) {
                return handle.view();
            }
            Engine engine = engines.get(entry.engine());
            if (engine == null) {
                throw new StorageException(ErrorCode.ENGINE_UNAVAILABLE,
                        "store " + name + " is unavailable: its engine " + entry.engine() + " is not present");
            }
            Store opened = engine.open(name, pathOf(name));
            if (handle == null) {
                handle = new StoreHandle(name, pathOf(name), entry.engine(), opened, this);
                handles.put(name, handle);
            } else {
                handle.reopen(opened);
            }
            events.add(Listeners.event(Type.STORE_OPENED, name, entry.engine(), 0));
            return handle.view();
        });
    }

    @Override
    public void createStore(String name, String engineName, Config config) {
        checkName(name);
        String chosen = engineName == null || engineName.isEmpty() ? defaultEngine : engineName;
        Config own = withoutFrameworkKeys(config);
        change(events -> {
            ensureOpen();
            if (entries.containsKey(name)) {
                throw new StorageException(ErrorCode.STORE_EXISTS, "store " + name + " exists (engine "
                        + entries.get(name).engine() + ")");
            }
            Engine engine = engine(chosen);
            Config merged = engineDefaults.getOrDefault(chosen, Config.empty()).merge(own);
            Store created = engine.create(name, pathOf(name), merged);
            CatalogEntry entry = new CatalogEntry(name, chosen, own, engine.capabilities().persistence());
            entries.put(name, entry);
            saveCatalog(entry, created, engine);
            handles.put(name, new StoreHandle(name, pathOf(name), chosen, created, this));
            events.add(Listeners.event(Type.STORE_CREATED, name, chosen, 0));
            return null;
        });
    }

    /** Records a new persistent store; undoes the creation if the catalog cannot be written. */
    private void saveCatalog(CatalogEntry entry, Store created, Engine engine) {
        if (!entry.persistent()) {
            return;
        }
        try {
            catalog.write(entries.values());
        } catch (StorageException e) {
            entries.remove(entry.name());
            created.close();
            engine.destroy(entry.name(), pathOf(entry.name()));
            throw e;
        }
    }

    @Override
    public void deleteStore(String name) {
        checkName(name);
        change(events -> {
            ensureOpen();
            CatalogEntry entry = entry(name);
            Engine engine = engines.get(entry.engine());
            if (engine == null) {
                throw new StorageException(ErrorCode.ENGINE_UNAVAILABLE, "store " + name
                        + " cannot be deleted while its engine " + entry.engine() + " is not present");
            }
            StoreHandle handle = handles.remove(name);
            if (handle != null) {
                boolean wasOpen = handle.status() == StoreHandle.Status.OPEN;
                handle.detach(StoreHandle.Status.ENDED, events);
                if (wasOpen) {
                    events.add(Listeners.event(Type.STORE_CLOSED, name, entry.engine(), 0));
                }
            }
            engine.destroy(name, pathOf(name));
            forget(entry);
            events.add(Listeners.event(Type.STORE_DELETED, name, entry.engine(), 0));
            return null;
        });
    }

    @Override
    public List<String> listStores() {
        return read(() -> new ArrayList<>(entries.keySet()));
    }

    @Override
    public boolean storeExists(String name) {
        checkName(name);
        return read(() -> entries.containsKey(name));
    }

    @Override
    public StoreInfo storeInfo(String name) {
        checkName(name);
        return read(() -> {
            CatalogEntry entry = entry(name);
            return new StoreInfo(name, entry.engine(), pathOf(name), engines.containsKey(entry.engine()),
                    entry.config());
        });
    }

    @Override
    public void closeAll() {
        change(events -> {
            for (StoreHandle handle : new ArrayList<>(handles.values())) {
                if (handle.status() == StoreHandle.Status.OPEN) {
                    close(handle, events);
                }
            }
            return null;
        });
    }

    /** Called by a handle whose user closed it. */
    void closeHandle(StoreHandle handle) {
        change(events -> {
            if (handle.status() == StoreHandle.Status.OPEN) {
                close(handle, events);
            }
            return null;
        });
    }

    /**
     * Closes an open store; a non-persistent one ends with it, and its handle answers STORE_CLOSED
     * from then on, as any closed store does. Under the lock.
     */
    private void close(StoreHandle handle, List<StorageEvent> events) {
        String name = handle.name();
        CatalogEntry entry = entries.get(name);
        boolean persistent = entry != null && entry.persistent();
        handle.detach(StoreHandle.Status.CLOSED, events);
        events.add(Listeners.event(Type.STORE_CLOSED, name, handle.engineName(), 0));
        if (!persistent) {
            handles.remove(name);
            if (entry != null) {
                forget(entry);
            }
            events.add(Listeners.event(Type.STORE_DELETED, name, handle.engineName(), 0));
        }
    }

    // ---- engines ----

    @Override
    public void setDefaultEngine(String engine) {
        if (engine == null || engine.isEmpty()) {
            throw new StorageException(ErrorCode.INVALID_ARGUMENT, "default engine must not be null or empty");
        }
        defaultEngine = engine;
    }

    @Override
    public String getDefaultEngine() {
        return defaultEngine;
    }

    @Override
    public void registerEngine(Engine engine) {
        if (engine == null) {
            throw new StorageException(ErrorCode.INVALID_ARGUMENT, "engine must not be null");
        }
        String name = engine.name();
        if (name == null || name.isEmpty()) {
            throw new StorageException(ErrorCode.INVALID_ARGUMENT, "engine " + engine + " has no name");
        }
        change(events -> {
            ensureOpen();
            if (engines.containsKey(name)) {
                throw new StorageException(ErrorCode.ENGINE_EXISTS, "an engine named " + name + " is registered");
            }
            engines.put(name, engine);
            events.add(Listeners.event(Type.ENGINE_ADDED, null, name, 0));
            reopenStoresOf(engine, events);
            return null;
        });
    }

    /** The stores that were open when their engine left are opened again on their data. */
    private void reopenStoresOf(Engine engine, List<StorageEvent> events) {
        for (StoreHandle handle : handles.values()) {
            if (handle.status() != StoreHandle.Status.UNAVAILABLE || !handle.engineName().equals(engine.name())) {
                continue;
            }
            try {
                handle.reopen(engine.open(handle.name(), handle.path()));
                events.add(Listeners.event(Type.STORE_OPENED, handle.name(), engine.name(), 0));
            } catch (StorageException e) {
                // The store stays unavailable; getStore will try again and report the error.
                handle.detach(StoreHandle.Status.CLOSED, events);
                LOG.log(Level.WARNING, "cannot reopen store " + handle.name() + " on engine " + engine.name(), e);
            }
        }
    }

    @Override
    public void unregisterEngine(String name) {
        change(events -> {
            if (engines.remove(name) == null) {
                return null;
            }
            for (StoreHandle handle : new ArrayList<>(handles.values())) {
                if (handle.engineName().equals(name)) {
                    engineLeft(handle, events);
                }
            }
            events.add(Listeners.event(Type.ENGINE_REMOVED, null, name, 0));
            return null;
        });
    }

    /** A store's engine left: persistent stores wait for it, the others end. Under the lock. */
    private void engineLeft(StoreHandle handle, List<StorageEvent> events) {
        CatalogEntry entry = entries.get(handle.name());
        boolean persistent = entry != null && entry.persistent();
        boolean wasOpen = handle.status() == StoreHandle.Status.OPEN;
        try {
            if (persistent && wasOpen) {
                handle.detach(StoreHandle.Status.UNAVAILABLE, events);
            } else if (!persistent) {
                handle.detach(StoreHandle.Status.ENDED, events);
            }
        } catch (StorageException e) {
            LOG.log(Level.WARNING, "closing store " + handle.name() + " as its engine left failed", e);
        }
        if (persistent) {
            events.add(Listeners.event(Type.STORE_UNAVAILABLE, handle.name(), handle.engineName(), 0));
        } else {
            handles.remove(handle.name());
            if (entry != null) {
                forget(entry);
            }
            events.add(Listeners.event(Type.STORE_DELETED, handle.name(), handle.engineName(), 0));
        }
    }

    @Override
    public List<String> listEngines() {
        return read(() -> new ArrayList<>(new TreeSet<>(engines.keySet())));
    }

    @Override
    public Engine getEngine(String name) {
        return read(() -> engine(name));
    }

    boolean hasEngine(String name) {
        return read(() -> engines.containsKey(name));
    }

    // ---- listeners and life cycle ----

    @Override
    public void addListener(StorageEventListener listener) {
        listeners.add(listener);
    }

    @Override
    public void removeListener(StorageEventListener listener) {
        listeners.remove(listener);
    }

    /** Delivers an event; never called with the lock held. */
    void fire(StorageEvent event) {
        listeners.fire(event);
    }

    /**
     * Marks the multistore closed, then closes every store: a call that comes in meanwhile (a
     * listener of the close events, another thread) is refused rather than reopening a store that
     * would then stay open.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        closeAll();
    }

    // ---- helpers, under the lock where they touch state ----

    /**
     * Runs a change under the lock, then delivers the events it collected once the lock is
     * released, also when the change failed part-way (what did happen is reported).
     */
    private <T> T change(Function<List<StorageEvent>, T> action) {
        List<StorageEvent> events = new ArrayList<>();
        lock.lock();
        try {
            return action.apply(events);
        } finally {
            lock.unlock();
            listeners.fire(events);
        }
    }

    /** Reads state under the lock. */
    private <T> T read(Supplier<T> query) {
        lock.lock();
        try {
            return query.get();
        } finally {
            lock.unlock();
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new StorageException(ErrorCode.STORE_CLOSED, "the multistore at " + root + " is closed");
        }
    }

    private static void checkName(String name) {
        if (name == null || !STORE_NAME.matcher(name).matches()) {
            throw new StorageException(ErrorCode.INVALID_ARGUMENT, "invalid store name "
                    + (name == null ? "null" : "\"" + name + "\"") + ": must match " + STORE_NAME_PATTERN);
        }
    }

    private CatalogEntry entry(String name) {
        CatalogEntry entry = entries.get(name);
        if (entry == null) {
            throw new StorageException(ErrorCode.STORE_NOT_FOUND, "no store named " + name + " in " + root);
        }
        return entry;
    }

    private Engine engine(String name) {
        Engine engine = name == null ? null : engines.get(name);
        if (engine == null) {
            throw new StorageException(ErrorCode.ENGINE_NOT_FOUND, "no engine named " + name
                    + " is registered; registered: " + new TreeSet<>(engines.keySet()));
        }
        return engine;
    }

    /** Removes a store from the catalog, and from the file when it was recorded there. */
    private void forget(CatalogEntry entry) {
        entries.remove(entry.name());
        if (entry.persistent()) {
            catalog.write(entries.values());
        }
    }

    private String pathOf(String name) {
        return root.resolve(name).toString();
    }

    private static Config withoutFrameworkKeys(Config config) {
        if (config == null) {
            return Config.empty();
        }
        Map<String, Object> own = new HashMap<>();
        config.asMap().forEach((key, value) -> {
            if (!Config.isFrameworkKey(key)) {
                own.put(key, value);
            }
        });
        return Config.of(own);
    }

    @Override
    public String toString() {
        return "DefaultMultiStore[" + root + ", engines " + listEngines() + ", stores " + listStores() + "]";
    }
}
