package dev.skeleton.storage;

/**
 * What went wrong, as carried by every {@link StorageException}. Callers decide on the code alone;
 * the message is for people.
 */
public enum ErrorCode {
    /** {@code get} of a key that is not there. A normal outcome: cheap, with no stack trace. */
    KEY_NOT_FOUND,
    /** A store that does not exist (in an engine or a multistore). */
    STORE_NOT_FOUND,
    /** An operation on a store (or on a transaction of a store) that has been closed. */
    STORE_CLOSED,
    /** Creating a store under a name that is taken. */
    STORE_EXISTS,
    /** An engine name that is not registered. */
    ENGINE_NOT_FOUND,
    /** Registering an engine under a name that is taken. */
    ENGINE_EXISTS,
    /** The engine of a known store is absent right now (for example its bundle is stopped). */
    ENGINE_UNAVAILABLE,
    /** An operation on a transaction that was committed or rolled back. */
    TX_NOT_ACTIVE,
    /** A write through a read-only transaction. */
    TX_READ_ONLY,
    /** A commit whose reads or writes were changed by another commit after the transaction began. */
    TX_CONFLICT,
    /** A version that was never saved or has been pruned. */
    VERSION_NOT_FOUND,
    /** A configuration key that is unknown, or a value of the wrong type or out of range. */
    INVALID_CONFIG,
    /** A null key, value or visitor, an invalid store name, or any other bad argument. */
    INVALID_ARGUMENT,
    /** A write that would pass the store's size limit; the store is unchanged. */
    STORE_FULL,
    /** Stored data failed a check (checksum, format) and could not be used. */
    CORRUPTED,
    /** An input/output error of the underlying medium. */
    IO,
    /** An operation this store or engine does not offer. */
    UNSUPPORTED
}
