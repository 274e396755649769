package dev.skeleton.storage.testkit;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.skeleton.storage.Capabilities;
import dev.skeleton.storage.Config;
import dev.skeleton.storage.ContentHashReader;
import dev.skeleton.storage.Engine;
import dev.skeleton.storage.RangeQueryable;
import dev.skeleton.storage.Store;
import dev.skeleton.storage.Transaction;
import dev.skeleton.storage.Transactional;
import dev.skeleton.storage.VersionReader;
import dev.skeleton.storage.Versioned;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import org.opentest4j.AssertionFailedError;

/**
 * The per-test state of a compliance test: the engine under test, a temporary directory for store
 * paths ({@code <directory>/<storeName>}), and every store the test opened through it.
 *
 * <p>A kit test receives its fixture as a parameter ({@code void test(StoreFixture fixture)});
 * {@link StoreFixtureExtension} makes it before the test and cleans it up after: every store is
 * closed (each close bounded in time, so that a deadlocked engine fails the test instead of hanging
 * the build) and the directory is deleted.
 *
 * <p>The capability methods ({@link #transactional}, {@link #versioned}, {@link #rangeQueryable})
 * skip the test through a JUnit assumption when the engine lacks the capability, and otherwise
 * assert that the store implements the capability's interface and says it supports it.
 * {@link #versionReader} skips also when the store does not implement the optional
 * {@link VersionReader}, which no capability flag announces, and {@link #contentHashReader} when a
 * read-only transaction does not implement the optional {@link ContentHashReader}.
 *
 * <p>A fixture belongs to one test. Its methods may be called from any thread of that test (the
 * stress tests' workers included).
 */
public final class StoreFixture {

    /** The name {@link #createStore()} gives its store. */
    public static final String DEFAULT_STORE_NAME = "store";

    /**
     * How long a write on another thread may take while the visitor waits for it: far more than
     * any engine needs for one write, far less than a hung build.
     */
    private static final Duration OTHER_THREAD_LIMIT = Duration.ofSeconds(5);

    /** How long cleaning up may spend closing one store. */
    private static final Duration CLOSE_LIMIT = Duration.ofSeconds(10);

    private final EngineFixture test;
    private final Path directory;
    private final Duration stressDuration;
    private final List<Store> stores = new ArrayList<>();
    private Engine engine;

    StoreFixture(EngineFixture test, Path directory, Duration stressDuration) {
        this.test = test;
        this.directory = directory;
        this.stressDuration = stressDuration;
    }

    /**
     * The engine under test: the same instance for the whole test.
     *
     * @return the engine
     */
    public synchronized Engine engine() {
        if (engine == null) {
            engine = newEngine();
        }
        return engine;
    }

    /**
     * Another fresh instance of the engine under test, as a new process would make.
     *
     * @return a new engine
     */
    public Engine newEngine() {
        Engine fresh = test.engine();
        assertNotNull(fresh, "engine() of " + test.getClass().getName() + " returned null");
        return fresh;
    }

    /**
     * The capabilities of the engine under test.
     *
     * @return its capabilities
     */
    public Capabilities capabilities() {
        return engine().capabilities();
    }

    /**
     * The longest key the engine under test stores.
     *
     * @return {@link EngineFixture#maxKeyLength()}
     */
    public int maxKeyLength() {
        return test.maxKeyLength();
    }

    /**
     * A configuration with the test's {@link EngineFixture#baseConfig()} under the given one.
     *
     * @param overrides keys this test sets; null for none
     * @return the merged configuration
     */
    public Config config(Config overrides) {
        return test.baseConfig().merge(overrides);
    }

    /**
     * The temporary directory of this test; deleted after it.
     *
     * @return the directory
     */
    public Path directory() {
        return directory;
    }

    /**
     * The path the kit gives a store of that name: {@code <directory>/<storeName>}.
     *
     * @param storeName the store's name
     * @return the path, as a string for {@link Engine#create}
     */
    public String pathOf(String storeName) {
        return directory.resolve(storeName).toString();
    }

    /**
     * Creates the store {@value #DEFAULT_STORE_NAME} with the base configuration.
     *
     * @return the open store
     */
    public Store createStore() {
        return createStore(DEFAULT_STORE_NAME, Config.empty());
    }

    /**
     * Creates the store {@value #DEFAULT_STORE_NAME} with extra configuration.
     *
     * @param config keys to set on top of the base configuration
     * @return the open store
     */
    public Store createStore(Config config) {
        return createStore(DEFAULT_STORE_NAME, config);
    }

    /**
     * Creates the store {@value #DEFAULT_STORE_NAME} with a version retention on top of the base
     * configuration; skips the test first if the engine has no versioning, since such an engine
     * rightly refuses {@code max_versions}.
     *
     * @param retention the {@code max_versions} setting
     * @return the open store
     */
    public Store createStore(Retention retention) {
        assumeVersioning();
        return createStore(DEFAULT_STORE_NAME, retention.config());
    }

    /**
     * Creates a store under {@link #pathOf(String)} with extra configuration.
     *
     * @param name   the store's name
     * @param config keys to set on top of the base configuration
     * @return the open store, closed after the test
     */
    public Store createStore(String name, Config config) {
        return track(engine().create(name, pathOf(name), config(config)));
    }

    /**
     * Opens an existing store under {@link #pathOf(String)} with the engine under test.
     *
     * @param name the store's name
     * @return the open store, closed after the test
     */
    public Store openStore(String name) {
        return track(engine().open(name, pathOf(name)));
    }

    /**
     * Closes a store and opens it again from a fresh engine instance, as a restarted process would.
     *
     * @param store the store to reopen
     * @return the reopened store, closed after the test
     */
    public Store reopen(Store store) {
        store.close();
        return track(newEngine().open(store.name(), store.path()));
    }

    /**
     * Registers a store that the test opened by itself, so that it is closed after the test.
     *
     * @param store the store; null is ignored
     * @param <S>   the store's type
     * @return the same store
     */
    public <S extends Store> S track(S store) {
        if (store != null) {
            synchronized (stores) {
                stores.add(store);
            }
        }
        return store;
    }

    /**
     * The store as {@link Transactional}; skips the test if the engine has no transactions.
     *
     * @param store a store of the engine under test
     * @return the same store
     */
    public Transactional transactional(Store store) {
        assumeTransactions();
        Transactional transactional = assertInstanceOf(Transactional.class, store,
                "a store of an engine with the transactions capability implements Transactional");
        assertTrue(transactional.supportsTransactions(), "supportsTransactions()");
        return transactional;
    }

    /**
     * The store as {@link Versioned}; skips the test if the engine has no versioning.
     *
     * @param store a store of the engine under test
     * @return the same store
     */
    public Versioned versioned(Store store) {
        assumeVersioning();
        Versioned versioned = assertInstanceOf(Versioned.class, store,
                "a store of an engine with the versioning capability implements Versioned");
        assertTrue(versioned.supportsVersioning(), "supportsVersioning()");
        return versioned;
    }

    /**
     * The store as {@link VersionReader}; skips the test if the engine has no versioning, or if its
     * store does not implement that optional interface (an engine may leave it out; no capability
     * flag says so, the store's type does).
     *
     * @param store a store of the engine under test
     * @return the same store
     */
    public VersionReader versionReader(Store store) {
        versioned(store);
        assumeTrue(store instanceof VersionReader, () -> "the stores of " + engineName() + " (" + store.getClass()
                .getName() + ") do not implement the optional " + VersionReader.class.getSimpleName());
        return (VersionReader) store;
    }

    /**
     * A read-only transaction as {@link ContentHashReader}; skips the test if it does not implement
     * that optional interface (an engine may leave it out; no capability flag says so, the
     * transaction's type does).
     *
     * @param readOnly a read-only transaction of a store of the engine under test
     * @return the same transaction
     */
    public ContentHashReader contentHashReader(Transaction readOnly) {
        assumeTrue(readOnly instanceof ContentHashReader, () -> "the read-only transactions of " + engineName()
                + " (" + readOnly.getClass().getName() + ") do not implement the optional "
                + ContentHashReader.class.getSimpleName());
        return (ContentHashReader) readOnly;
    }

    /**
     * The store, or a transaction of it, as {@link RangeQueryable}; skips the test if the engine
     * has no range queries.
     *
     * @param store a store of the engine under test, or one of its transactions
     * @return the same object
     */
    public RangeQueryable rangeQueryable(Store store) {
        assumeRangeQueries();
        RangeQueryable range = assertInstanceOf(RangeQueryable.class, store, "a store (and a transaction"
                + " of a store) of an engine with the rangeQueries capability implements RangeQueryable");
        assertTrue(range.supportsRangeQueries(), "supportsRangeQueries()");
        return range;
    }

    /** Skips the test unless the engine has the transactions capability. */
    public void assumeTransactions() {
        assumeTrue(capabilities().transactions(), () -> engineName() + " has no transactions capability");
    }

    /**
     * Skips the test unless the engine has the versioning capability. Call it before creating a
     * store with versioning configuration such as {@code max_versions}, which an engine without
     * versioning rightly refuses.
     */
    public void assumeVersioning() {
        assumeTrue(capabilities().versioning(), () -> engineName() + " has no versioning capability");
    }

    /** Skips the test unless the engine has the range-query capability. */
    public void assumeRangeQueries() {
        assumeTrue(capabilities().rangeQueries(), () -> engineName() + " has no rangeQueries capability");
    }

    /** Skips the test unless the engine has the persistence capability. */
    public void assumePersistence() {
        assumeTrue(capabilities().persistence(), () -> engineName() + " has no persistence capability");
    }

    /**
     * How long each stress test runs: configuration parameter or system property
     * {@value StoreFixtureExtension#STRESS_MILLIS}, 1 s by default.
     *
     * @return the duration
     */
    public Duration stressDuration() {
        return stressDuration;
    }

    /**
     * Runs an action on another thread and waits a bounded time for it. A visitor uses this to
     * prove that the store holds no lock while calling it: if the action cannot finish, the test
     * fails instead of deadlocking.
     *
     * @param what   what the action does, for the failure message
     * @param action the action; its failure fails the caller with the same exception
     */
    public void runOnAnotherThread(String what, Runnable action) {
        runBounded(what, action, OTHER_THREAD_LIMIT,
                " (does the store hold a lock while it calls the visitor?)");
    }

    /** Closes every store the test opened and deletes the directory. */
    void cleanUp() {
        try {
            closeStores();
        } finally {
            deleteDirectory();
        }
    }

    private void closeStores() {
        List<Store> toClose;
        synchronized (stores) {
            toClose = new ArrayList<>(stores);
        }
        for (Store store : toClose) {
            // The close rules have tests of their own; here a failing close must not fail every
            // other test too, but a close that hangs must still end the test.
            runBounded("closing store " + store.name(), () -> closeQuietly(store), CLOSE_LIMIT, "");
        }
    }

    private static void closeQuietly(Store store) {
        try {
            store.close();
        } catch (RuntimeException ignored) {
            // See closeStores: close errors are reported by the close tests, not by cleanup.
        }
    }

    private void deleteDirectory() {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(StoreFixture::deleteQuietly);
        } catch (IOException e) {
            // Best effort: a leftover temporary directory is no contract violation.
        }
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            // Best effort, as in deleteDirectory.
        }
    }

    private String engineName() {
        return "engine " + engine().name();
    }

    private static void runBounded(String what, Runnable action, Duration limit, String hint) {
        FutureTask<Void> task = new FutureTask<>(action, null);
        Thread thread = new Thread(task, "testkit-" + what);
        thread.setDaemon(true); // a thread stuck in the engine must not keep the JVM alive
        thread.start();
        try {
            task.get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new AssertionFailedError(what + " did not finish within " + limit.toMillis() + " ms"
                    + hint, e);
        } catch (ExecutionException e) {
            throw unchanged(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionFailedError("interrupted while waiting for: " + what, e);
        }
    }

    /** The action's own failure: a Runnable can only throw unchecked exceptions and errors. */
    private static RuntimeException unchanged(Throwable failure) {
        if (failure instanceof Error error) {
            throw error;
        }
        return (RuntimeException) failure;
    }
}
