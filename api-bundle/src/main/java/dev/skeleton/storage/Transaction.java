package dev.skeleton.storage;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A serializable, optimistic transaction over one store, begun by {@link Transactional#beginTx()}
 * or {@link Transactional#beginReadOnlyTx()}.
 *
 * <h2>Isolation</h2>
 * A transaction reads the snapshot taken when it began plus its own writes and deletes (it reads
 * its own deletes as absent); its iterations merge its writes into the snapshot in key order. Its
 * writes are invisible to everyone else until {@link #commit()}, which applies all of them
 * atomically: another reader sees all of them or none.
 *
 * <h2>Conflicts</h2>
 * {@code commit()} fails with {@link ErrorCode#TX_CONFLICT} &mdash; and the transaction ends,
 * rolled back &mdash; when, and only when, some key that the transaction read or wrote was changed
 * by another commit or by a direct write to the store after the transaction began. "Read" covers
 * every key returned by {@code get} or {@code has}, every key probed and found missing, and every key
 * in a range it iterated (a key inserted into such a range by someone else is a conflict too, even
 * if this transaction never saw it). A change is any committed {@code set} of the key, even one
 * that writes the value the key already had, and any committed {@code delete} of a key that was
 * present (deleting an absent key changes nothing). Read-only transactions never conflict.
 *
 * <h2>Life cycle</h2>
 * After {@code commit()} or {@link #rollback()}, {@link #isActive()} is false; every data operation,
 * {@code commit()} and {@code rollback()} throw {@link ErrorCode#TX_NOT_ACTIVE}, and
 * {@link #close()} does nothing. {@code close()} on an active transaction rolls it back, so
 * try-with-resources is the normal way to use one. When the store is closed, every operation of its
 * open transactions, {@code commit()} included, throws {@link ErrorCode#STORE_CLOSED}.
 *
 * <h2>Capabilities</h2>
 * A transaction of a store that is {@link RangeQueryable} is {@code RangeQueryable} too, over its
 * merged view. A transaction is not {@link Transactional} (no nesting) and not {@link Versioned}.
 * {@link #name()} and {@link #path()} answer those of its store.
 *
 * <h2>Thread safety</h2>
 * Every method may be called from any number of threads at once; operations on one transaction are
 * serialized against each other. Bad input is {@link ErrorCode#INVALID_ARGUMENT}, checked first.
 */
@ConsumerType
public interface Transaction extends Store {

    /**
     * Validates and applies the transaction's writes atomically, then ends it. A read-only
     * transaction, or one that wrote nothing, commits without effect on the store, but a read-write
     * transaction that read keys is still validated (serializability).
     *
     * @throws StorageException {@link ErrorCode#TX_CONFLICT} if a key it read or wrote was changed
     *         since it began (the transaction is then rolled back and inactive);
     *         {@link ErrorCode#TX_NOT_ACTIVE} if already ended; {@link ErrorCode#STORE_CLOSED} if
     *         the store was closed; {@link ErrorCode#STORE_FULL} if applying the writes would pass
     *         the store's size limit (rolled back, store unchanged)
     */
    void commit();

    /**
     * Discards the transaction's writes and ends it.
     *
     * @throws StorageException {@link ErrorCode#TX_NOT_ACTIVE} if already ended;
     *         {@link ErrorCode#STORE_CLOSED} if the store was closed
     */
    void rollback();

    /**
     * Whether the transaction can still be used: true from begin until commit, rollback or close.
     *
     * @return true while active
     */
    boolean isActive();

    /**
     * Whether this transaction was begun with {@link Transactional#beginReadOnlyTx()}.
     *
     * @return true for a read-only transaction
     */
    boolean isReadOnly();

    /**
     * Within a transaction: {@link ErrorCode#TX_READ_ONLY} in a read-only transaction, otherwise
     * buffers the write until commit.
     */
    @Override
    void set(byte[] key, byte[] value);

    /**
     * Within a transaction: {@link ErrorCode#TX_READ_ONLY} in a read-only transaction, otherwise
     * buffers the delete until commit; later reads in this transaction see the key as absent.
     */
    @Override
    void delete(byte[] key);

    /**
     * Rolls back an active transaction; does nothing on an ended one. Never throws, not even when
     * the store was closed.
     */
    @Override
    void close();
}
