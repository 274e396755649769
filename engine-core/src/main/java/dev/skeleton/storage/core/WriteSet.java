package dev.skeleton.storage.core;

import java.util.ArrayList;
import java.util.List;

/**
 * A transaction's buffered writes: keys set to a value or deleted, in key order.
 *
 * <p>It is itself a {@link CopyOnWriteTree}, with deletes stored as the {@link #TOMBSTONE} marker,
 * so that an iteration can take a free snapshot of it and then run the caller's visitor with no
 * lock held, while the visitor writes to the same transaction. Not thread-safe: its transaction
 * guards it.
 */
public final class WriteSet {

    /** The value that marks a deleted key; compared by identity, never stored in a store. */
    public static final byte[] TOMBSTONE = new byte[0];

    private CopyOnWriteTree<byte[]> writes = CopyOnWriteTree.empty(v -> v.length);

    /**
     * Buffers a set.
     *
     * @param key   the key; not copied
     * @param value the value; not copied
     */
    public void put(byte[] key, byte[] value) {
        writes = writes.put(key, value);
    }

    /**
     * Buffers a delete.
     *
     * @param key the key; not copied
     */
    public void delete(byte[] key) {
        writes = writes.put(key, TOMBSTONE);
    }

    /**
     * What this transaction wrote for a key.
     *
     * @param key the key
     * @return null if not written, {@link #TOMBSTONE} if deleted, else the value
     */
    public byte[] lookup(byte[] key) {
        return writes.get(key);
    }

    /**
     * Whether the transaction wrote (set or deleted) a key.
     *
     * @param key the key
     * @return true if written
     */
    public boolean contains(byte[] key) {
        return writes.containsKey(key);
    }

    /**
     * Whether nothing was written.
     *
     * @return true if empty
     */
    public boolean isEmpty() {
        return writes.size() == 0;
    }

    /**
     * The writes as they are now; later writes do not change the snapshot.
     *
     * @return an immutable tree of values and tombstones
     */
    public CopyOnWriteTree<byte[]> snapshot() {
        return writes;
    }

    /**
     * Applies the writes to a tree, in one batch.
     *
     * @param base the tree to change
     * @return the changed tree; {@code base} is unchanged
     */
    public CopyOnWriteTree<byte[]> applyTo(CopyOnWriteTree<byte[]> base) {
        Editor<byte[]> editor = base.edit();
        TreeCursor<byte[]> cursor = writes.cursor(null, null, true);
        while (cursor.next()) {
            if (cursor.value() == TOMBSTONE) {
                editor.remove(cursor.key());
            } else {
                editor.put(cursor.key(), cursor.value());
            }
        }
        return editor.build();
    }

    /**
     * The keys that applying the writes to {@code base} changes: every key set (even to the value it
     * had) and every key deleted that {@code base} holds. Deleting an absent key changes nothing.
     *
     * @param base the tree the writes are applied to
     * @return the keys in order (not copies)
     */
    public List<byte[]> changedKeys(CopyOnWriteTree<byte[]> base) {
        List<byte[]> keys = new ArrayList<>(writes.size());
        TreeCursor<byte[]> cursor = writes.cursor(null, null, true);
        while (cursor.next()) {
            if (cursor.value() != TOMBSTONE || base.containsKey(cursor.key())) {
                keys.add(cursor.key());
            }
        }
        return keys;
    }
}
