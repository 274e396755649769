package dev.skeleton.storage.file;

import dev.skeleton.storage.MetricsSource;
import dev.skeleton.storage.core.PageSource;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The metrics of an open file store, by name, as {@link FileStore#metrics()} reports them (its
 * class comment says what each means). Everything here reads figures that the log, the
 * checkpoints and the page cache keep anyway; the one query beyond that is the listing of the
 * store's directory for {@value MetricsSource#DISK_BYTES}. If the directory cannot be listed (it
 * was removed under the open store), that name is left out rather than reported wrong.
 *
 * <p>Stateless; the figures it reads are thread-safe, so it may run on any thread, concurrently
 * with the store's operations.
 */
final class FileStoreMetrics {

    static final String FSYNCS = "fsyncs";
    static final String LOG_APPENDS = "log_appends";
    static final String WRITES_PER_FSYNC = "writes_per_fsync";
    static final String LOG_BYTES = "log_bytes";
    static final String FSYNC_MICROS_RECENT = "fsync_micros_recent";
    static final String CHECKPOINTS = "checkpoints";
    static final String CHECKPOINT_BYTES = "checkpoint_bytes";
    static final String CHECKPOINT_MILLIS_LAST = "checkpoint_millis_last";
    static final String CHECKPOINT_AGE_MILLIS = "checkpoint_age_millis";
    static final String COMPACTIONS = "compactions";
    static final String COMPACTION_MILLIS_LAST = "compaction_millis_last";
    static final String CACHE_HITS = "cache_hits";
    static final String CACHE_MISSES = "cache_misses";
    static final String CACHE_HIT_RATIO = "cache_hit_ratio";

    private static final System.Logger LOGGER = new DeferredLogger("dev.skeleton.storage.file");

    private FileStoreMetrics() {
    }

    /**
     * The metrics of a store now.
     *
     * @param storeName   the store's name, for the log
     * @param entries     the entries of its current data
     * @param files       its files
     * @param log         its log
     * @param checkpoints what its checkpoints and compactions did
     * @param cache       its page cache
     * @return a new map, in the order of the class comment of {@link FileStore}
     */
    static Map<String, Number> of(String storeName, long entries, StoreFiles files, LogWriter log,
            CheckpointStats checkpoints, PageSource cache) {
        Map<String, Number> metrics = new LinkedHashMap<>();
        metrics.put(MetricsSource.ENTRIES, entries);
        putDiskBytes(metrics, storeName, files);
        putLog(metrics, log);
        putCheckpoints(metrics, checkpoints);
        putCache(metrics, cache);
        return metrics;
    }

    private static void putDiskBytes(Map<String, Number> metrics, String storeName, StoreFiles files) {
        try {
            metrics.put(MetricsSource.DISK_BYTES, files.diskBytes());
        } catch (IOException e) {
            // Only DEBUG: metrics are read often, and the store's own operations report the failure.
            LOGGER.log(Level.DEBUG, () -> "store " + storeName + ": " + MetricsSource.DISK_BYTES + " left out, the"
                    + " directory " + files.directory() + " cannot be listed: " + e);
        }
    }

    private static void putLog(Map<String, Number> metrics, LogWriter log) {
        long appends = log.appends();
        long fsyncs = log.segmentForces().count();
        metrics.put(FSYNCS, fsyncs);
        metrics.put(LOG_APPENDS, appends);
        metrics.put(WRITES_PER_FSYNC, fsyncs == 0 ? 0.0 : (double) appends / fsyncs);
        metrics.put(LOG_BYTES, log.bytesAppended());
        metrics.put(FSYNC_MICROS_RECENT, log.segmentForces().averageMicros());
    }

    private static void putCheckpoints(Map<String, Number> metrics, CheckpointStats checkpoints) {
        metrics.put(CHECKPOINTS, checkpoints.checkpoints());
        metrics.put(CHECKPOINT_BYTES, checkpoints.checkpointBytes());
        metrics.put(CHECKPOINT_MILLIS_LAST, checkpoints.lastCheckpointMillis());
        metrics.put(CHECKPOINT_AGE_MILLIS, checkpoints.checkpointAgeMillis(System.nanoTime()));
        metrics.put(COMPACTIONS, checkpoints.compactions());
        metrics.put(COMPACTION_MILLIS_LAST, checkpoints.lastCompactionMillis());
    }

    private static void putCache(Map<String, Number> metrics, PageSource cache) {
        long hits = cache.hits();
        long misses = cache.misses();
        metrics.put(CACHE_HITS, hits);
        metrics.put(CACHE_MISSES, misses);
        metrics.put(CACHE_HIT_RATIO, hits + misses == 0 ? 0.0 : (double) hits / (hits + misses));
    }
}
