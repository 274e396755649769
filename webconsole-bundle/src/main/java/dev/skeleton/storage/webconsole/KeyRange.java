package dev.skeleton.storage.webconsole;

import java.util.Arrays;

/**
 * The keys the key browser asks for, as one half-open range {@code [start, end)} in the stores'
 * order (unsigned lexicographic bytes), the form {@code RangeQueryable.iterateRange} takes.
 *
 * <p>The browser's prefix, start, end and page cursor all narrow the same range:
 * <ul>
 *   <li>a prefix {@code p} is the range {@code [p, p')} where {@code p'} is the smallest byte string
 *       greater than every key that starts with {@code p}: {@code p} with its last byte below
 *       {@code 0xff} incremented and what follows dropped (no upper bound if every byte is
 *       {@code 0xff});</li>
 *   <li>a page that starts after key {@code k} starts at {@code k + 0x00}, the smallest key greater
 *       than {@code k}.</li>
 * </ul>
 * Combining takes the greater start and the smaller end. Null stands for "unbounded" on either
 * side. Immutable: arrays are copied on the way in and out.
 *
 * @param start the least key in the range; null: unbounded below
 * @param end   the first key above the range; null: unbounded above
 */
record KeyRange(byte[] start, byte[] end) {

    /** Every key. */
    static final KeyRange ALL = new KeyRange(null, null);

    /**
     * Copies.
     */
    KeyRange {
        start = start == null ? null : start.clone();
        end = end == null ? null : end.clone();
    }

    /**
     * The range the browser's fields describe; an empty array means "not given".
     *
     * @param prefix keys that start with this
     * @param start  keys from this one on
     * @param end    keys below this one
     * @return the range of keys that satisfy all three
     */
    static KeyRange of(byte[] prefix, byte[] start, byte[] end) {
        KeyRange range = new KeyRange(start.length == 0 ? null : start, end.length == 0 ? null : end);
        return prefix.length == 0 ? range : range.narrow(prefix, successorOfPrefix(prefix));
    }

    /**
     * The part of this range after a key (the next page of the browser).
     *
     * @param key the last key shown
     * @return the keys of this range greater than {@code key}
     */
    KeyRange after(byte[] key) {
        return narrow(Arrays.copyOf(key, key.length + 1), null);
    }

    /**
     * Whether no key can be in this range.
     *
     * @return true if both bounds are given and the start is not below the end
     */
    boolean isEmpty() {
        return start != null && end != null && Arrays.compareUnsigned(start, end) >= 0;
    }

    /**
     * Whether the key lies below this range's start.
     *
     * @param key a key
     * @return true if it comes before every key of the range
     */
    boolean isBelow(byte[] key) {
        return start != null && Arrays.compareUnsigned(key, start) < 0;
    }

    /**
     * Whether the key lies at or above this range's end.
     *
     * @param key a key
     * @return true if it comes after every key of the range
     */
    boolean isAbove(byte[] key) {
        return end != null && Arrays.compareUnsigned(key, end) >= 0;
    }

    @Override
    public byte[] start() {
        return start == null ? null : start.clone();
    }

    @Override
    public byte[] end() {
        return end == null ? null : end.clone();
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
        return "[" + (start == null ? "-" : ByteText.hex(start)) + ", " + (end == null ? "-" : ByteText.hex(end)) + ")";
    }

    /** This range cut to {@code [otherStart, otherEnd)} as well. */
    private KeyRange narrow(byte[] otherStart, byte[] otherEnd) {
        return new KeyRange(greater(start, otherStart), smaller(end, otherEnd));
    }

    /** The smallest byte string above every string that starts with the prefix; null if none. */
    static byte[] successorOfPrefix(byte[] prefix) {
        for (int i = prefix.length - 1; i >= 0; i--) {
            if (prefix[i] != (byte) 0xff) {
                byte[] successor = Arrays.copyOf(prefix, i + 1);
                successor[i]++;
                return successor;
            }
        }
        return null;
    }

    /** The greater of two lower bounds, null being unbounded (the least). */
    private static byte[] greater(byte[] a, byte[] b) {
        if (a == null) {
            return b;
        }
        return b == null || Arrays.compareUnsigned(a, b) >= 0 ? a : b;
    }

    /** The smaller of two upper bounds, null being unbounded (the greatest). */
    private static byte[] smaller(byte[] a, byte[] b) {
        if (a == null) {
            return b;
        }
        return b == null || Arrays.compareUnsigned(a, b) <= 0 ? a : b;
    }
}
