package dev.skeleton.storage.multistore;

import dev.skeleton.storage.ErrorCode;
import dev.skeleton.storage.StorageException;

/**
 * Turns what an engine throws into what the contract lets a caller see: a {@link StorageException}.
 *
 * <p>An engine that fails with anything else (an {@code ArrayIndexOutOfBoundsException} from a
 * bug, a {@code NullPointerException}, a checked exception thrown sneakily) has failed at the
 * storage level as far as the caller can tell, so the multistore reports it as
 * {@link ErrorCode#IO}, the code of a failure at the engine: the contract has no code for "engine
 * bug", and IO is the one a caller already handles as "the operation did not happen, the store may
 * work again". The message names the engine, the store and the operation and quotes the original
 * exception, which stays attached as the cause. {@link StorageException}s pass unchanged; errors
 * ({@link Error}) are never caught.
 *
 * <p>Stateless and thread-safe.
 */
final class EngineFailures {

    private EngineFailures() {
    }

    /**
     * The exception a caller sees for what an engine threw.
     *
     * @param thrown    what the engine threw (no {@link Error} but a {@link LinkageError} of a refreshed engine)
     * @param store     the store's name
     * @param engine    the engine's name
     * @param operation what was asked of the engine, for example {@code get} or {@code open}
     * @return {@code thrown} itself if it is a StorageException, else an IO StorageException with
     *         {@code thrown} as its cause
     */
    static StorageException wrap(Throwable thrown, String store, String engine, String operation) {
        if (thrown instanceof StorageException storage) {
            return storage;
        }
        return new StorageException(ErrorCode.IO, "engine " + engine + " failed on store " + store + " ("
                + operation + "): " + thrown, thrown);
    }

    /**
     * Calls an engine, every failure reported as a StorageException naming the store, the engine and
     * the operation.
     */
    static <T> T call(String store, String engine, String operation, java.util.function.Supplier<T> work) {
        try {
            return work.get();
        } catch (RuntimeException e) {
            throw wrap(e, store, engine, operation);
        }
    }
}
