package dev.skeleton.storage;

/**
 * How long the operations of one kind took, as seen by the caller of a store's handle: from the
 * call to its return, whether it succeeded or failed.
 *
 * <p>All durations are in nanoseconds (kept to about three significant digits). The percentiles
 * may be taken from a sample of the operations rather than from every one, so that measuring stays
 * cheap enough to be always on (the multistore says how it samples); {@code samples} says how many
 * durations the figures rest on.
 *
 * <p>Added in version 1.1 of this package.
 *
 * @param samples   the number of durations recorded
 * @param p50Nanos  the median
 * @param p90Nanos  the 90th percentile
 * @param p99Nanos  the 99th percentile
 * @param p999Nanos the 99.9th percentile
 * @param maxNanos  the longest recorded
 */
public record LatencyPercentiles(long samples, long p50Nanos, long p90Nanos, long p99Nanos, long p999Nanos,
                                 long maxNanos) {

    /** No operation recorded yet. */
    public static final LatencyPercentiles NONE = new LatencyPercentiles(0, 0, 0, 0, 0, 0);

    /**
     * Validates.
     *
     * @throws StorageException {@link ErrorCode#INVALID_ARGUMENT} if a figure is negative or the
     *         percentiles are not in order
     */
    public LatencyPercentiles {
        if (samples < 0 || p50Nanos < 0 || p90Nanos < p50Nanos || p99Nanos < p90Nanos || p999Nanos < p99Nanos
                || maxNanos < p999Nanos) {
            throw new StorageException(ErrorCode.INVALID_ARGUMENT, "latency percentiles must be non-negative and in"
                    + " order: " + samples + " samples, " + p50Nanos + "/" + p90Nanos + "/" + p99Nanos + "/"
                    + p999Nanos + "/" + maxNanos + " ns");
        }
    }
}
