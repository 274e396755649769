package dev.skeleton.storage.webconsole;

import dev.skeleton.storage.MultiStoreConfig;
import dev.skeleton.storage.Store;
import dev.skeleton.storage.memory.MemoryEngine;
import dev.skeleton.storage.multistore.DefaultMultiStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** A real multistore for the tests: the memory engine (the default) and the plain test engine. */
final class TestStores {

    private TestStores() {
    }

    static DefaultMultiStore open(Path root) {
        DefaultMultiStore stores = new DefaultMultiStore(MultiStoreConfig.of(root));
        stores.registerEngine(new MemoryEngine());
        stores.registerEngine(new PlainEngine());
        return stores;
    }

    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** Fills a store with {@code count} keys {@code key00000} … and values {@code value-N}. */
    static void fill(Store store, int count) {
        for (int i = 0; i < count; i++) {
            store.set(utf8(key(i)), utf8("value-" + i));
        }
    }

    static String key(int i) {
        return String.format("key%05d", i);
    }
}
