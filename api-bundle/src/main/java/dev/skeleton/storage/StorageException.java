package dev.skeleton.storage;

import java.util.Objects;

/**
 * The one exception of the storage API: every failure of a store, transaction, engine or multistore
 * is a {@code StorageException} carrying an {@link ErrorCode}.
 *
 * <p>Callers only ever need {@link #code()} (or {@link #is(Throwable, ErrorCode)}, which also looks
 * through wrapping exceptions). Messages say what failed and on what: the store name, the key as
 * printable text or hex, the file path, the configuration key and its bad value.
 *
 * <p>{@link ErrorCode#KEY_NOT_FOUND} is a normal outcome of {@code get}, so an exception with that
 * code does not fill in its stack trace: throwing it costs about as much as allocating it.
 *
 * <p>Instances are immutable and may be shared between threads.
 */
public class StorageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** The code; never null. */
    private final ErrorCode code;

    /**
     * Creates an exception with a code and a message.
     *
     * @param code    what went wrong; must not be null
     * @param message what failed and on what
     * @throws NullPointerException if {@code code} is null (a programming error in the caller)
     */
    public StorageException(ErrorCode code, String message) {
        this(code, message, null);
    }

    /**
     * Creates an exception with a code, a message and the exception that caused it.
     *
     * @param code    what went wrong; must not be null
     * @param message what failed and on what
     * @param cause   the underlying failure, or null
     * @throws NullPointerException if {@code code} is null (a programming error in the caller)
     */
    public StorageException(ErrorCode code, String message, Throwable cause) {
        // KEY_NOT_FOUND is expected traffic: skip the stack walk that dominates an exception's cost.
        super(message, cause, true, Objects.requireNonNull(code, "code") != ErrorCode.KEY_NOT_FOUND);
        this.code = code;
    }

    /**
     * The code that says what went wrong.
     *
     * @return the code, never null
     */
    public ErrorCode code() {
        return code;
    }

    /**
     * Whether {@code t} or any exception in its cause chain is a {@code StorageException} with the
     * given code: the analog of Go's {@code errors.Is}. Cycles in the cause chain are tolerated.
     *
     * @param t    the exception to inspect; null answers false
     * @param code the code to look for
     * @return true if some exception in the chain carries {@code code}
     */
    public static boolean is(Throwable t, ErrorCode code) {
        Throwable current = t;
        // A chain longer than this is a cycle: Throwable forbids only direct self-causation.
        for (int depth = 0; current != null && depth < 1_000; depth++) {
            if (current instanceof StorageException se && se.code == code) {
                return true;
            }
            current = current.getCause();
        }
        return false;
    }

    @Override
    public String toString() {
        return getClass().getName() + ": [" + code + "] " + getMessage();
    }
}
