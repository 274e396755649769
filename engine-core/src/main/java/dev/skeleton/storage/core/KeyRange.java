package dev.skeleton.storage.core;

import java.util.Arrays;

/**
 * A half-open key range {@code [start, end)} in unsigned byte order; a null bound is unbounded.
 *
 * @param start lowest key in the range, or null for no lower bound
 * @param end   first key past the range, or null for no upper bound
 */
public record KeyRange(byte[] start, byte[] end) {

    /**
     * The range of a range query's arguments: empty bounds mean unbounded (as in
     * {@link dev.skeleton.storage.RangeQueryable}); bounds are copied, so a caller changing its
     * arrays later changes nothing.
     *
     * @param start null or empty: unbounded below
     * @param end   null or empty: unbounded above
     * @return the range
     */
    public static KeyRange of(byte[] start, byte[] end) {
        return new KeyRange(start == null || start.length == 0 ? null : start.clone(),
                end == null || end.length == 0 ? null : end.clone());
    }

    /**
     * Whether a key lies in the range.
     *
     * @param key the key
     * @return true if {@code start <= key < end}
     */
    public boolean contains(byte[] key) {
        return (start == null || Arrays.compareUnsigned(start, key) <= 0)
                && (end == null || Arrays.compareUnsigned(key, end) < 0);
    }

    /**
     * The smallest key greater than {@code key}: the key with a zero byte appended.
     *
     * @param key a key
     * @return its successor in unsigned byte order
     */
    public static byte[] successor(byte[] key) {
        return Arrays.copyOf(key, key.length + 1);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof KeyRange other && Arrays.equals(start, other.start) && Arrays.equals(end, other.end);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(start) + Arrays.hashCode(end);
    }

    @Override
    public String toString() {
        return "[" + (start == null ? "-inf" : Keys.describe(start)) + ", "
                + (end == null ? "+inf" : Keys.describe(end)) + ")";
    }
}
