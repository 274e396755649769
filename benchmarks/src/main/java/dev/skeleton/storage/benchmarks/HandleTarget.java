package dev.skeleton.storage.benchmarks;

import dev.skeleton.storage.MultiStoreConfig;
import dev.skeleton.storage.Store;
import dev.skeleton.storage.memory.MemoryEngine;
import dev.skeleton.storage.multistore.DefaultMultiStore;
import java.nio.file.Path;

/**
 * A memory engine's store reached as applications reach it, through the multistore's handle,
 * with the handle's metrics on or off ({@link DefaultMultiStore#METRICS_PROPERTY}): the pair that
 * measures what metrics cost. Both go through the same handle code; only the counting differs.
 */
final class HandleTarget extends StoreTarget {

    private final Path root;
    private final DefaultMultiStore stores;

    HandleTarget(boolean metrics) {
        this(BenchDirectories.create("handle"), metrics);
    }

    private HandleTarget(Path root, boolean metrics) {
        this(root, multiStore(root, metrics));
    }

    private HandleTarget(Path root, DefaultMultiStore stores) {
        super(storeOf(stores));
        this.root = root;
        this.stores = stores;
    }

    /** A multistore on {@code root} with the memory engine, its metrics on or off. */
    private static DefaultMultiStore multiStore(Path root, boolean metrics) {
        String before = System.getProperty(DefaultMultiStore.METRICS_PROPERTY);
        System.setProperty(DefaultMultiStore.METRICS_PROPERTY, String.valueOf(metrics));
        DefaultMultiStore stores;
        try {
            stores = new DefaultMultiStore(MultiStoreConfig.of(root));
        } finally {
            if (before == null) {
                System.clearProperty(DefaultMultiStore.METRICS_PROPERTY);
            } else {
                System.setProperty(DefaultMultiStore.METRICS_PROPERTY, before);
            }
        }
        stores.registerEngine(new MemoryEngine());
        return stores;
    }

    /** The benchmark's store, made on the memory engine, through its handle. */
    private static Store storeOf(DefaultMultiStore stores) {
        stores.createStore("bench", MemoryEngine.NAME, null);
        return stores.getStore("bench");
    }

    @Override
    public void close() {
        stores.close();
        BenchDirectories.delete(root);
    }
}
