package dev.skeleton.storage.core;

/**
 * A walk over the entries of one {@link CopyOnWriteTree} in a key range, in ascending or
 * descending unsigned key order. Obtained from {@link CopyOnWriteTree#cursor}.
 *
 * <p>The cursor walks the tree it came from, which never changes: later changes, which make new
 * trees, are not seen. It starts before the first entry: call {@link #next()} first. Keys and
 * values are the arrays stored in the tree, not copies; callers copy them at the API boundary.
 * A cursor is not thread-safe, but any number of cursors may walk one tree from any threads.
 *
 * @param <V> the value type
 */
public interface TreeCursor<V> {

    /**
     * Moves to the first entry (on the first call) or the next one.
     *
     * @return true if there is a current entry; false once the range is exhausted, and ever after
     */
    boolean next();

    /**
     * The key of the current entry.
     *
     * @return the stored key array (not a copy)
     * @throws IllegalStateException if {@link #next()} has not returned true, or has returned false
     */
    byte[] key();

    /**
     * The value of the current entry.
     *
     * @return the stored value
     * @throws IllegalStateException if {@link #next()} has not returned true, or has returned false
     */
    V value();
}
