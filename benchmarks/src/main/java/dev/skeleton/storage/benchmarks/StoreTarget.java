package dev.skeleton.storage.benchmarks;

import dev.skeleton.storage.KeyValueVisitor;
import dev.skeleton.storage.Store;

/**
 * The operations every target that is a {@link Store} answers the same way: straight through to
 * the store, which copies every array in and out itself as its contract says, so these adapters
 * add no copies. Subclasses make the store and add what else they measure.
 */
abstract class StoreTarget implements KeyValueTarget {

    /** The store under measurement. */
    final Store store;

    StoreTarget(Store store) {
        this.store = store;
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
        store.close();
    }
}
