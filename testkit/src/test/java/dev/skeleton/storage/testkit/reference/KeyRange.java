package dev.skeleton.storage.testkit.reference;

import java.util.Comparator;

/**
 * A half-open key range {@code [start, end)} as {@code iterateRange} takes it: a null or empty bound
 * is unbounded. Transactions remember the ranges they read as these.
 *
 * @param start lowest key, inclusive; null when unbounded
 * @param end   key where the range ends, exclusive; null when unbounded
 */
record KeyRange(byte[] start, byte[] end) {

    /** The range of every key. */
    static final KeyRange EVERYTHING = new KeyRange(null, null);

    /** Normalizes empty bounds to null and copies the bounds, so callers may reuse their arrays. */
    KeyRange {
        start = start == null || start.length == 0 ? null : start.clone();
        end = end == null || end.length == 0 ? null : end.clone();
    }

    boolean contains(byte[] key, Comparator<byte[]> order) {
        return (start == null || order.compare(key, start) >= 0) && (end == null || order.compare(key, end) < 0);
    }
}
