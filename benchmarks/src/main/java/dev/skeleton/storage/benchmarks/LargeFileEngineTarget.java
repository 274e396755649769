package dev.skeleton.storage.benchmarks;

import dev.skeleton.storage.Config;
import dev.skeleton.storage.Store;
import java.nio.file.Path;

/**
 * The file engine for the large-store benchmarks: a store in {@code <directory>/store}, created
 * with {@code sync=never} and, when given, {@code cache_size}; otherwise the engine's defaults. An
 * existing store is opened with the settings saved at its create, {@code cache_size} included
 * (the engine takes settings at create only). {@link FileEngineTarget} does not fit: it creates
 * with {@code sync} alone. An engine from before the paged format rejects {@code cache_size} as
 * an unknown key ({@code INVALID_CONFIG}), which is why the key is left out unless a cache size is
 * given. The store copies keys and values in and out itself.
 */
final class LargeFileEngineTarget implements LargeTarget {

    /** The engine's configuration key for the page cache, in bytes. */
    static final String CACHE_SIZE = "cache_size";

    private static final String NAME = "large";

    private final Store store;

    LargeFileEngineTarget(Path directory, String cacheSize) {
        store = FileEngineTarget.openOrCreate(directory, NAME, config(cacheSize));
    }

    /**
     * The configuration of a new store.
     *
     * @param cacheSize bytes, as the engine reads them, or empty for none
     * @return {@code sync=never}, with {@code cache_size} when given
     */
    static Config config(String cacheSize) {
        Config config = Config.of("sync", "never");
        return cacheSize.isEmpty() ? config : config.with(CACHE_SIZE, cacheSize);
    }

    @Override
    public void put(byte[] key, byte[] value) {
        store.set(key, value);
    }

    @Override
    public byte[] get(byte[] key) {
        return StoreReads.getOrNull(store, key);
    }

    @Override
    public void close() {
        store.close();
    }
}
