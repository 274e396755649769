package dev.skeleton.storage;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a named store of a {@link MultiStore} has done since its handle was made, and what its
 * engine tells about it now ({@link MultiStore#storeStats}).
 *
 * <p>The handle owns the counts: they go on across its engine leaving and coming back and across
 * a move to another engine, and start again from zero only for a store deleted and made anew (or
 * a multistore opened anew). Counts are exact: every operation that returned is counted once,
 * whichever thread made it.
 *
 * <p>The record is immutable: its maps are copied on the way in, in their iteration order.
 *
 * <p>Added in version 1.1 of this package.
 *
 * @param name          the store's name
 * @param engine        the store's engine
 * @param available     whether the store can be used now (its engine is present and it is open)
 * @param operations    operations that returned normally, by kind (the names below), then
 *                      {@value #FAILED}: calls that threw, whatever their kind
 * @param bytesRead     bytes of keys and values handed to callers (by {@code get}, iterations and
 *                      transactions' reads)
 * @param bytesWritten  bytes of keys and values written ({@code set}, {@code delete} and the
 *                      writes of committed transactions)
 * @param latencies     how long operations took, by group: {@value #READS} ({@code get}, {@code
 *                      has}), {@value #WRITES} ({@code set}, {@code delete}) and {@value #COMMITS}
 *                      (transaction commits)
 * @param versions      the number of saved versions; -1 if the store has no versioning or is not
 *                      available
 * @param engineMetrics what the engine reports through {@link MetricsSource}; empty if it reports
 *                      nothing or the store is not available
 */
public record StoreStats(String name, String engine, boolean available, Map<String, Long> operations,
                         long bytesRead, long bytesWritten, Map<String, LatencyPercentiles> latencies,
                         long versions, Map<String, Number> engineMetrics) {

    /** {@code get} calls. */
    public static final String GET = "get";
    /** {@code has} calls. */
    public static final String HAS = "has";
    /** {@code set} calls. */
    public static final String SET = "set";
    /** {@code delete} calls. */
    public static final String DELETE = "delete";
    /** Whole or ranged iterations of the store (not of a transaction). */
    public static final String ITERATE = "iterate";
    /** Transactions begun, read-write or read-only (also those of {@code readVersion}). */
    public static final String BEGIN = "begin";
    /** Transactions committed. */
    public static final String COMMIT = "commit";
    /**
     * Transactions that ended without being committed: rolled back or closed by the caller, or
     * refused at commit (a conflict counts here too). Transactions ended by their engine leaving
     * or their store closing are not counted.
     */
    public static final String ROLLBACK = "rollback";
    /** Commits refused with {@link ErrorCode#TX_CONFLICT}. */
    public static final String CONFLICT = "conflict";
    /** Versions saved. */
    public static final String SAVE_VERSION = "save_version";
    /** Versions loaded. */
    public static final String LOAD_VERSION = "load_version";
    /** Calls that threw a {@link StorageException} (of any kind, conflicts included). */
    public static final String FAILED = "failed";

    /** The latency group of {@code get} and {@code has}. */
    public static final String READS = "reads";
    /** The latency group of {@code set} and {@code delete}. */
    public static final String WRITES = "writes";
    /** The latency group of transaction commits. */
    public static final String COMMITS = "commits";

    /**
     * Validates and copies.
     *
     * @throws StorageException {@link ErrorCode#INVALID_ARGUMENT} if the name, the engine or a map
     *         is null, or a map holds a null key or value
     */
    public StoreStats {
        if (name == null || engine == null) {
            throw new StorageException(ErrorCode.INVALID_ARGUMENT, "store stats need a store name and an engine");
        }
        operations = copy(operations, "operations");
        latencies = copy(latencies, "latencies");
        engineMetrics = copy(engineMetrics, "engineMetrics");
    }

    /**
     * How many operations of a kind returned normally.
     *
     * @param kind one of the kinds named above, or {@value #FAILED}
     * @return the count; 0 for a kind not counted
     */
    public long count(String kind) {
        return operations.getOrDefault(kind, 0L);
    }

    /**
     * How long the operations of a group took.
     *
     * @param group {@value #READS}, {@value #WRITES} or {@value #COMMITS}
     * @return the percentiles; {@link LatencyPercentiles#NONE} for a group with nothing recorded
     */
    public LatencyPercentiles latency(String group) {
        return latencies.getOrDefault(group, LatencyPercentiles.NONE);
    }

    private static <V> Map<String, V> copy(Map<String, V> map, String what) {
        if (map == null) {
            throw new StorageException(ErrorCode.INVALID_ARGUMENT, "store stats " + what + " must not be null");
        }
        Map<String, V> copy = new LinkedHashMap<>();
        map.forEach((key, value) -> {
            if (key == null || value == null) {
                throw new StorageException(ErrorCode.INVALID_ARGUMENT, "store stats " + what
                        + " must not hold a null name or value");
            }
            copy.put(key, value);
        });
        return Collections.unmodifiableMap(copy);
    }
}
