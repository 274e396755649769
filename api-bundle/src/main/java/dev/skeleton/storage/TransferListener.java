package dev.skeleton.storage;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Receives the progress of a long {@link MultiStore} operation: an export, import, verification,
 * copy or move. Called on the thread that runs the operation, about once per 64 Ki entries or
 * 16 MiB and once at the end, never while a lock of the multistore is held.
 *
 * <p>A listener stops the operation by throwing: the operation then undoes what it made (a partial
 * dump file or store is removed, a move leaves the store where it was) and rethrows what the
 * listener threw if it is a {@link StorageException}, else a {@link StorageException} with code
 * {@link ErrorCode#IO} around it. Interrupting the thread that runs the operation stops it the same
 * way.
 *
 * <p>Added in version 1.1 of this package.
 */
@ConsumerType
@FunctionalInterface
public interface TransferListener {

    /** A listener that ignores progress. */
    TransferListener NONE = progress -> { };

    /**
     * The operation has come this far.
     *
     * @param progress entries and bytes so far, and the time taken
     */
    void progress(TransferProgress progress);
}
