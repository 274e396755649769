package dev.skeleton.storage.core;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * A transaction's buffered writes: keys set to a value or deleted, in key order.
 *
 * <p>It is itself a {@link CopyOnWriteTree}, with deletes stored as a tombstone marker (a value
 * compared by identity and never stored in a store), so that an iteration can take a free snapshot
 * of it and then run the caller's visitor with no lock held, while the visitor writes to the same
 * transaction. The value type is the engine's stored value type, so that a {@link MergedCursor} can
 * lay the writes over the engine's own tree. Not thread-safe: its transaction guards it.
 *
 * <p>Until a snapshot is handed out, nobody but the transaction sees the tree, so writes change in
 * place the nodes earlier writes made ({@link EditToken}): a transaction that writes many keys pays
 * for a leaf copy per write, not for a leaf and its path. {@link #snapshot()} retires the token
 * first, so that a snapshot never changes afterwards.
 *
 * <p>Writes that come in strictly ascending key order (an import, a bulk load in key order) are
 * not put into the tree one by one, which would copy the growing last leaf at every write: they are
 * appended to a {@link SortedTreeBuilder}, which makes each node once, and built into the tree the
 * first time anything reads the write set or a write comes out of order.
 *
 * @param <V> the value type
 */
public final class WriteSet<V> {

    /** The tombstone of {@link #ofBytes()}: compared by identity, never stored in a store. */
    public static final byte[] TOMBSTONE = new byte[0];

    private final V tombstone;
    private CopyOnWriteTree<V> writes;
    /** Owns the nodes made since the last {@link #snapshot()}; replaced by each snapshot. */
    private EditToken owner = new EditToken();
    /**
     * The writes while every one so far came in strictly ascending key order, not yet built into
     * {@link #writes} (which is empty meanwhile); null otherwise.
     */
    private SortedTreeBuilder<V> run;
    /** The last key of {@link #run}. */
    private byte[] runLast;

    /**
     * An empty write set.
     *
     * @param tombstone   the marker of a deleted key; compared by identity
     * @param valueWeight the weight of a value, as for {@link CopyOnWriteTree#empty}
     */
    public WriteSet(V tombstone, ToLongFunction<? super V> valueWeight) {
        this.tombstone = tombstone;
        this.writes = CopyOnWriteTree.empty(valueWeight);
    }

    /**
     * An empty write set of plain byte arrays, with {@link #TOMBSTONE} marking deletes.
     *
     * @return the write set
     */
    public static WriteSet<byte[]> ofBytes() {
        return new WriteSet<>(TOMBSTONE, value -> value.length);
    }

    /**
     * The marker of a deleted key.
     *
     * @return the tombstone, compared by identity
     */
    public V tombstone() {
        return tombstone;
    }

    /**
     * Buffers a set.
     *
     * @param key   the key; not copied
     * @param value the value; not copied
     */
    public void put(byte[] key, V value) {
        write(key, value);
    }

    /**
     * Buffers a delete.
     *
     * @param key the key; not copied
     */
    public void delete(byte[] key) {
        write(key, tombstone);
    }

    /**
     * Appends to the run while every write so far came in ascending key order, else writes into the
     * tree (built from the run first).
     */
    private void write(byte[] key, V value) {
        if (writes.isEmpty() && (run == null || Arrays.compareUnsigned(runLast, key) < 0)) {
            if (run == null) {
                run = writes.sortedBuilder();
            }
            run.add(key, value);
            runLast = key;
            return;
        }
        writes = settled().put(key, value, owner);
    }

    /** The writes as one tree: the run, if any, built into it first. */
    private CopyOnWriteTree<V> settled() {
        if (run != null) {
            writes = run.build();
            run = null;
            runLast = null;
        }
        return writes;
    }

    /**
     * What this transaction wrote for a key.
     *
     * @param key the key
     * @return null if not written, {@link #tombstone()} if deleted, else the value
     */
    public V lookup(byte[] key) {
        return settled().get(key);
    }

    /**
     * Whether the transaction wrote (set or deleted) a key.
     *
     * @param key the key
     * @return true if written
     */
    public boolean contains(byte[] key) {
        return settled().containsKey(key);
    }

    /**
     * Whether nothing was written.
     *
     * @return true if empty
     */
    public boolean isEmpty() {
        return run == null && writes.isEmpty();
    }

    /**
     * The writes as they are now; later writes do not change the snapshot.
     *
     * @return an immutable tree of values and tombstones
     */
    public CopyOnWriteTree<V> snapshot() {
        owner = new EditToken();
        return settled();
    }

    /**
     * Applies the writes to a tree, in one batch.
     *
     * @param base the tree to change
     * @return the changed tree; {@code base} is unchanged
     */
    public CopyOnWriteTree<V> applyTo(CopyOnWriteTree<V> base) {
        Editor<V> editor = base.edit();
        TreeCursor<V> cursor = settled().cursor(null, null, true);
        while (cursor.next()) {
            if (cursor.value() == tombstone) {
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
    public List<byte[]> changedKeys(CopyOnWriteTree<V> base) {
        List<byte[]> keys = new ArrayList<>(settled().size());
        TreeCursor<V> cursor = writes.cursor(null, null, true);
        while (cursor.next()) {
            if (cursor.value() != tombstone || base.containsKey(cursor.key())) {
                keys.add(cursor.key());
            }
        }
        return keys;
    }
}
