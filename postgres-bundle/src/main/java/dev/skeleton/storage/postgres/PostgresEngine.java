package dev.skeleton.storage.postgres;

import dev.skeleton.storage.Capabilities;
import dev.skeleton.storage.Config;
import dev.skeleton.storage.Engine;
import dev.skeleton.storage.ErrorCode;
import dev.skeleton.storage.StorageException;
import dev.skeleton.storage.Store;
import dev.skeleton.storage.core.Arguments;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The "postgres" engine: stores as tables on a PostgreSQL server, shared by every process that uses
 * the same database and schema; with serializable transactions, versions, range queries and
 * persistence (no compression: the server compresses large values itself, with TOAST).
 *
 * <h2>Getting one</h2>
 * <ul>
 *   <li>Plain Java: {@link #connect(String, String, String)} or {@link #connect(PostgresSettings)}.
 *       Close the engine when done: it owns a connection pool.</li>
 *   <li>OSGi: configure the PID {@code dev.skeleton.storage.postgres} ({@code url}, {@code user},
 *       {@code .password}, {@code pool_size}, {@code schema}, {@code connect_timeout_ms},
 *       {@code synchronous_commit}, {@code read_from}; see {@link PostgresSettings}); the engine
 *       service appears with a valid configuration and goes when it is deleted. A bad one gives no
 *       service and one WARNING line naming the bad keys (see
 *       {@code dev.skeleton.storage.postgres.osgi.PostgresEngineComponent}).</li>
 *   <li>{@link java.util.ServiceLoader}: the no-argument constructor reads the same keys from system
 *       properties prefixed {@value #PROPERTY_PREFIX}; without a url every store operation fails with
 *       {@code INVALID_CONFIG} saying so.</li>
 * </ul>
 *
 * <h2>Stores</h2>
 * A store is known on the database by its name (see {@link Catalog}); {@code path} is a local
 * directory that only holds a note saying where the data is. {@code create} of a name that exists
 * on the database &mdash; made by this engine or by another process &mdash; is {@code STORE_EXISTS};
 * {@code open} of a name the database does not know is {@code STORE_NOT_FOUND}. Several engines
 * (processes) may open one store at once and see each other's commits; within one engine a store is
 * open once at a time ({@code STORE_EXISTS} otherwise, as for the other engines). {@code destroy}
 * drops the store's tables and catalog row, for every process: a store still open elsewhere then
 * fails with {@code STORE_NOT_FOUND}.
 *
 * <h2>Failures</h2>
 * A server that is down or restarting gives {@code IO} errors naming the server (url without
 * parameters) and never the password; the pool reconnects by itself once the server is back. A
 * commit is acknowledged only once the server committed it. With several hosts in the url (a
 * primary and its standbys), operations fail with {@code IO} while no primary answers and work
 * again, on the same engine, once a standby is promoted. A commit cut off by a lost connection is
 * an {@code IO} error saying that it could not be confirmed and may or may not have been applied;
 * the engine never repeats it.
 *
 * <p>Thread-safe.
 */
public final class PostgresEngine implements Engine, AutoCloseable {

    /** This engine's name. */
    public static final String NAME = "postgres";
    /** The prefix of the system properties the no-argument constructor reads. */
    public static final String PROPERTY_PREFIX = "dev.skeleton.storage.postgres.";

    private static final Capabilities CAPABILITIES = new Capabilities(true, true, true, true, false);

    private final PostgresSettings settings;
    private final Tuning tuning;
    private final StorageException unconfigured;
    private final ConcurrentMap<String, PostgresStore> open = new ConcurrentHashMap<>();
    private final Object lifecycle = new Object();
    private Database database;
    private Catalog catalog;
    private ExecutorService maintenance;
    private boolean closed;

    /**
     * The engine as {@link java.util.ServiceLoader} makes it: configured by the system properties
     * {@value #PROPERTY_PREFIX}{@code url}, {@code ...user}, {@code ...password} and so on. It
     * connects only when a store is first used.
     */
    public PostgresEngine() {
        Map<String, Object> values = new HashMap<>();
        for (String key : PostgresSettings.KEYS) {
            String value = System.getProperty(PROPERTY_PREFIX + key);
            if (value != null) {
                values.put(key, value);
            }
        }
        PostgresSettings fromProperties = null;
        StorageException problem = null;
        if (!values.containsKey(PostgresSettings.URL)) {
            problem = new StorageException(ErrorCode.INVALID_CONFIG, "the postgres engine has no database: set the "
                    + "system property " + PROPERTY_PREFIX + "url (and ...user, ...password), configure the PID "
                    + "dev.skeleton.storage.postgres in OSGi, or use PostgresEngine.connect(...)");
        } else {
            try {
                fromProperties = PostgresSettings.from(Config.of(values));
            } catch (StorageException e) {
                problem = e;
            }
        }
        this.settings = fromProperties;
        this.tuning = Tuning.DEFAULTS;
        this.unconfigured = problem;
    }

    /** An engine with other internal sizes, for tests. */
    PostgresEngine(PostgresSettings settings, Tuning tuning) {
        this.settings = settings;
        this.tuning = tuning;
        this.unconfigured = null;
    }

    /**
     * An engine on a database.
     *
     * @param settings how to reach it
     * @return the engine; it connects when a store is first used
     */
    public static PostgresEngine connect(PostgresSettings settings) {
        if (settings == null) {
            throw new StorageException(ErrorCode.INVALID_ARGUMENT, "postgres engine settings must not be null");
        }
        return new PostgresEngine(settings, Tuning.DEFAULTS);
    }

    /**
     * An engine on a database, with the default pool size, schema and timeout.
     *
     * @param url      the JDBC url, {@code jdbc:postgresql://host:port/database}
     * @param user     the login, or null
     * @param password the password, or null
     * @return the engine; it connects when a store is first used
     */
    public static PostgresEngine connect(String url, String user, String password) {
        return connect(PostgresSettings.of(url, user, password));
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Store create(String name, String path, Config config) {
        Arguments.path(path, Arguments.storeName(name));
        StoreSettings storeSettings = StoreSettings.from(config == null ? Config.empty() : config);
        requireNotOpenHere(name);
        Database db = database();
        Catalog.Entry entry = db.transaction("creating store " + name,
                connection -> catalog.create(connection, name, storeSettings.maxVersions()));
        if (entry == null) {
            throw new StorageException(ErrorCode.STORE_EXISTS, "store " + name + " exists on " + db.server()
                    + "; open it instead");
        }
        StoreDirectory.write(path, name, db.server(), entry.id());
        return register(name, path, db, entry);
    }

    @Override
    public Store open(String name, String path) {
        Arguments.path(path, Arguments.storeName(name));
        requireNotOpenHere(name);
        Database db = database();
        Catalog.Entry entry = db.autocommit("opening store " + name, connection -> catalog.find(connection, name));
        if (entry == null) {
            throw new StorageException(ErrorCode.STORE_NOT_FOUND, "store " + name + " does not exist on "
                    + db.server());
        }
        StoreDirectory.write(path, name, db.server(), entry.id());
        return register(name, path, db, entry);
    }

    @Override
    public void destroy(String name, String path) {
        Arguments.path(path, Arguments.storeName(name));
        PostgresStore store = open.get(name);
        if (store != null) {
            store.close();
        }
        Database db = database();
        db.transaction("destroying store " + name, connection -> catalog.destroy(connection, name));
        StoreDirectory.remove(path, name);
    }

    @Override
    public Capabilities capabilities() {
        return CAPABILITIES;
    }

    /**
     * The settings this engine connects with.
     *
     * @return the settings (their {@code toString} masks the password)
     * @throws StorageException INVALID_CONFIG for an engine made without any
     */
    public PostgresSettings settings() {
        if (settings == null) {
            throw unconfigured;
        }
        return settings;
    }

    /**
     * Closes every store this engine opened (rolling back their open transactions) and the
     * connection pool. Afterwards the engine refuses work with {@code ENGINE_UNAVAILABLE}.
     * Idempotent.
     */
    @Override
    public void close() {
        Database toClose;
        ExecutorService maintenanceToStop;
        synchronized (lifecycle) {
            if (closed) {
                return;
            }
            closed = true;
            toClose = database;
            maintenanceToStop = maintenance;
        }
        for (PostgresStore store : open.values()) {
            store.close();
        }
        if (maintenanceToStop != null) {
            maintenanceToStop.shutdown();
            awaitQuietly(maintenanceToStop);
        }
        if (toClose != null) {
            toClose.close();
        }
    }

    @Override
    public String toString() {
        return "postgres engine (" + (settings == null ? "not configured" : settings.describe()) + ")";
    }

    private Database database() {
        synchronized (lifecycle) {
            if (closed) {
                throw new StorageException(ErrorCode.ENGINE_UNAVAILABLE, "the postgres engine is closed");
            }
            if (database == null) {
                database = new Database(settings());
                catalog = new Catalog(settings.schema(), settings.connectTimeoutMillis());
                maintenance = tuning.inBackground() ? Executors.newSingleThreadExecutor(PostgresEngine::maintenanceThread)
                        : null;
            }
        }
        catalog.ensure(database);
        return database;
    }

    private Store register(String name, String path, Database db, Catalog.Entry entry) {
        Executor pruning;
        synchronized (lifecycle) {
            pruning = maintenance == null ? Runnable::run : maintenance;
        }
        PostgresStore store = new PostgresStore(name, path, db, entry, tuning, pruning,
                closing -> open.remove(name, closing));
        if (open.putIfAbsent(name, store) != null) {
            throw openHere(name);
        }
        return store;
    }

    /** The thread that prunes the logs of this engine's stores: a daemon, so it never holds up an exit. */
    private static Thread maintenanceThread(Runnable work) {
        Thread thread = new Thread(work, "skeleton-postgres-maintenance");
        thread.setDaemon(true);
        return thread;
    }

    /** Lets a pruning in progress finish (briefly) before the pool under it closes. */
    private static void awaitQuietly(ExecutorService executor) {
        try {
            executor.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void requireNotOpenHere(String name) {
        if (open.containsKey(name)) {
            throw openHere(name);
        }
    }

    private static StorageException openHere(String name) {
        return new StorageException(ErrorCode.STORE_EXISTS, "store " + name + " is open in this engine; close it "
                + "first");
    }
}
