package dev.skeleton.storage.file;

import dev.skeleton.storage.Config;
import java.util.List;
import java.util.Map;

/**
 * The settings of a file store, read and checked from its {@link Config} at {@code create}, saved in
 * the store's {@code store.config} file and read back from there by {@code open}.
 *
 * <ul>
 *   <li>{@code max_versions}: how many saved versions to keep, newest first; default 100; 0 or
 *       negative keeps every version.</li>
 *   <li>{@code sync}: {@code always} (a write or commit returns once it is durable),
 *       {@code interval} (durable within {@code sync_interval_ms}; the default) or {@code never}
 *       (left to the operating system).</li>
 *   <li>{@code sync_interval_ms}: the interval of {@code sync=interval}, 1 to 3,600,000 ms,
 *       default 1000. Accepted and ignored with the other modes, so that defaults given for every
 *       store of an engine may carry it.</li>
 *   <li>{@code compression}: {@code true} deflates log records, checkpoint and version files and
 *       large values; default {@code false}.</li>
 *   <li>{@code format}: the record format; only {@code kryo}, the default.</li>
 *   <li>{@code cache_size}: bytes of the tree kept in the heap: the page cache, plus as much again
 *       at most of pages written since the last checkpoint; 1 MiB to 1 TiB, default 64 MiB. The
 *       rest of the data stays on disk and is read when needed.</li>
 * </ul>
 * Any other key (except the framework keys {@link Config} ignores) is {@code INVALID_CONFIG}, and so
 * is a value of the wrong type or out of range. The saved form holds these six settings, not the
 * framework keys; a store saved before {@code cache_size} existed opens with its default.
 *
 * @param maxVersions    versions kept; 0 or negative: all
 * @param sync           when the log is forced to disk
 * @param syncIntervalMs the interval of {@link SyncMode#INTERVAL}
 * @param compression    whether files are deflated
 * @param format         the record format, "kryo"
 * @param cacheSize      bytes of the tree kept in the heap
 */
record FileConfig(int maxVersions, SyncMode sync, long syncIntervalMs, boolean compression, String format,
        long cacheSize) {

    static final String MAX_VERSIONS = "max_versions";
    static final String SYNC = "sync";
    static final String SYNC_INTERVAL_MS = "sync_interval_ms";
    static final String COMPRESSION = "compression";
    static final String FORMAT = "format";
    static final String KRYO = "kryo";
    static final String CACHE_SIZE = "cache_size";
    static final long DEFAULT_CACHE_SIZE = 64L << 20;
    static final long MIN_CACHE_SIZE = 1L << 20;
    static final long MAX_CACHE_SIZE = 1L << 40;
    static final int DEFAULT_MAX_VERSIONS = 100;
    static final long DEFAULT_SYNC_INTERVAL_MS = 1_000;
    static final long MAX_SYNC_INTERVAL_MS = 3_600_000;

    /**
     * Reads and validates a configuration.
     *
     * @param config the store's config
     * @return the settings
     * @throws dev.skeleton.storage.StorageException INVALID_CONFIG naming the bad key and value
     */
    static FileConfig from(Config config) {
        config.requireKnownKeys(FileEngine.NAME + " engine",
                List.of(MAX_VERSIONS, SYNC, SYNC_INTERVAL_MS, COMPRESSION, FORMAT, CACHE_SIZE));
        return new FileConfig(config.getInt(MAX_VERSIONS, DEFAULT_MAX_VERSIONS),
                SyncMode.of(config.getChoice(SYNC, SyncMode.INTERVAL.configValue(), SyncMode.configValues())),
                config.getLong(SYNC_INTERVAL_MS, DEFAULT_SYNC_INTERVAL_MS, 1, MAX_SYNC_INTERVAL_MS),
                config.getBoolean(COMPRESSION, false),
                config.getChoice(FORMAT, KRYO, KRYO),
                config.getLong(CACHE_SIZE, DEFAULT_CACHE_SIZE, MIN_CACHE_SIZE, MAX_CACHE_SIZE));
    }

    /**
     * The settings as a config, the form in which they are saved and from which {@link #from}
     * reads them back.
     *
     * @return a config of the six keys
     */
    Config toConfig() {
        return Config.of(Map.of(MAX_VERSIONS, maxVersions, SYNC, sync.configValue(),
                SYNC_INTERVAL_MS, syncIntervalMs, COMPRESSION, compression, FORMAT, format, CACHE_SIZE, cacheSize));
    }
}
