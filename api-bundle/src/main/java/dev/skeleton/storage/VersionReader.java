package dev.skeleton.storage;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Reading a saved version without loading it: the capability that lets a backup be taken from a
 * version while the working data goes on changing. Implemented by the stores of the project's
 * versioned engines (and by the multistore's handles of such stores); a third-party engine may
 * leave it out, and {@code store:export --version N} then says so with
 * {@link ErrorCode#UNSUPPORTED}.
 *
 * <p>Added in version 1.1 of this package.
 */
@ConsumerType
public interface VersionReader {

    /**
     * Begins a read-only transaction over exactly the content of a saved version. The working data
     * and {@link Versioned#currentVersion()} do not change; later saves, loads and writes do not
     * change what the transaction sees. It follows every rule of a read-only transaction
     * ({@link ErrorCode#TX_READ_ONLY} for writes, a commit that always succeeds, ended by the
     * store's close); it is {@link RangeQueryable} when the store is.
     *
     * @param version a saved version's number
     * @return the active read-only transaction; close it when done
     * @throws StorageException {@link ErrorCode#VERSION_NOT_FOUND} if the version was never saved
     *         or was pruned; {@link ErrorCode#STORE_CLOSED} after the store was closed
     */
    Transaction readVersion(long version);
}
