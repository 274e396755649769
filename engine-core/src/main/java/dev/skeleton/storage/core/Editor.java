package dev.skeleton.storage.core;

import java.util.Arrays;
import java.util.TreeMap;

/**
 * A batch of changes to one {@link CopyOnWriteTree} (for instance the writes of a transaction
 * being committed), applied together by {@link #build()}. Obtained from
 * {@link CopyOnWriteTree#edit()}.
 *
 * <p>The editor records the changes, the last one per key winning, and {@link #build()} applies
 * them in key order in a single pass over the tree, so that each node the batch touches is copied
 * exactly once however many of its entries change, where a chain of {@code put} calls would copy
 * the path to a leaf once per entry. The source tree is never changed. After {@code build()} the
 * editor is spent: every further call throws {@link IllegalStateException}.
 *
 * <p>Not thread-safe: an editor belongs to the thread that fills it. Keys and values are kept as
 * given, not copied.
 *
 * @param <V> the value type
 */
public final class Editor<V> {

    private final CopyOnWriteTree<V> source;
    private final TreeMap<byte[], Object> changes = new TreeMap<>(Arrays::compareUnsigned);
    private boolean built;

    Editor(CopyOnWriteTree<V> source) {
        this.source = source;
    }

    /**
     * Records that {@code key} maps to {@code value} in the tree to build.
     *
     * @param key   the key, not null
     * @param value the value, not null
     * @throws IllegalStateException if {@link #build()} has run
     */
    public void put(byte[] key, V value) {
        requireOpen();
        changes.put(key, value);
    }

    /**
     * Records that {@code key} is absent from the tree to build (whether or not the source holds
     * it).
     *
     * @param key the key, not null
     * @throws IllegalStateException if {@link #build()} has run
     */
    public void remove(byte[] key) {
        requireOpen();
        changes.put(key, Batch.REMOVED);
    }

    /**
     * Applies the recorded changes to the source tree and ends the editor.
     *
     * @return the new tree; the source itself if no change had an effect
     * @throws IllegalStateException if {@link #build()} has run already
     */
    public CopyOnWriteTree<V> build() {
        requireOpen();
        built = true;
        if (changes.isEmpty()) {
            return source;
        }
        return source.apply(Batch.of(changes));
    }

    private void requireOpen() {
        if (built) {
            throw new IllegalStateException("the editor has been built; start a new one with edit()");
        }
    }
}
