package dev.skeleton.storage.core;

import dev.skeleton.storage.StorageException;

/**
 * What an {@link OptimisticTransaction} needs from the store it belongs to: the store's identity
 * and state, how its values are handed out and buffered, and the validation and application of a
 * commit. Each engine's store implements it.
 *
 * @param <V> the store's value type
 */
public interface TransactionHost<V> {

    /**
     * The store's name.
     *
     * @return the name
     */
    String name();

    /**
     * The store's path.
     *
     * @return the path
     */
    String path();

    /**
     * Fails if the store is closed.
     *
     * @throws StorageException {@code STORE_CLOSED}
     */
    void ensureOpen();

    /**
     * A stored value as a new array that the caller owns (a copy, or a value read from disk).
     *
     * @param value a value of the snapshot or the write set, never a tombstone
     * @return the bytes
     */
    byte[] copyOut(V value);

    /**
     * A new, empty write set for a read-write transaction.
     *
     * @return the write set
     */
    WriteSet<V> newWriteSet();

    /**
     * The write-set value of bytes that a transaction was given and has already copied.
     *
     * @param ownValue the transaction's own copy
     * @return the value to buffer
     */
    V buffered(byte[] ownValue);

    /**
     * Validates a read-write transaction and applies its writes atomically. {@link #end} follows
     * whatever happens.
     *
     * @param beginSeq the store's sequence number at the begin
     * @param reads    what the transaction read
     * @param writes   what it wrote
     * @throws StorageException {@code TX_CONFLICT}, {@code STORE_CLOSED} or an engine's own failure
     */
    void commit(long beginSeq, ReadSet reads, WriteSet<V> writes);

    /**
     * A transaction ended: committed, rolled back or closed. Called exactly once per transaction.
     *
     * @param beginSeq the store's sequence number at the begin (0 for a read-only transaction)
     * @param readOnly whether it was read-only
     */
    void end(long beginSeq, boolean readOnly);
}
