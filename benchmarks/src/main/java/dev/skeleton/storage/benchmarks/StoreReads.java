package dev.skeleton.storage.benchmarks;

import dev.skeleton.storage.ErrorCode;
import dev.skeleton.storage.StorageException;
import dev.skeleton.storage.Store;

/**
 * Reading a {@link Store} the way the benchmarks' map-like targets answer: a missing key is null,
 * as in the baselines (skip list, hash map, RocksDB), not an exception.
 */
final class StoreReads {

    private StoreReads() {
    }

    /**
     * The value of a key, or null if the store does not hold it.
     *
     * @param store the store
     * @param key   the key
     * @return the value, or null
     * @throws StorageException any failure other than {@link ErrorCode#KEY_NOT_FOUND}
     */
    static byte[] getOrNull(Store store, byte[] key) {
        try {
            return store.get(key);
        } catch (StorageException e) {
            if (e.code() == ErrorCode.KEY_NOT_FOUND) {
                return null;
            }
            throw e;
        }
    }
}
