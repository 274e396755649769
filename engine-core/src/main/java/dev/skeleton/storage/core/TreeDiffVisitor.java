package dev.skeleton.storage.core;

/**
 * Receives the differences between two trees from {@link CopyOnWriteTree#diff}, in ascending
 * unsigned key order. Keys and values are the stored arrays, not copies.
 *
 * @param <V> the value type
 */
public interface TreeDiffVisitor<V> {

    /**
     * A key present only in the newer tree.
     *
     * @param key   the key
     * @param value its value in the newer tree
     */
    void added(byte[] key, V value);

    /**
     * A key present only in the older tree.
     *
     * @param key   the key
     * @param value its value in the older tree
     */
    void removed(byte[] key, V value);

    /**
     * A key present in both trees with different values (compared by reference).
     *
     * @param key      the key
     * @param oldValue its value in the older tree
     * @param newValue its value in the newer tree
     */
    void changed(byte[] key, V oldValue, V newValue);
}
