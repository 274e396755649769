package dev.skeleton.storage.multistore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.skeleton.storage.Config;
import dev.skeleton.storage.ErrorCode;
import dev.skeleton.storage.MultiStoreConfig;
import dev.skeleton.storage.StorageException;
import dev.skeleton.storage.Store;
import dev.skeleton.storage.core.ContentHash;
import dev.skeleton.storage.file.FileEngine;
import dev.skeleton.storage.memory.MemoryEngine;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the transfer tests share: a multistore on a temporary root with the real {@code memory} and
 * {@code file} engines (the file engine without fsync, which these tests do not measure), a
 * listener, and helpers that fill stores and hash them independently of the code under test.
 */
abstract class TransferTestSupport {

    static final String MEMORY = MemoryEngine.NAME;
    static final String FILE = FileEngine.NAME;

    @TempDir
    Path root;

    @TempDir
    Path dumps;

    DefaultMultiStore stores;
    final RecordingListener listener = new RecordingListener();

    @BeforeEach
    void openMultiStore() {
        stores = open();
    }

    @AfterEach
    void closeMultiStore() {
        if (stores != null) {
            stores.close();
        }
    }

    /** A multistore on {@link #root} with both engines, as after a restart. */
    DefaultMultiStore open() {
        DefaultMultiStore opened = new DefaultMultiStore(new MultiStoreConfig(root, FILE,
                Map.of(FILE, Config.of(Map.of("sync", "never")))));
        opened.registerEngine(new MemoryEngine());
        opened.registerEngine(new FileEngine());
        opened.addListener(listener);
        return opened;
    }

    /** Closes the multistore and opens a new one on the same root. */
    void restart() {
        stores.close();
        stores = open();
    }

    /** Makes a store with {@code count} entries key-00000.. = value-i (value i bytes long, at most 300). */
    Store filled(String name, String engine, int count) {
        stores.createStore(name, engine, Config.empty());
        Store store = stores.getStore(name);
        for (int i = 0; i < count; i++) {
            store.set(key(i), value(i));
        }
        return store;
    }

    static byte[] key(int i) {
        return bytes(String.format("key-%06d", i));
    }

    static byte[] value(int i) {
        return bytes("value-" + i + "-" + "x".repeat(i % 300));
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** The content hash of a store, computed here entry by entry. */
    static byte[] hashOf(Store store) {
        ContentHash hash = new ContentHash();
        store.iterate((key, value) -> {
            hash.add(key, value);
            return true;
        });
        return hash.digest();
    }

    static long countOf(Store store) {
        long[] count = {0};
        store.iterate((key, value) -> {
            count[0]++;
            return true;
        });
        return count[0];
    }

    static StorageException assertCode(ErrorCode expected, Executable call) {
        StorageException e = assertThrows(StorageException.class, call);
        assertEquals(expected, e.code(), e::getMessage);
        return e;
    }
}
