package dev.skeleton.storage.multistore;

import dev.skeleton.storage.Config;
import dev.skeleton.storage.Engine;
import dev.skeleton.storage.ErrorCode;
import dev.skeleton.storage.ExportOptions;
import dev.skeleton.storage.ImportOptions;
import dev.skeleton.storage.MetricsSource;
import dev.skeleton.storage.MultiStore;
import dev.skeleton.storage.MultiStoreConfig;
import dev.skeleton.storage.StorageEvent.Type;
import dev.skeleton.storage.StorageEvent;
import dev.skeleton.storage.StorageEventListener;
import dev.skeleton.storage.StorageException;
import dev.skeleton.storage.Store;
import dev.skeleton.storage.StoreInfo;
import dev.skeleton.storage.StoreStats;
import dev.skeleton.storage.TransferListener;
import dev.skeleton.storage.TransferReport;
import dev.skeleton.storage.Versioned;
import dev.skeleton.storage.multistore.metrics.MetricsMBeans;
import dev.skeleton.storage.multistore.metrics.StatsAttributes;
import dev.skeleton.storage.multistore.metrics.StoreMeter;
import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import javax.management.ObjectName;

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
 * <h2>One multistore per root</h2>
 * The constructor locks {@code rootPath/.multistore.lock} (see {@link RootLock}) until
 * {@link #close()}: a second multistore on the same root, in this process or another, fails with
 * STORE_EXISTS naming the root, because two catalogs written from two views would lose stores.
 * Close the multistore when done: the root stays locked until then, or until the process ends.
 *
 * <h2>Catalog and names</h2>
 * Persistent stores are recorded in {@code rootPath/catalog.txt} (see {@link Catalog}), so a new
 * multistore on the same root knows them and opens each when first asked for. Stores of a
 * non-persistent engine are known only while they are open: closing them (one by one, by
 * {@link #closeAll()}, or by their engine leaving) ends them, with a {@code STORE_DELETED} event.
 * Store names follow the contract's pattern and may not be the name of a file the multistore keeps
 * under its root ({@code catalog.txt}, {@code catalog.txt.tmp}): see {@link StoreNames}.
 *
 * <h2>Engines that come and go</h2>
 * {@link #getStore} returns one handle per store, which stays valid while its engine leaves and
 * comes back: an engine leaving closes its stores (flushing their data, rolling back their open
 * transactions) and the handles fail with ENGINE_UNAVAILABLE; when the engine is registered again,
 * the stores that were open are reopened on their data, on a background thread of the multistore,
 * and the same handles work again (an operation that comes while the reopen runs waits for it).
 * {@link #registerEngine} itself returns at once. Every failure of an engine reaches callers as a
 * StorageException (see {@link EngineFailures}).
 *
 * <h2>Lock model</h2>
 * One lock guards the engines, the catalog, the handles and their transitions (status and engine
 * store), and the {@linkplain Reservation reservations}. <b>No engine is called under it</b>:
 * engines may be slow or stuck (a database server that does not answer), and one stuck store must
 * not stall the others. So an operation that needs an engine ({@code open}, {@code create},
 * {@code destroy}, closing an engine store or transaction) first reserves the store's name under the
 * lock, then calls the engine without the lock, then takes the lock again to settle the outcome,
 * and checks there that the world did not change meanwhile: if the multistore was closed or the
 * engine left (or was replaced) while it ran, what the engine made is closed again (and a new
 * store destroyed) and the caller is told why; nothing half-made stays behind, and the data of a
 * store the engine opened is flushed by that close. While a name is reserved, every other
 * operation on that store waits for the reservation (at most {@link #SETTLE_TIME}, then
 * ENGINE_UNAVAILABLE saying what it waited for), so one store is never opened, created, closed or
 * destroyed twice at once, and there is always exactly one handle per store. Operations on other
 * stores, {@link #listStores}, {@link #storeInfo}, the engine registry and every operation through
 * an open handle never wait for a reservation. Store operations through handles take no lock of
 * the multistore at all (see {@link StoreHandle}). Events are collected under the lock and
 * delivered after it is released, while the store's name is still reserved: an operation on the
 * same store that waited for this one reports after it (a store is never announced opened after
 * it was announced closed), and a listener may call back in, also on the same store (the thread
 * that holds a reservation never waits for it). The catalog file is written under the lock (a
 * small local file, forced to disk).
 *
 * <h2>Races, and how they end</h2>
 * <ul>
 *   <li>The engine leaves (or is replaced) while it opens or creates a store: the opened store is
 *       closed again, a created one destroyed; {@code createStore} fails with ENGINE_UNAVAILABLE
 *       and creates nothing, {@code getStore} tries again with the engine present now, or fails
 *       with ENGINE_UNAVAILABLE if there is none. No acknowledged write can be lost: nothing was
 *       written through a store the caller never got.</li>
 *   <li>The engine leaves while a reopen runs: the same; the handle stays unavailable until the
 *       engine comes back. An engine that comes back while its previous instance still works on a
 *       store reopens the store once that work ended.</li>
 *   <li>{@link #closeAll()} or a handle's close while a reopen runs: the reopened store is closed
 *       again and the handle stays closed.</li>
 *   <li>{@link #deleteStore} while the store is being opened or reopened: waits for that, then
 *       closes and destroys it.</li>
 *   <li>{@link #close()} while engine calls run: each closes (and destroys) what it made when it
 *       returns and sees the multistore closed.</li>
 * </ul>
 *
 * <p>The background threads (for reopening) are daemon threads that end after
 * {@value #IDLE_SECONDS} seconds without work and are shut down by {@link #close()}, which also
 * waits (at most {@link #SETTLE_TIME}) for engine calls still running before it releases the root.
 */
public final class DefaultMultiStore implements MultiStore {

    /** How long an operation waits for another one's engine call on the same store, and close for all. */
    static final Duration SETTLE_TIME = Duration.ofSeconds(10);

    /**
     * How long an idle background thread lives. Short, because an engine may leave thread-locals on
     * a thread it ran on (a serializer cache), which keep that engine's classes, and so an updated
     * engine bundle's old class loader, alive as long as the thread lives.
     */
    static final int IDLE_SECONDS = 5;

    private static final System.Logger LOG = System.getLogger(DefaultMultiStore.class.getName());
    private static final AtomicInteger THREADS = new AtomicInteger();

    private final Path root;
    private final RootLock rootLock;
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
    /** The store names an engine call is working on; guarded by {@link #lock}. */
    private final Map<String, Reservation> reserved = new HashMap<>();
    private final ExecutorService background;
    private final Intents intents;
    private final Transfers transfers = new Transfers(this);
    /** Stores being moved; guarded by {@link #lock}. */
    private final Set<String> moving = new HashSet<>();
    private final Cleanups cleanups = new Cleanups();
    private volatile String defaultEngine;
    /** Written under {@link #lock}, so that an engine call settling under it sees a close. */
    private volatile boolean closed;
    /** {@link #SETTLE_TIME}, shortened by tests. */
    volatile Duration settleTime = SETTLE_TIME;
    /** Whether handles count their operations: see {@link #METRICS_PROPERTY}. */
    private final boolean metricsOn = !"false".equalsIgnoreCase(System.getProperty(METRICS_PROPERTY, "true"));
    private final MetricsMBeans mbeans;

    /**
     * The system property that turns the stores' metrics off when {@code false} (they are on
     * otherwise): read when a multistore is made. Off, handles count nothing and
     * {@link #storeStats} reports zeros; what the engines report themselves is still shown. For
     * measuring what metrics cost, and for the rare application that cannot afford a few
     * nanoseconds per operation.
     */
    public static final String METRICS_PROPERTY = "dev.skeleton.storage.metrics";

    /**
     * A multistore on {@code config.rootPath()} that knows the persistent stores of its catalog and
     * has no engine yet. Creates the root if it does not exist and locks it until {@link #close()}.
     *
     * @param config root path, default engine, per-engine default configurations
     * @throws StorageException INVALID_ARGUMENT if config is null; STORE_EXISTS if another multistore
     *         (in this process or another) uses the root; CORRUPTED or IO if the catalog cannot be
     *         read, or IO if the root cannot be created or locked. Nothing stays locked then.
     */
    public DefaultMultiStore(MultiStoreConfig config) {
        if (config == null) {
            throw new StorageException(ErrorCode.INVALID_ARGUMENT, "multistore config must not be null");
        }
        this.root = config.rootPath();
        this.defaultEngine = config.defaultEngine();
        this.engineDefaults = config.engineConfigs();
        this.catalog = new Catalog(root);
        this.intents = new Intents(root);
        this.rootLock = RootLock.acquire(root);
        this.mbeans = MetricsMBeans.claim();
        try {
            catalog.read().forEach(entry -> entries.put(entry.name(), entry));
            recoverTransfers();
        } catch (RuntimeException e) {
            mbeans.close();
            rootLock.close();
            throw e;
        }
        entries.keySet().forEach(this::registerStoreMBean);
        this.background = new ThreadPoolExecutor(0, Integer.MAX_VALUE, IDLE_SECONDS, TimeUnit.SECONDS,
                new SynchronousQueue<>(), DefaultMultiStore::backgroundThread);
    }

    /** A daemon thread with a name that says whose it is; it pins no caller's class loader. */
    private static Thread backgroundThread(Runnable work) {
        Thread thread = new Thread(work, "skeleton-multistore-reopen-" + THREADS.incrementAndGet());
        thread.setDaemon(true);
        thread.setContextClassLoader(DefaultMultiStore.class.getClassLoader());
        return thread;
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
        try {
            for (Engine engine : ServiceLoader.load(Engine.class, DefaultMultiStore.class.getClassLoader())) {
                stores.registerEngine(engine);
            }
        } catch (RuntimeException | Error e) {
            // Two engines of one name, or a broken provider: the caller gets no multistore, so it
            // must not keep the root locked.
            stores.close();
            throw e;
        }
        return stores;
    }

    // ---- stores ----

    /** What an operation found under the lock: its result, a reservation to wait for, or its own. */
    private record Step(Store view, Reservation waitFor, Reservation mine) {
    }

    /**
     * {@inheritDoc}
     *
     * <p>Opening the store runs outside the multistore's lock: a slow engine delays this call and
     * other calls for the same store only.
     */
    @Override
    public Store getStore(String name) {
        StoreNames.check(name);
        while (true) {
            Step step = read(() -> prepareOpen(name));
            if (step.view() != null) {
                return step.view();
            }
            if (step.waitFor() != null) {
                awaitOther(step.waitFor());
                continue;
            }
            Store view = openReserved(step.mine());
            if (view != null) {
                return view;
            }
        }
    }

    private Step prepareOpen(String name) {
        ensureOpen();
        CatalogEntry entry = entry(name);
        StoreHandle handle = handles.get(name);
        if (handle != null && handle.status() == StoreHandle.Status.OPEN) {
            return new Step(handle.view(), null, null);
        }
        Reservation other = busy(name);
        if (other != null) {
            return new Step(null, other, null);
        }
        Engine engine = engines.get(entry.engine());
        if (engine == null) {
            throw new StorageException(ErrorCode.ENGINE_UNAVAILABLE,
                    "store " + name + " is unavailable: its engine " + entry.engine() + " is not present");
        }
        return new Step(null, null, reserve(name, engine, entry.engine(), Reservation.Kind.OPEN));
    }

    /**
     * Opens a reserved store outside the lock and makes it available.
     *
     * @return its handle's view; null if its engine left or was replaced meanwhile (try again)
     */
    private Store openReserved(Reservation mine) {
        String name = mine.name();
        Store opened;
        try {
            opened = mine.engine().open(name, pathOf(name));
        } catch (RuntimeException e) {
            release(mine);
            throw EngineFailures.wrap(e, name, mine.engineName(), "open");
        }
        List<StorageEvent> events = new ArrayList<>();
        Store view = change(() -> installOpened(mine, opened, events));
        if (view == null) {
            discard(opened, null, mine);
            release(mine);
            ensureOpen();
            return null;
        }
        fireThenRelease(events, mine);
        return view;
    }

    /** Under the lock: puts a newly opened engine store behind its handle, unless the world moved on. */
    private Store installOpened(Reservation mine, Store opened, List<StorageEvent> events) {
        String name = mine.name();
        if (closed || engines.get(mine.engineName()) != mine.engine() || !entries.containsKey(name)) {
            return null;
        }
        StoreHandle handle = handles.get(name);
        if (handle == null) {
            handle = new StoreHandle(name, pathOf(name), mine.engineName(), opened, this, newMeter());
            handles.put(name, handle);
        } else {
            handle.reopen(opened);
        }
        events.add(Listeners.event(Type.STORE_OPENED, name, mine.engineName(), 0));
        return handle.view();
    }

    /**
     * {@inheritDoc}
     *
     * <p>The engine creates the store outside the multistore's lock; the store is in the catalog
     * once this returns. If the engine leaves or the multistore closes meanwhile, the new store is
     * destroyed again and the call fails (ENGINE_UNAVAILABLE, STORE_CLOSED): nothing is created.
     */
    @Override
    public void createStore(String name, String engineName, Config config) {
        StoreNames.check(name);
        String chosen = engineName == null || engineName.isEmpty() ? defaultEngine : engineName;
        Config own = withoutFrameworkKeys(config);
        while (true) {
            Step step = read(() -> prepareCreate(name, chosen));
            if (step.waitFor() != null) {
                awaitOther(step.waitFor());
                continue;
            }
            createReserved(step.mine(), own);
            return;
        }
    }

    private Step prepareCreate(String name, String engineName) {
        ensureOpen();
        if (entries.containsKey(name)) {
            throw new StorageException(ErrorCode.STORE_EXISTS, "store " + name + " exists (engine "
                    + entries.get(name).engine() + ")");
        }
        Reservation other = busy(name);
        if (other != null) {
            return new Step(null, other, null);
        }
        if (cleanups.of(name) != null) {
            throw cleanupPending(name);
        }
        Engine engine = engine(engineName);
        return new Step(null, null, reserve(name, engine, engineName, Reservation.Kind.CREATE));
    }

    private void createReserved(Reservation mine, Config own) {
        String name = mine.name();
        String engineName = mine.engineName();
        Engine engine = mine.engine();
        Config merged = engineDefaults.getOrDefault(engineName, Config.empty()).merge(own);
        Store created;
        boolean persistent;
        try {
            created = engine.create(name, pathOf(name), merged);
        } catch (RuntimeException e) {
            release(mine);
            throw EngineFailures.wrap(e, name, engineName, "create");
        }
        try {
            persistent = engine.capabilities().persistence();
        } catch (RuntimeException e) {
            discard(created, engine, mine);
            release(mine);
            throw EngineFailures.wrap(e, name, engineName, "capabilities");
        }
        List<StorageEvent> events = new ArrayList<>();
        CatalogEntry entry = new CatalogEntry(name, engineName, own, persistent);
        StorageException refusal = change(() -> installCreated(mine, entry, created, events));
        if (refusal != null) {
            discard(created, engine, mine);
            release(mine);
            throw refusal;
        }
        fireThenRelease(events, mine);
    }

    /**
     * Under the lock: records a newly created store, unless the world moved on or the catalog
     * cannot be written.
     *
     * @return null if recorded, else why not (the caller then destroys the new store)
     */
    private StorageException installCreated(Reservation mine, CatalogEntry entry, Store created,
                                            List<StorageEvent> events) {
        String name = entry.name();
        if (closed) {
            return closedError();
        }
        if (engines.get(entry.engine()) != mine.engine()) {
            return new StorageException(ErrorCode.ENGINE_UNAVAILABLE, "engine " + entry.engine()
                    + " left while store " + name + " was being created; nothing was created");
        }
        entries.put(name, entry);
        if (entry.persistent()) {
            try {
                catalog.write(entries.values());
            } catch (StorageException e) {
                entries.remove(name);
                return e;
            }
        }
        handles.put(name, new StoreHandle(name, pathOf(name), entry.engine(), created, this, newMeter()));
        registerStoreMBean(name);
        events.add(Listeners.event(Type.STORE_CREATED, name, entry.engine(), 0));
        return null;
    }

    /**
     * {@inheritDoc}
     *
     * <p>The store is closed and the engine destroys its data outside the multistore's lock.
     */
    @Override
    public void deleteStore(String name) {
        StoreNames.check(name);
        List<StorageEvent> events = new ArrayList<>();
        while (true) {
            Deletion deletion = change(() -> prepareDelete(name, events));
            if (deletion.waitFor() != null) {
                awaitOther(deletion.waitFor());
                continue;
            }
            try {
                deleteReserved(deletion, events);
            } finally {
                fireThenRelease(events, deletion.mine());
            }
            return;
        }
    }

    /** What a deletion found under the lock. */
    private record Deletion(CatalogEntry entry, Engine engine, Detached detached, Reservation waitFor,
                            Reservation mine) {
    }

    private Deletion prepareDelete(String name, List<StorageEvent> events) {
        ensureOpen();
        CatalogEntry entry = entry(name);
        Engine engine = engines.get(entry.engine());
        if (engine == null) {
            throw new StorageException(ErrorCode.ENGINE_UNAVAILABLE, "store " + name
                    + " cannot be deleted while its engine " + entry.engine() + " is not present");
        }
        Reservation other = busy(name);
        if (other != null) {
            return new Deletion(entry, engine, null, other, null);
        }
        Detached detached = null;
        StoreHandle handle = handles.remove(name);
        if (handle != null) {
            boolean wasOpen = handle.status() == StoreHandle.Status.OPEN;
            detached = handle.detach(StoreHandle.Status.ENDED, events);
            if (wasOpen) {
                events.add(Listeners.event(Type.STORE_CLOSED, name, entry.engine(), 0));
            }
        }
        Reservation mine = reserve(name, engine, entry.engine(), Reservation.Kind.DESTROY);
        return new Deletion(entry, engine, detached, null, mine);
    }

    private void deleteReserved(Deletion deletion, List<StorageEvent> events) {
        CatalogEntry entry = deletion.entry();
        String name = entry.name();
        if (deletion.detached() != null) {
            closeLogged(deletion.detached(), "deleting it");
        }
        try {
            deletion.engine().destroy(name, pathOf(name));
        } catch (RuntimeException e) {
            throw EngineFailures.wrap(e, name, entry.engine(), "destroy");
        }
        change(() -> {
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
        StoreNames.check(name);
        return read(() -> entries.containsKey(name));
    }

    @Override
    public StoreInfo storeInfo(String name) {
        StoreNames.check(name);
        return read(() -> {
            CatalogEntry entry = entry(name);
            return new StoreInfo(name, entry.engine(), pathOf(name), engines.containsKey(entry.engine()),
                    entry.config());
        });
    }

    /**
     * {@inheritDoc}
     *
     * <p>A store known from the catalog but not opened since the multistore was made has counted
     * nothing yet. Versions and the engine's metrics are asked of the engine store behind the
     * handle, outside the multistore's lock; if that store closes meanwhile, they are reported as
     * unknown (-1, empty) rather than failing the call.
     */
    @Override
    public StoreStats storeStats(String name) {
        StoreNames.check(name);
        record Found(CatalogEntry entry, StoreHandle handle) {
        }
        Found found = read(() -> new Found(entry(name), handles.get(name)));
        StoreHandle handle = found.handle();
        String engine = handle == null ? found.entry().engine() : handle.engineName();
        Store backing = handle == null ? null : handle.backing();
        boolean available = backing != null && handle.status() == StoreHandle.Status.OPEN;
        StoreMeter meter = handle == null ? StoreMeter.off() : handle.meter();
        StoreMeter.Counts counts = meter.counts();
        return new StoreStats(name, engine, available, counts.operations(), counts.bytesRead(),
                counts.bytesWritten(), meter.latencies(), available ? versionsOf(backing) : -1,
                available ? metricsOf(backing) : Map.of());
    }

    private static long versionsOf(Store store) {
        if (!(store instanceof Versioned versioned)) {
            return -1;
        }
        try {
            return versioned.listVersions().length;
        } catch (RuntimeException closedMeanwhile) {
            return -1;
        }
    }

    private static Map<String, Number> metricsOf(Object source) {
        if (!(source instanceof MetricsSource metrics)) {
            return Map.of();
        }
        try {
            Map<String, Number> reported = new LinkedHashMap<>();
            // An engine's null names or values would fail the stats: left out.
            metrics.metrics().forEach((metric, value) -> {
                if (metric != null && value != null) {
                    reported.put(metric, value);
                }
            });
            return reported;
        } catch (RuntimeException e) {
            LOG.log(Level.DEBUG, "the metrics of " + source + " failed: " + e);
            return Map.of();
        }
    }

    /** The JMX name of a store's MBean in this multistore. */
    ObjectName storeMBeanName(String name) {
        return mbeans.storeName(name);
    }

    /** The JMX name of an engine's MBean in this multistore. */
    ObjectName engineMBeanName(String engine) {
        return mbeans.engineName(engine);
    }

    private StoreMeter newMeter() {
        return metricsOn ? StoreMeter.on() : StoreMeter.off();
    }

    private void registerStoreMBean(String name) {
        mbeans.registerStore(name, () -> StatsAttributes.of(storeStats(name)));
    }

    /**
     * An engine's MBean attributes: whether it is registered, its stores, the sums of their
     * counts, and what the engine itself reports if it is a {@link MetricsSource}.
     */
    private Map<String, Object> engineAttributes(String engineName) {
        record Found(Engine engine, List<String> stores, List<StoreMeter> meters) {
        }
        Found found = read(() -> {
            List<String> stores = new ArrayList<>();
            List<StoreMeter> meters = new ArrayList<>();
            for (CatalogEntry entry : entries.values()) {
                StoreHandle handle = handles.get(entry.name());
                if ((handle == null ? entry.engine() : handle.engineName()).equals(engineName)) {
                    stores.add(entry.name());
                    if (handle != null) {
                        meters.add(handle.meter());
                    }
                }
            }
            return new Found(engines.get(engineName), stores, meters);
        });
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("name", engineName);
        figures.put("present", found.engine() != null);
        figures.put("stores", (long) found.stores().size());
        Map<String, Long> operations = new LinkedHashMap<>();
        long bytesRead = 0;
        long bytesWritten = 0;
        for (StoreMeter meter : found.meters()) {
            StoreMeter.Counts counts = meter.counts();
            counts.operations().forEach((kind, count) -> operations.merge(kind, count, Long::sum));
            bytesRead += counts.bytesRead();
            bytesWritten += counts.bytesWritten();
        }
        figures.put("bytes_read", bytesRead);
        figures.put("bytes_written", bytesWritten);
        operations.forEach((kind, count) -> figures.put("operations." + kind, count));
        metricsOf(found.engine()).forEach((metric, value) -> figures.put("engine." + metric, value));
        return figures;
    }

    /**
     * {@inheritDoc}
     *
     * <p>Also stores whose engine is absent, and stores being reopened, end up closed: none of them
     * reopens by itself afterwards, each reopens on the next {@code getStore}. Every store is
     * closed even if closing one fails; the first failure is thrown afterwards, the others
     * suppressed by it.
     */
    @Override
    public void closeAll() {
        closeStores(null);
    }

    /** Called by a handle whose user closed it. */
    void closeHandle(StoreHandle handle) {
        closeStores(handle);
    }

    /** An engine store to close outside the lock, and the reservation that keeps its name meanwhile. */
    private record Closing(Detached detached, Reservation reservation) {
    }

    /** Closes one handle's store, or every store if {@code only} is null. */
    private void closeStores(StoreHandle only) {
        List<StorageEvent> events = new ArrayList<>();
        List<Closing> closings = change(() -> {
            List<Closing> found = new ArrayList<>();
            for (StoreHandle handle : only == null ? new ArrayList<>(handles.values()) : List.of(only)) {
                if (handle.status() == StoreHandle.Status.OPEN && handles.get(handle.name()) == handle) {
                    found.add(close(handle, events));
                } else if (handle.status() == StoreHandle.Status.UNAVAILABLE) {
                    // Not to be reopened by its engine's return (or by a reopen under way): closed.
                    handle.detach(StoreHandle.Status.CLOSED, events);
                }
            }
            return found;
        });
        StorageException first = null;
        for (Closing closing : closings) {
            try {
                closing.detached().close();
            } catch (StorageException e) {
                if (first == null) {
                    first = e;
                } else {
                    first.addSuppressed(e);
                }
            }
        }
        fireThenRelease(events, closings.stream().map(Closing::reservation).toList());
        if (first != null) {
            throw first;
        }
    }

    /**
     * Under the lock: detaches an open store for closing; a non-persistent one ends with it, and its
     * handle answers STORE_CLOSED from then on, as any closed store does.
     */
    private Closing close(StoreHandle handle, List<StorageEvent> events) {
        String name = handle.name();
        CatalogEntry entry = entries.get(name);
        boolean persistent = entry != null && entry.persistent();
        Detached detached = handle.detach(StoreHandle.Status.CLOSED, events);
        events.add(Listeners.event(Type.STORE_CLOSED, name, handle.engineName(), 0));
        if (!persistent) {
            handles.remove(name);
            if (entry != null) {
                forget(entry);
            }
            events.add(Listeners.event(Type.STORE_DELETED, name, handle.engineName(), 0));
        }
        Engine engine = engines.get(handle.engineName());
        return new Closing(detached, reserve(name, engine, handle.engineName(), Reservation.Kind.CLOSE));
    }

    // ---- backups, copies and moves (see Transfers and StoreMove) ----

    @Override
    public TransferReport exportStore(String name, Path file, ExportOptions options) {
        return ProgressMeter.keepingInterrupt(() -> transfers.export(name, file, options));
    }

    @Override
    public TransferReport importStore(Path file, String name, ImportOptions options) {
        return ProgressMeter.keepingInterrupt(() -> transfers.importDump(file, name, options));
    }

    @Override
    public TransferReport verifyDump(Path file, TransferListener listener) {
        return ProgressMeter.keepingInterrupt(() -> transfers.verify(file, listener));
    }

    @Override
    public TransferReport copyStore(String from, String to, String engine, TransferListener listener) {
        return ProgressMeter.keepingInterrupt(() -> transfers.copy(from, to, engine, listener));
    }

    @Override
    public TransferReport moveStore(String name, String engine, TransferListener listener) {
        return ProgressMeter.keepingInterrupt(() -> new StoreMove(this, name, engine, listener).run());
    }

    /** A store made for a transfer and not yet in the catalog: its name is reserved until installed or discarded. */
    record NewStore(Reservation reservation, Store store, Config own, boolean persistent) {
    }

    /**
     * Reserves a free name and makes an empty store on an engine for a transfer to fill, with an
     * intent on disk first (see {@link Intents}): a crash before {@link #installNew} leaves
     * nothing a restart does not remove. The store is nobody else's until installed.
     */
    NewStore createNew(String name, String engineName, Config config) {
        StoreNames.check(name);
        String chosen = engineName == null || engineName.isEmpty() ? defaultEngine : engineName;
        Config own = withoutFrameworkKeys(config);
        Reservation mine;
        while (true) {
            Step step = read(() -> prepareCreate(name, chosen));
            if (step.waitFor() == null) {
                mine = step.mine();
                break;
            }
            awaitOther(step.waitFor());
        }
        try {
            boolean persistent = mine.engine().capabilities().persistence();
            intents.write(new Intent(name, Intent.Kind.CREATE, null, false, chosen, persistent));
            Config merged = engineDefaults.getOrDefault(chosen, Config.empty()).merge(own);
            Store created;
            try {
                created = mine.engine().create(name, pathOf(name), merged);
            } catch (RuntimeException e) {
                intents.remove(name);
                throw EngineFailures.wrap(e, name, chosen, "create");
            }
            return new NewStore(mine, created, own, persistent);
        } catch (RuntimeException e) {
            release(mine);
            throw e;
        }
    }

    /**
     * Records a filled store in the catalog and gives it its handle; fires STORE_CREATED and then
     * {@code done}. If that fails, the store is discarded.
     */
    void installNew(NewStore made, StorageEvent done) {
        Reservation mine = made.reservation();
        List<StorageEvent> events = new ArrayList<>();
        CatalogEntry entry = new CatalogEntry(mine.name(), mine.engineName(), made.own(), made.persistent());
        StorageException refusal = change(() -> installCreated(mine, entry, made.store(), events));
        if (refusal != null) {
            discardNew(made);
            throw refusal;
        }
        intents.remove(mine.name());
        events.add(done);
        fireThenRelease(events, mine);
    }

    /**
     * Closes and destroys a store made for a transfer that failed, and frees its name. If the
     * engine cannot destroy it now, its intent stays and the destroy waits for the engine's next
     * registration (and the name with it).
     */
    void discardNew(NewStore made) {
        Reservation mine = made.reservation();
        String name = mine.name();
        discard(made.store(), null, mine);
        try {
            mine.engine().destroy(name, pathOf(name));
            intents.remove(name);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "store " + name + " of engine " + mine.engineName() + ", made for a transfer that "
                    + "failed, could not be destroyed; it is when the engine is registered again: "
                    + EngineFailures.wrap(e, name, mine.engineName(), "destroy").getMessage());
            cleanups.add(new Cleanups.Cleanup(name, mine.engineName(), pathOf(name)));
        } finally {
            release(mine);
        }
    }

    // ---- what a crash left of transfers ----

    /**
     * At construction: settles every transfer that a crash interrupted (see {@link Intent}). File
     * renames are undone or kept at once ({@link Intents#settle}); what only an engine can destroy
     * waits in {@link #cleanups} for that engine.
     */
    private void recoverTransfers() {
        for (Intent intent : intents.read()) {
            String name = intent.name();
            CatalogEntry entry = entries.get(name);
            Cleanups.Cleanup cleanup = intents.settle(intent, entry == null ? null : entry.engine(), root.resolve(name));
            if (cleanup == null) {
                intents.remove(name);
            } else {
                LOG.log(Level.INFO, "an interrupted " + (intent.kind() == Intent.Kind.CREATE ? "import or copy" : "move")
                        + " of store " + name + " left data at " + cleanup.path() + " for engine " + cleanup.engine()
                        + " to destroy; it is destroyed once that engine is registered");
                cleanups.add(cleanup);
            }
        }
    }

    /** Destroys, on a background thread, what interrupted transfers left for an engine that is now registered. */
    private void runCleanups(String engineName, Engine engine) {
        for (Cleanups.Cleanup cleanup : cleanups.dueFor(engineName)) {
            try {
                background.execute(() -> runCleanup(cleanup, engine));
            } catch (RejectedExecutionException e) {
                return;
            }
        }
    }

    private void runCleanup(Cleanups.Cleanup cleanup, Engine engine) {
        try {
            engine.destroy(cleanup.name(), cleanup.path());
            cleanups.done(cleanup);
            intents.remove(cleanup.name());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "cannot destroy what an interrupted transfer left of store " + cleanup.name() + " at "
                    + cleanup.path() + " with engine " + cleanup.engine() + "; tried again when it is registered again: "
                    + EngineFailures.wrap(e, cleanup.name(), cleanup.engine(), "destroy").getMessage());
        }
    }

    /**
     * Test hook and plain-Java helper: whether interrupted transfers left anything to destroy.
     *
     * @return the store names with a cleanup pending
     */
    Set<String> pendingCleanups() {
        return cleanups.names();
    }

    // ---- hooks of a move (see StoreMove) ----

    /** What a move found when it began. */
    record MoveStart(StoreHandle handle, CatalogEntry entry, Engine from, Engine to, String toName) {
    }

    /** Under the lock: checks that the move may begin and marks the store as moving. */
    MoveStart beginMove(String name, String toEngine) {
        return change(() -> {
            ensureOpen();
            CatalogEntry entry = entry(name);
            if (entry.engine().equals(toEngine)) {
                throw new StorageException(ErrorCode.INVALID_ARGUMENT, "store " + name + " is already on engine " + toEngine);
            }
            Engine to = engine(toEngine);
            Engine from = engines.get(entry.engine());
            StoreHandle handle = handles.get(name);
            if (from == null || handle == null || handle.status() != StoreHandle.Status.OPEN) {
                throw new StorageException(ErrorCode.ENGINE_UNAVAILABLE, "store " + name
                        + " cannot be moved while it is unavailable (engine " + entry.engine() + ")");
            }
            if (cleanups.of(name) != null) {
                throw cleanupPending(name);
            }
            if (!moving.add(name)) {
                throw new StorageException(ErrorCode.ENGINE_UNAVAILABLE, "store " + name + " is being moved already");
            }
            return new MoveStart(handle, entry, from, to, toEngine);
        });
    }

    /** The move ended, one way or the other. */
    void endMove(String name) {
        change(() -> moving.remove(name));
    }

    /**
     * Under the lock, writers held: takes the old engine store from the handle and reserves the
     * name until {@link #releaseSwitch}, so that operations wait for the switch.
     *
     * @return the reservation, and the old store with its transactions to close
     */
    SwitchHold holdForSwitch(MoveStart move, List<StorageEvent> events) {
        return change(() -> {
            String name = move.handle().name();
            if (closed || handles.get(name) != move.handle() || move.handle().status() != StoreHandle.Status.OPEN
                    || entries.get(name) != move.entry() || engines.get(move.toName()) != move.to()) {
                throw new StorageException(ErrorCode.ENGINE_UNAVAILABLE, "store " + name
                        + " was closed, deleted or changed engine while it was being moved; the move stopped");
            }
            Reservation mine = reserve(name, move.to(), move.toName(), Reservation.Kind.MOVE);
            Detached old = move.handle().switchTo(move.toName(), events);
            return new SwitchHold(mine, old);
        });
    }

    /** A move's hold of a store's name and the old engine store it took from the handle. */
    record SwitchHold(Reservation reservation, Detached old) {
    }

    /** Under the lock: the catalog records the store on its new engine; the move's point of no return. */
    void commitMove(MoveStart move, Config own, boolean persistent) {
        change(() -> {
            String name = move.handle().name();
            CatalogEntry moved = new CatalogEntry(name, move.toName(), own, persistent);
            entries.put(name, moved);
            try {
                catalog.write(entries.values());
            } catch (StorageException e) {
                entries.put(name, move.entry());
                throw e;
            }
            return null;
        });
    }

    /** Backs the handle with {@code store} on {@code engineName} again, and frees the name. */
    void finishSwitch(MoveStart move, Store store, String engineName, List<StorageEvent> events) {
        change(() -> {
            if (store == null) {
                move.handle().detach(StoreHandle.Status.CLOSED, events);
            } else {
                move.handle().switchBack(store, engineName);
            }
            return null;
        });
    }

    /**
     * Delivers the switch's events and frees the name; called once writers go on again, since a
     * listener may write to the store.
     */
    void releaseSwitch(SwitchHold hold, List<StorageEvent> events) {
        fireThenRelease(events, hold.reservation());
    }

    /** Leaves what a transfer could not destroy to be destroyed when its engine is registered. */
    void leaveForCleanup(Cleanups.Cleanup cleanup) {
        cleanups.add(cleanup);
    }

    Intents intents() {
        return intents;
    }

    Config engineDefaults(String engineName) {
        return engineDefaults.getOrDefault(engineName, Config.empty());
    }

    Duration settleTime() {
        return settleTime;
    }

    StoreHandle handleOf(String name) {
        return read(() -> handles.get(name));
    }

    String storePath(String name) {
        return pathOf(name);
    }

    private StorageException cleanupPending(String name) {
        Cleanups.Cleanup cleanup = cleanups.of(name);
        return new StorageException(ErrorCode.ENGINE_UNAVAILABLE, "what an interrupted transfer left of store " + name
                + " is still to be destroyed by engine " + cleanup.engine() + ", which is not present; try again once it is");
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

    /**
     * {@inheritDoc}
     *
     * <p>Returns at once: the stores that were open when an engine of this name left are reopened on
     * the multistore's background threads, never on the caller's thread (in OSGi: the Declarative
     * Services thread). An operation on such a store that comes before its reopen ended waits for
     * it.
     */
    @Override
    public void registerEngine(Engine engine) {
        if (engine == null) {
            throw new StorageException(ErrorCode.INVALID_ARGUMENT, "engine must not be null");
        }
        String name = engineName(engine);
        List<StorageEvent> events = new ArrayList<>();
        List<Reopen> reopens = change(() -> {
            ensureOpen();
            if (engines.containsKey(name)) {
                throw new StorageException(ErrorCode.ENGINE_EXISTS, "an engine named " + name + " is registered");
            }
            engines.put(name, engine);
            mbeans.registerEngine(name, () -> engineAttributes(name));
            events.add(Listeners.event(Type.ENGINE_ADDED, null, name, 0));
            return scheduleReopens(engine, name);
        });
        listeners.fire(events);
        runCleanups(name, engine);
        for (Reopen reopen : reopens) {
            try {
                background.execute(() -> reopen(reopen));
            } catch (RejectedExecutionException closedMeanwhile) {
                // Nothing is reopened in a closed multistore.
                if (reopen.reservation() != null) {
                    release(reopen.reservation());
                }
            }
        }
    }

    /** A store to reopen on a background thread, with its name reserved if it was free. */
    private record Reopen(StoreHandle handle, Engine engine, Reservation reservation) {
    }

    /** An engine's name, refused when it has none; whatever the engine throws is reported as ours. */
    private static String engineName(Engine engine) {
        String name;
        try {
            name = engine.name();
        } catch (RuntimeException e) {
            throw new StorageException(ErrorCode.INVALID_ARGUMENT, "engine " + engine + " cannot tell its name: " + e, e);
        }
        if (name == null || name.isEmpty()) {
            throw new StorageException(ErrorCode.INVALID_ARGUMENT, "engine " + engine + " has no name");
        }
        return name;
    }

    /**
     * Under the lock: the reopen of every store that waits for this engine. Its name is reserved
     * at once where it is free, so that an operation on it waits for the reopen rather than finding
     * the store unavailable.
     */
    private List<Reopen> scheduleReopens(Engine engine, String name) {
        List<Reopen> reopens = new ArrayList<>();
        for (StoreHandle handle : handles.values()) {
            if (handle.status() != StoreHandle.Status.UNAVAILABLE || !handle.engineName().equals(name)) {
                continue;
            }
            Reservation mine = busy(handle.name()) != null
                    ? null : reserve(handle.name(), engine, name, Reservation.Kind.REOPEN).forBackground();
            reopens.add(new Reopen(handle, engine, mine));
        }
        return reopens;
    }

    /** Whether a store still waits for this engine to reopen it; under the lock. */
    private boolean stillWaiting(StoreHandle handle, Engine engine) {
        return !closed && engines.get(handle.engineName()) == engine && handles.get(handle.name()) == handle
                && handle.status() == StoreHandle.Status.UNAVAILABLE;
    }

    /**
     * Reopens a store whose engine came back, on a background thread. If its name was busy (an
     * engine call of the engine's previous instance still running), waits for that first.
     */
    private void reopen(Reopen reopen) {
        StoreHandle handle = reopen.handle();
        Engine engine = reopen.engine();
        Reservation mine = reopen.reservation() == null ? reserveWhenFree(handle, engine) : reopen.reservation();
        if (mine == null) {
            return;
        }
        mine.claim();
        List<StorageEvent> events = new ArrayList<>();
        try {
            if (!read(() -> stillWaiting(handle, engine))) {
                return;
            }
            Store opened;
            try {
                opened = engine.open(handle.name(), handle.path());
            } catch (RuntimeException | LinkageError e) {
                // A LinkageError: the engine's bundle was refreshed while it opened the store, and a
                // class of its old revision failed to load. The store stays unavailable, reported,
                // for the engine's next revision to reopen (on this background thread nobody else
                // would see the error).
                reopenFailed(handle, engine, EngineFailures.wrap(e, handle.name(), handle.engineName(), "open"), events);
                return;
            }
            boolean installed = change(() -> {
                if (!stillWaiting(handle, engine)) {
                    return false;
                }
                handle.reopen(opened);
                events.add(Listeners.event(Type.STORE_OPENED, handle.name(), handle.engineName(), 0));
                return true;
            });
            if (!installed) {
                discard(opened, null, mine);
            }
        } finally {
            fireThenRelease(events, mine);
        }
    }

    /** Waits until no engine call holds the handle's name and reserves it; null if no longer needed. */
    private Reservation reserveWhenFree(StoreHandle handle, Engine engine) {
        while (true) {
            Step step = read(() -> {
                if (!stillWaiting(handle, engine)) {
                    return null;
                }
                Reservation other = busy(handle.name());
                return other != null ? new Step(null, other, null)
                        : new Step(null, null, reserve(handle.name(), engine, handle.engineName(), Reservation.Kind.REOPEN));
            });
            if (step == null || step.mine() != null) {
                return step == null ? null : step.mine();
            }
            try {
                step.waitFor().await(settleTime);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
    }

    /** The store stays closed; getStore will try again and report the error. */
    private void reopenFailed(StoreHandle handle, Engine engine, StorageException failure, List<StorageEvent> events) {
        boolean waited = change(() -> {
            if (!stillWaiting(handle, engine)) {
                return false;
            }
            handle.detach(StoreHandle.Status.CLOSED, events);
            return true;
        });
        if (waited) {
            LOG.log(Level.WARNING, "cannot reopen store " + handle.name() + " on engine " + handle.engineName()
                    + " (its handle is closed; getStore tries again): " + failure.getMessage());
        }
    }

    /**
     * {@inheritDoc}
     *
     * <p>The engine's stores are closed (flushed) before this returns, outside the multistore's lock.
     * An engine call of this engine still running on another thread (a store being opened) is not
     * waited for: when it returns, the multistore sees that the engine left and closes what it made.
     */
    @Override
    public void unregisterEngine(String name) {
        List<StorageEvent> events = new ArrayList<>();
        List<Closing> closings = change(() -> {
            Engine engine = name == null ? null : engines.remove(name);
            if (engine == null) {
                return null;
            }
            mbeans.unregisterEngine(name);
            List<Closing> found = new ArrayList<>();
            for (StoreHandle handle : new ArrayList<>(handles.values())) {
                if (handle.engineName().equals(name)) {
                    engineLeft(handle, engine, events, found);
                }
            }
            events.add(Listeners.event(Type.ENGINE_REMOVED, null, name, 0));
            return found;
        });
        if (closings == null) {
            return;
        }
        for (Closing closing : closings) {
            closeLogged(closing.detached(), "its engine " + name + " left");
        }
        fireThenRelease(events, closings.stream().map(Closing::reservation).toList());
    }

    /** A store's engine left: persistent stores wait for it, the others end. Under the lock. */
    private void engineLeft(StoreHandle handle, Engine engine, List<StorageEvent> events, List<Closing> closings) {
        String name = handle.name();
        CatalogEntry entry = entries.get(name);
        boolean persistent = entry != null && entry.persistent();
        boolean wasOpen = handle.status() == StoreHandle.Status.OPEN;
        Detached detached = null;
        if (persistent && wasOpen) {
            detached = handle.detach(StoreHandle.Status.UNAVAILABLE, events);
        } else if (!persistent) {
            detached = handle.detach(StoreHandle.Status.ENDED, events);
        }
        if (detached != null && (detached.hasStore() || !detached.orphans().isEmpty())) {
            closings.add(new Closing(detached, reserve(name, engine, handle.engineName(), Reservation.Kind.CLOSE)));
        }
        if (persistent) {
            events.add(Listeners.event(Type.STORE_UNAVAILABLE, name, handle.engineName(), 0));
        } else {
            handles.remove(name);
            if (entry != null) {
                forget(entry);
            }
            events.add(Listeners.event(Type.STORE_DELETED, name, handle.engineName(), 0));
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
     * would then stay open. Then waits (at most {@link #SETTLE_TIME}) for engine calls still running
     * on other threads, which close what they made when they see the multistore closed, and
     * releases the root, also when closing a store failed (that failure is thrown afterwards).
     */
    @Override
    public void close() {
        boolean first = change(() -> {
            if (closed) {
                return false;
            }
            closed = true;
            return true;
        });
        if (!first) {
            return;
        }
        try {
            closeAll();
        } finally {
            background.shutdown();
            awaitEngineCalls();
            mbeans.close();
            rootLock.close();
        }
    }

    /** Waits for the reservations still held, at most the settle time, and says which did not end. */
    private void awaitEngineCalls() {
        List<Reservation> running = read(() -> new ArrayList<>(reserved.values()));
        long deadline = System.nanoTime() + settleTime.toNanos();
        List<String> unfinished = new ArrayList<>();
        for (Reservation reservation : running) {
            try {
                Duration left = Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
                if (!reservation.await(left)) {
                    unfinished.add(reservation.toString());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                unfinished.add(reservation.toString());
            }
        }
        if (!unfinished.isEmpty()) {
            LOG.log(Level.WARNING, "multistore at " + root + " closed while engine calls still ran after "
                    + settleTime.toSeconds() + " s: " + unfinished + "; each closes what it made when it returns");
        }
    }

    // ---- helpers, under the lock where they touch state ----

    /** Runs a change under the lock; the caller delivers the events it collected after releasing it. */
    private <T> T change(Supplier<T> action) {
        lock.lock();
        try {
            return action.get();
        } finally {
            lock.unlock();
        }
    }

    /** Reads state under the lock. */
    private <T> T read(Supplier<T> query) {
        return change(query);
    }

    /** Under the lock: takes a store name for an engine call. */
    private Reservation reserve(String name, Engine engine, String engineName, Reservation.Kind kind) {
        Reservation reservation = new Reservation(name, engine, engineName, kind);
        reserved.put(name, reservation);
        return reservation;
    }

    /** Gives a name back (if it is still this reservation's) and wakes those who wait for it; idempotent. */
    private void release(Reservation reservation) {
        change(() -> reserved.remove(reservation.name(), reservation));
        reservation.finish();
    }

    /**
     * Delivers an operation's events, then gives its names back. The names stay reserved while the
     * listeners run, so that an operation on the same store that waited for this one fires its
     * events after these (a store is never reported opened after it was reported closed); a
     * listener calling back on the same thread is not held up (see {@link #busy}).
     */
    private void fireThenRelease(List<StorageEvent> events, Reservation reservation) {
        fireThenRelease(events, List.of(reservation));
    }

    private void fireThenRelease(List<StorageEvent> events, List<Reservation> reservations) {
        try {
            listeners.fire(events);
        } finally {
            reservations.forEach(this::release);
        }
    }

    /**
     * Under the lock: the reservation another thread holds on a name, or null. The thread that
     * holds it is never made to wait for itself: a listener it calls may work on the same store
     * once the engine call is settled.
     */
    private Reservation busy(String name) {
        Reservation reservation = reserved.get(name);
        return reservation == null || reservation.isOwnedByCurrentThread() ? null : reservation;
    }

    /**
     * Waits, without the lock, for another operation's engine call on the same store.
     *
     * @throws StorageException ENGINE_UNAVAILABLE if it did not end within the settle time; IO if
     *         the waiting thread was interrupted
     */
    private void awaitOther(Reservation other) {
        try {
            if (other.await(settleTime)) {
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageException(ErrorCode.IO, "interrupted while waiting for " + other);
        }
        throw new StorageException(ErrorCode.ENGINE_UNAVAILABLE, other + " did not finish within "
                + settleTime.toSeconds() + " s; try again later");
    }

    /**
     * For a handle that found no engine store: waits for a reopen or close of it under way, at most
     * the settle time.
     *
     * @return the engine store the handle has then, or null
     */
    Store awaitReservation(StoreHandle handle) {
        Reservation other = read(() -> busy(handle.name()));
        if (other != null) {
            try {
                other.await(settleTime);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return handle.backing();
    }

    /**
     * Closes what an engine call made for nothing (the engine left, the multistore closed, the
     * catalog could not be written); a created store ({@code destroyWith} given) is destroyed too.
     * Failures are logged, one line each: the caller reports why the store is not there.
     */
    private void discard(Store made, Engine destroyWith, Reservation reservation) {
        String name = reservation.name();
        try {
            made.close();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "closing store " + name + " of engine " + reservation.engineName()
                    + ", which is not needed any more, failed: " + EngineFailures.wrap(e, name,
                    reservation.engineName(), "close").getMessage());
        }
        if (destroyWith == null) {
            return;
        }
        try {
            destroyWith.destroy(name, pathOf(name));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "destroying store " + name + " of engine " + reservation.engineName()
                    + ", which was created for nothing, failed: " + EngineFailures.wrap(e, name,
                    reservation.engineName(), "destroy").getMessage());
        }
    }

    /** Closes a detached engine store outside the lock; a failure is logged in one line. */
    private static void closeLogged(Detached detached, String why) {
        try {
            detached.close();
        } catch (StorageException e) {
            LOG.log(Level.WARNING, "closing store " + detached.storeName() + " as " + why + " failed: "
                    + e.getMessage());
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw closedError();
        }
    }

    private StorageException closedError() {
        return new StorageException(ErrorCode.STORE_CLOSED, "the multistore at " + root + " is closed");
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
            throw new StorageException(ErrorCode.ENGINE_NOT_FOUND, "no engine named " + StoreNames.quoted(name)
                    + " is registered; registered: " + new TreeSet<>(engines.keySet()));
        }
        return engine;
    }

    /** Removes a store from the catalog, and from the file when it was recorded there. */
    private void forget(CatalogEntry entry) {
        entries.remove(entry.name());
        mbeans.unregisterStore(entry.name());
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
