package dev.skeleton.storage.core;

import java.util.Arrays;

/**
 * The {@link TreeCursor} of a half-open key range {@code [start, end)}, in either direction: a
 * {@link TreePath} positioned lazily on the first {@link #next()} at the range's first entry in
 * walking order, and stopped at the first entry beyond the far bound.
 *
 * @param <V> the value type
 */
final class RangeCursor<V> implements TreeCursor<V> {

    private final TreePath path;
    /** The inclusive lower bound, or null for none. */
    private final byte[] start;
    /** The exclusive upper bound, or null for none. */
    private final byte[] end;
    private final boolean ascending;
    private boolean started;
    private boolean onEntry;
    private boolean finished;

    /**
     * @param start inclusive lower bound; null or empty for none
     * @param end   exclusive upper bound; null or empty for none
     */
    RangeCursor(Node root, byte[] start, byte[] end, boolean ascending) {
        this.path = new TreePath(root);
        this.start = isUnbounded(start) ? null : start;
        this.end = isUnbounded(end) ? null : end;
        this.ascending = ascending;
        this.finished = this.start != null && this.end != null
                && Arrays.compareUnsigned(this.start, this.end) >= 0;
    }

    private static boolean isUnbounded(byte[] bound) {
        return bound == null || bound.length == 0;
    }

    @Override
    public boolean next() {
        if (finished) {
            onEntry = false;
            return false;
        }
        move();
        onEntry = !path.isExhausted() && isWithinFarBound(path.key());
        finished = !onEntry;
        return onEntry;
    }

    private void move() {
        if (started) {
            stepForward();
            return;
        }
        started = true;
        seekFirstInRange();
    }

    private void stepForward() {
        if (ascending) {
            path.next();
        } else {
            path.previous();
        }
    }

    private void seekFirstInRange() {
        if (ascending) {
            if (start == null) {
                path.seekFirst();
            } else {
                path.seekAtLeast(start);
            }
        } else if (end == null) {
            path.seekLast();
        } else {
            path.seekBelow(end);
        }
    }

    private boolean isWithinFarBound(byte[] key) {
        if (ascending) {
            return end == null || Arrays.compareUnsigned(key, end) < 0;
        }
        return start == null || Arrays.compareUnsigned(key, start) >= 0;
    }

    @Override
    public byte[] key() {
        requireEntry();
        return path.key();
    }

    @Override
    @SuppressWarnings("unchecked")
    public V value() {
        requireEntry();
        return (V) path.value();
    }

    private void requireEntry() {
        if (!onEntry) {
            throw new IllegalStateException(started
                    ? "the cursor is past its last entry" : "call next() before reading the cursor");
        }
    }
}
