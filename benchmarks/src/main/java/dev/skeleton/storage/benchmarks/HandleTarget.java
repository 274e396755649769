package dev.skeleton.storage.benchmarks;

import dev.skeleton.storage.KeyValueVisitor;
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
final class HandleTarget implements KeyValueTarget {

    private final Path root;
    private final DefaultMultiStore stores;
    private final Store store;

    HandleTarget(boolean metrics) {
        root = BenchDirectories.create("handle");
        String before = System.getProperty(DefaultMultiStore.METRICS_PROPERTY);
        System.setProperty(DefaultMultiStore.METRICS_PROPERTY, String.valueOf(metrics));
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
        stores.createStore("bench", MemoryEngine.NAME, null);
        store = stores.getStore("bench");
    }

    @Override
    public byte[] get(byte[] key) {
        return StoreReads.getOrNull(store, key);
    }

    @Override
    public boolean has(byte[] key) {
        return store.has(key);
    }

    @Override
    public void set(byte[] key, byte[] value) {
        store.set(key, value);
    }

    @Override
    public void delete(byte[] key) {
        store.delete(key);
    }

    @Override
    public void iterate(KeyValueVisitor visitor) {
        store.iterate(visitor);
    }

    @Override
    public long size() {
        long[] count = {0};
        store.iterate((key, value) -> {
            count[0]++;
            return true;
        });
        return count[0];
    }

    @Override
    public void close() {
        stores.close();
        BenchDirectories.delete(root);
    }
}
