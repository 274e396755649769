package dev.skeleton.storage.multistore;

import dev.skeleton.storage.Capabilities;
import dev.skeleton.storage.Config;
import dev.skeleton.storage.Engine;
import dev.skeleton.storage.ErrorCode;
import dev.skeleton.storage.StorageException;
import dev.skeleton.storage.Store;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A persistent engine for tests (the file engine comes later): its "disk" is a {@link TestDisk}
 * shared between engine instances, so data survives closing a store and reopening it from a new
 * instance, as after a restart. Stores keep their entries in memory and write them to the disk
 * when closed: data written before a close is on the disk after it, and only then (which is how
 * the tests see that the multistore flushed a store by closing it).
 *
 * <p>{@code create} is STORE_EXISTS if the path exists on the disk, {@code open} STORE_NOT_FOUND
 * if it does not, either STORE_EXISTS while the store is open (in any instance); {@code destroy}
 * closes this instance's open store and erases the path. Any config key is accepted, except that
 * {@code limit} must be a whole number in 0..1000 (INVALID_CONFIG otherwise).
 *
 * <p>Counters record creates, opens, destroys and closes; {@link #lastCreateConfig()} the config
 * the last create received. {@link #beforeEachOperation} runs before each store and transaction
 * operation (for {@code beginTx} and {@code beginReadOnlyTx}: after the transaction was begun,
 * before it is returned), outside every lock, so that a test can hold an operation in flight;
 * {@link #beforeEngineCall} runs at the start of {@code create}, {@code open} and {@code destroy}
 * with the call's name, so that a test can hold (or break) an engine call.
 */
final class PersistentTestEngine implements Engine {

    static final String NAME = "persistent";
    private static final Capabilities CAPABILITIES = new Capabilities(true, false, false, true, false);

    final AtomicInteger creates = new AtomicInteger();
    final AtomicInteger opens = new AtomicInteger();
    final AtomicInteger destroys = new AtomicInteger();
    final AtomicInteger closes = new AtomicInteger();
    volatile Runnable beforeEachOperation = () -> { };
    volatile Consumer<String> beforeEngineCall = call -> { };
    /** When set, a store's close flushes and then throws IO, as a broken engine would. */
    volatile boolean failingClose;

    private final String name;
    private final TestDisk disk;
    private final Map<String, MapStore> openStores = new ConcurrentHashMap<>();
    private volatile Config lastCreateConfig;

    PersistentTestEngine(TestDisk disk) {
        this(NAME, disk);
    }

    PersistentTestEngine(String name, TestDisk disk) {
        this.name = name;
        this.disk = disk;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Store create(String storeName, String path, Config config) {
        beforeEngineCall.accept("create");
        Config given = config == null ? Config.empty() : config;
        given.getInt("limit", 0, 0, 1000);
        synchronized (disk) {
            if (disk.exists(path)) {
                throw new StorageException(ErrorCode.STORE_EXISTS, "test store " + storeName + " exists at " + path);
            }
            disk.format(path, given);
        }
        lastCreateConfig = given;
        creates.incrementAndGet();
        return openOnDisk(storeName, path);
    }

    @Override
    public Store open(String storeName, String path) {
        beforeEngineCall.accept("open");
        if (!disk.exists(path)) {
            throw new StorageException(ErrorCode.STORE_NOT_FOUND, "no test store " + storeName + " at " + path);
        }
        opens.incrementAndGet();
        return openOnDisk(storeName, path);
    }

    private Store openOnDisk(String storeName, String path) {
        if (!disk.markOpen(path)) {
            throw new StorageException(ErrorCode.STORE_EXISTS, "test store " + storeName + " is open already");
        }
        PersistentTestStore store = new PersistentTestStore(storeName, path, disk.read(path),
                () -> beforeEachOperation.run(), data -> {
                    disk.write(path, data);
                    disk.markClosed(path);
                    openStores.remove(path);
                    closes.incrementAndGet();
                    if (failingClose) {
                        throw new StorageException(ErrorCode.IO, "test store " + storeName + " failed to close");
                    }
                });
        openStores.put(path, store);
        return store;
    }

    @Override
    public void destroy(String storeName, String path) {
        beforeEngineCall.accept("destroy");
        MapStore store = openStores.get(path);
        if (store != null) {
            store.close();
        }
        disk.erase(path);
        destroys.incrementAndGet();
    }

    @Override
    public Capabilities capabilities() {
        return CAPABILITIES;
    }

    /** The config the last successful create received, or null. */
    Config lastCreateConfig() {
        return lastCreateConfig;
    }
}
