package dev.skeleton.storage.multistore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.skeleton.storage.Config;
import dev.skeleton.storage.ErrorCode;
import dev.skeleton.storage.MultiStoreConfig;
import dev.skeleton.storage.StorageException;
import dev.skeleton.storage.memory.MemoryEngine;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the multistore tests share: a temporary root, a {@link TestDisk}, one instance of each test
 * engine ({@code memory}, {@code persistent}, {@code plain}), a multistore {@link #stores} on the
 * root with all three registered and a {@link RecordingListener} added, and small helpers. Every
 * multistore a test makes through {@link #newMultiStore} is closed after it; making one closes the
 * ones made before, as a restart of the process would.
 */
abstract class MultiStoreTestSupport {

    static final String MEMORY = MemoryEngine.NAME;
    static final String PERSISTENT = PersistentTestEngine.NAME;
    static final String PLAIN = PlainTestEngine.NAME;

    @TempDir
    Path root;

    final TestDisk disk = new TestDisk();
    final PersistentTestEngine persistent = new PersistentTestEngine(disk);
    final PlainTestEngine plain = new PlainTestEngine();
    final RecordingListener listener = new RecordingListener();
    DefaultMultiStore stores;

    private final List<DefaultMultiStore> made = new ArrayList<>();

    @BeforeEach
    void makeMultiStoreWithEveryEngine() {
        stores = newMultiStore();
        stores.registerEngine(new MemoryEngine());
        stores.registerEngine(persistent);
        stores.registerEngine(plain);
        stores.addListener(listener);
        listener.clear();
    }

    @AfterEach
    void closeMultiStores() {
        made.forEach(DefaultMultiStore::close);
    }

    /**
     * A multistore on {@link #root} without engines, as after a restart: the multistores made on
     * the root before are closed first (one root serves one multistore at a time). Closed after the
     * test.
     */
    DefaultMultiStore newMultiStore() {
        return restart(MultiStoreConfig.of(root));
    }

    /** {@link #newMultiStore()} with per-engine defaults. */
    DefaultMultiStore newMultiStore(Map<String, Config> engineConfigs) {
        return restart(new MultiStoreConfig(root, null, engineConfigs));
    }

    /** {@link #newMultiStore()} with any configuration on {@link #root}. */
    DefaultMultiStore restart(MultiStoreConfig config) {
        made.forEach(DefaultMultiStore::close);
        return track(new DefaultMultiStore(config));
    }

    DefaultMultiStore track(DefaultMultiStore multiStore) {
        made.add(multiStore);
        return multiStore;
    }

    /** The path the multistore gives a store. */
    String pathOf(String name) {
        return root.resolve(name).toString();
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    static StorageException assertCode(ErrorCode expected, Executable call) {
        return assertCode(expected, call, "");
    }

    static StorageException assertCode(ErrorCode expected, Executable call, String what) {
        StorageException e = assertThrows(StorageException.class, call, what);
        assertEquals(expected, e.code(), () -> what + ": " + e.getMessage());
        return e;
    }
}
