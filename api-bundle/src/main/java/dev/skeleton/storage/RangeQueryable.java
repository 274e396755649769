package dev.skeleton.storage;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * The range-query capability of a {@link Store} (and of a {@link Transaction} of such a store, over
 * its merged view): implemented by every store of an engine whose
 * {@link Capabilities#rangeQueries()} is true.
 *
 * <p>Ranges are half-open, {@code [start, end)}, in unsigned lexicographic byte order. The same
 * snapshot and visitor rules as {@link Store#iterate(KeyValueVisitor)} apply; the same thread-safety
 * guarantees as the store's.
 */
@ConsumerType
public interface RangeQueryable {

    /**
     * Visits the entries with {@code start <= key < end} of a point-in-time snapshot, until the
     * visitor returns false.
     *
     * @param start     lowest key visited, inclusive; null or empty: unbounded below
     * @param end       key where the range ends, exclusive; null or empty: unbounded above. If both
     *                  bounds are given and {@code start >= end}, nothing is visited.
     * @param ascending true to walk from the lowest key up; false to walk the same range from the
     *                  highest key down
     * @param visitor   receives copies of each key and value
     * @throws StorageException {@link ErrorCode#INVALID_ARGUMENT} if {@code visitor} is null;
     *         {@link ErrorCode#STORE_CLOSED} after close (and {@link ErrorCode#TX_NOT_ACTIVE} on an
     *         ended transaction)
     */
    void iterateRange(byte[] start, byte[] end, boolean ascending, KeyValueVisitor visitor);

    /**
     * Whether this store offers range queries; true for every store of an engine with the
     * range-query capability. Answers after close too.
     *
     * @return true if {@link #iterateRange} works
     */
    boolean supportsRangeQueries();
}
