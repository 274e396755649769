package dev.skeleton.storage.core;

/**
 * How a {@link ReadOnlyTransaction} learns the content hash of its snapshot from its store: a
 * {@link TreeStore} brings the hash it keeps to the snapshot by the trees' diff
 * ({@link TreeStore#contentHashOf}). Called with no lock held, from any thread.
 *
 * @param <V> the store's value type
 */
@FunctionalInterface
public interface SnapshotHasher<V> {

    /**
     * The content hash of a tree the store handed out.
     *
     * @param snapshot the tree, which never changes
     * @return its 32-byte hash, which the caller owns
     * @throws dev.skeleton.storage.StorageException {@code STORE_CLOSED} if the store is closed, or
     *         an engine's failure to read the tree
     */
    byte[] hashOf(CopyOnWriteTree<V> snapshot);
}
