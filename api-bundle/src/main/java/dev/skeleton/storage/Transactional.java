package dev.skeleton.storage;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * The transaction capability of a {@link Store}: implemented by every store of an engine whose
 * {@link Capabilities#transactions()} is true.
 *
 * <p>Transactions are <b>serializable</b> and optimistic: see {@link Transaction}. Any number of
 * transactions may be open at once, from any threads. No nested transactions: a
 * {@link Transaction} is never itself {@code Transactional}.
 */
@ConsumerType
public interface Transactional {

    /**
     * Begins a read-write transaction on a snapshot of the store taken now.
     *
     * @return the new, active transaction; close it (try-with-resources) to roll back if not
     *         committed
     * @throws StorageException {@link ErrorCode#STORE_CLOSED} after the store was closed;
     *         {@link ErrorCode#UNSUPPORTED} if {@link #supportsTransactions()} is false
     */
    Transaction beginTx();

    /**
     * Begins a read-only transaction on a snapshot of the store taken now. Its writes throw
     * {@link ErrorCode#TX_READ_ONLY}; it never conflicts; its commit always succeeds.
     *
     * @return the new, active, read-only transaction
     * @throws StorageException {@link ErrorCode#STORE_CLOSED} after the store was closed;
     *         {@link ErrorCode#UNSUPPORTED} if {@link #supportsTransactions()} is false
     */
    Transaction beginReadOnlyTx();

    /**
     * Whether this store offers transactions; true for every store of an engine with the
     * transactions capability. Answers after close too.
     *
     * @return true if {@link #beginTx()} works
     */
    boolean supportsTransactions();
}
