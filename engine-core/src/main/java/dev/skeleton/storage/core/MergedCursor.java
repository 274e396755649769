package dev.skeleton.storage.core;

import java.util.Arrays;

/**
 * A transaction's view of a range: the snapshot it began on with its own writes laid over it.
 *
 * <p>Walks two cursors of the same range and direction in step, like the merge of a merge sort:
 * where both have a key, the write wins; the write set's tombstone hides the key.
 *
 * @param <V> the value type
 */
public final class MergedCursor<V> implements TreeCursor<V> {
    private final TreeCursor<V> base;
    private final TreeCursor<V> writes;
    private final V tombstone;
    private final boolean ascending;
    private boolean baseValid;
    private boolean writesValid;
    private boolean started;
    private byte[] key;
    private V value;

    /**
     * Merges two cursors over the same range and in the same direction.
     *
     * @param base      the snapshot's cursor
     * @param writes    the write set's cursor (values or tombstones)
     * @param tombstone the write set's marker of a deleted key ({@link WriteSet#tombstone()})
     * @param ascending the direction of both
     */
    public MergedCursor(TreeCursor<V> base, TreeCursor<V> writes, V tombstone, boolean ascending) {
        this.base = base;
        this.writes = writes;
        this.tombstone = tombstone;
        this.ascending = ascending;
    }

    @Override
    public boolean next() {
        if (!started) {
            started = true;
            baseValid = base.next();
            writesValid = writes.next();
        }
        while (baseValid || writesValid) {
            if (stepOnce()) {
                return true;
            }
        }
        key = null;
        value = null;
        return false;
    }

    /** Takes the next key of the merge; true if it is visible (not a tombstone). */
    private boolean stepOnce() {
        int order = compareHeads();
        if (order < 0) {
            key = base.key();
            value = base.value();
            baseValid = base.next();
            return true;
        }
        key = writes.key();
        value = writes.value();
        if (order == 0) {
            baseValid = base.next();
        }
        writesValid = writes.next();
        return value != tombstone;
    }

    /** Negative when the base comes first in walking order, 0 on the same key, else positive. */
    private int compareHeads() {
        if (!writesValid) {
            return -1;
        }
        if (!baseValid) {
            return 1;
        }
        int order = Arrays.compareUnsigned(base.key(), writes.key());
        return ascending ? order : -order;
    }

    @Override
    public byte[] key() {
        return key;
    }

    @Override
    public V value() {
        return value;
    }
}
