package dev.skeleton.storage.multistore;

import dev.skeleton.storage.StorageException;
import dev.skeleton.storage.Store;
import java.util.List;

/**
 * An engine store that a {@link StoreHandle} has just let go of, with the transactions that ended
 * with it, to be closed once the multistore has released its lock.
 *
 * <p>The multistore changes a handle's state under its lock ({@link StoreHandle#detach}) and makes
 * no engine call there; closing the engine's transactions and store, which may flush to disk or
 * talk to a server, happens here, outside the lock, while the store's name is reserved (see
 * {@link Reservation}) so that nothing reopens it before it is closed.
 *
 * @param storeName  the store's name, for messages
 * @param engineName its engine's name, for messages
 * @param store      the engine store, or null if the handle had none
 * @param orphans    the transactions that were open on it
 */
record Detached(String storeName, String engineName, Store store, List<HandleTransaction> orphans) {

    /** Whether there is an engine store to close. */
    boolean hasStore() {
        return store != null;
    }

    /**
     * Rolls back the orphaned transactions only, leaving the store open: a move still reads it.
     *
     * @throws StorageException the first rollback that failed, wrapped if it was no StorageException
     */
    void closeTransactions() {
        RuntimeException failure = null;
        for (HandleTransaction tx : orphans) {
            try {
                tx.closeOrphaned();
            } catch (RuntimeException e) {
                failure = failure == null ? e : failure;
            }
        }
        if (failure != null) {
            throw EngineFailures.wrap(failure, storeName, engineName, "rollback");
        }
    }

    /**
     * Rolls back the orphaned transactions, then closes the engine store (flushing its data).
     *
     * @throws StorageException what the engine's close threw, wrapped if it was no StorageException;
     *         the transactions are closed first in any case
     */
    void close() {
        RuntimeException failure = null;
        try {
            closeTransactions();
        } catch (RuntimeException e) {
            failure = e;
        }
        if (store != null) {
            try {
                store.close();
            } catch (RuntimeException e) {
                failure = e;
            }
        }
        if (failure != null) {
            throw EngineFailures.wrap(failure, storeName, engineName, "close");
        }
    }
}
