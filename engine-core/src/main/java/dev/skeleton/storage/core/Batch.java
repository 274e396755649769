package dev.skeleton.storage.core;

import java.util.Arrays;
import java.util.Map;
import java.util.SortedMap;

/**
 * Changes to apply to a tree in one pass: distinct keys in ascending unsigned order, each with the
 * value to store or {@link #REMOVED}. Immutable after construction.
 */
final class Batch {

    /** The change that removes a key; never a stored value. */
    static final Object REMOVED = new Object();

    private final byte[][] keys;
    private final long[] prefixes;
    private final Object[] changes;

    private Batch(byte[][] keys, Object[] changes) {
        this.keys = keys;
        this.changes = changes;
        this.prefixes = new long[keys.length];
        for (int i = 0; i < keys.length; i++) {
            prefixes[i] = KeyPrefix.of(keys[i]);
        }
    }

    /** A batch of one change: a value to store, or {@link #REMOVED}. */
    static Batch single(byte[] key, Object change) {
        return new Batch(new byte[][] {key}, new Object[] {change});
    }

    /** A batch from a map already sorted in unsigned key order. */
    static Batch of(SortedMap<byte[], Object> sortedChanges) {
        byte[][] keys = new byte[sortedChanges.size()][];
        Object[] changes = new Object[keys.length];
        int i = 0;
        for (Map.Entry<byte[], Object> change : sortedChanges.entrySet()) {
            keys[i] = change.getKey();
            changes[i] = change.getValue();
            i++;
        }
        return new Batch(keys, changes);
    }

    /**
     * A batch from keys already distinct and in ascending unsigned order, with their changes.
     *
     * @param keys    the keys; the array is kept
     * @param changes for each key, the value to store or {@link #REMOVED}; the array is kept
     */
    static Batch ofSorted(byte[][] keys, Object[] changes) {
        return new Batch(keys, changes);
    }

    int size() {
        return keys.length;
    }

    byte[] key(int index) {
        return keys[index];
    }

    long prefix(int index) {
        return prefixes[index];
    }

    /** The value to store at {@code key(index)}, or {@link #REMOVED}. */
    Object change(int index) {
        return changes[index];
    }

    /**
     * The first index in {@code [from, to)} whose key is at least {@code bound}, or {@code to} if
     * none is.
     */
    int firstAtLeast(int from, int to, byte[] bound, long boundPrefix) {
        int low = from;
        int high = to;
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (isBelow(middle, bound, boundPrefix)) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }

    private boolean isBelow(int index, byte[] bound, long boundPrefix) {
        if (prefixes[index] != boundPrefix) {
            return prefixes[index] < boundPrefix;
        }
        return Arrays.compareUnsigned(keys[index], bound) < 0;
    }
}
