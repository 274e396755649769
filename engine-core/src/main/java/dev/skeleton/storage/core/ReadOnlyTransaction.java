package dev.skeleton.storage.core;

import dev.skeleton.storage.ContentHashReader;

/**
 * A read-only transaction of a store whose data is a {@link CopyOnWriteTree}, which also tells the
 * content hash of its snapshot ({@link ContentHashReader}) without reading its entries: everything
 * else is the shared {@link OptimisticTransaction}'s.
 *
 * <p>The hash of a saved version's tree is known from its save and given at construction; that of
 * a snapshot of the working data is asked of the store ({@link SnapshotHasher}) the first time it
 * is wanted, and kept: the snapshot never changes. The store computes it from the tree it last
 * hashed, by the trees' diff, outside its lock.
 *
 * <h2>Lock model</h2>
 * As {@link OptimisticTransaction}, whose monitor this class never takes: the hash may take a while
 * to compute and must not hold up the transaction's other operations. Two threads asking at once
 * may both compute it, and get the same answer; the field that keeps it is volatile.
 *
 * @param <V> the store's value type
 */
public final class ReadOnlyTransaction<V> extends OptimisticTransaction<V> implements ContentHashReader {

    private final SnapshotHasher<V> hasher;
    /** The snapshot's hash once known; never changes after. */
    private volatile byte[] hash;

    /**
     * A read-only transaction that has begun; the store registered it already.
     *
     * @param store     its store
     * @param snapshot  the tree it reads, which never changes
     * @param hasher    how the store computes the snapshot's hash
     * @param knownHash the snapshot's hash when the store knows it already (a saved version's),
     *                  else null
     */
    public ReadOnlyTransaction(TransactionHost<V> store, CopyOnWriteTree<V> snapshot, SnapshotHasher<V> hasher,
            byte[] knownHash) {
        super(store, snapshot, 0, true);
        this.hasher = hasher;
        this.hash = knownHash == null ? null : knownHash.clone();
    }

    /**
     * {@inheritDoc}
     *
     * <p>Computed once, by the store, from the tree it last hashed; later calls answer the same.
     */
    @Override
    public byte[] contentHash() {
        ensureUsable();
        byte[] known = hash;
        if (known == null) {
            known = computed();
            hash = known;
        }
        return known.clone();
    }

    private byte[] computed() {
        try {
            return hasher.hashOf(snapshot());
        } catch (RuntimeException e) {
            // The store closed, or this transaction ended, while its pages were read: that is the
            // failure to report, not how the read failed.
            ensureUsable();
            throw e;
        }
    }
}
