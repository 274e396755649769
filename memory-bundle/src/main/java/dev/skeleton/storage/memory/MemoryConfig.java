package dev.skeleton.storage.memory;

import dev.skeleton.storage.Config;
import java.util.List;

/**
 * The settings of a memory store, read and checked from its {@link Config}.
 *
 * <ul>
 *   <li>{@code max_versions}: how many saved versions to keep, newest first; default 100; 0 or
 *       negative keeps every version.</li>
 *   <li>{@code max_size}: the most bytes of keys plus values the store may hold; a write that would
 *       pass it fails with {@code STORE_FULL} and changes nothing. Default 0, which means no limit;
 *       a negative value is refused.</li>
 * </ul>
 * Any other key (except the framework keys {@link Config} ignores) is {@code INVALID_CONFIG}.
 *
 * @param maxVersions versions kept; 0 or negative: all
 * @param maxSize     byte limit of keys plus values; 0: none
 */
record MemoryConfig(int maxVersions, long maxSize) {

    static final String MAX_VERSIONS = "max_versions";
    static final String MAX_SIZE = "max_size";
    static final int DEFAULT_MAX_VERSIONS = 100;

    /**
     * Reads and validates a configuration.
     *
     * @param config the store's config
     * @return the settings
     * @throws dev.skeleton.storage.StorageException INVALID_CONFIG naming the bad key and value
     */
    static MemoryConfig from(Config config) {
        config.requireKnownKeys(MemoryEngine.NAME + " engine", List.of(MAX_VERSIONS, MAX_SIZE));
        return new MemoryConfig(config.getInt(MAX_VERSIONS, DEFAULT_MAX_VERSIONS),
                config.getLong(MAX_SIZE, 0, 0, Long.MAX_VALUE));
    }

    /** Whether a store holding {@code bytes} bytes of keys and values is within the limit. */
    boolean fits(long bytes) {
        return maxSize == 0 || bytes <= maxSize;
    }
}
