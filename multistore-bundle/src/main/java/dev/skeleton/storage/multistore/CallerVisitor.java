package dev.skeleton.storage.multistore;

import dev.skeleton.storage.KeyValueVisitor;
import dev.skeleton.storage.StorageException;

/**
 * A caller's visitor on its way through an engine, remembering what it threw.
 *
 * <p>A handle reports every failure of an engine as a {@link StorageException} (see
 * {@link EngineFailures}), but an exception the caller's own visitor threw is the caller's, not the
 * engine's: the caller gets it back unchanged, however the engine passed it on.
 *
 * <p>Thread safety: an iteration calls its visitor from one thread at a time; the field is
 * volatile so that the iterating caller sees what a visit on another thread threw.
 */
final class CallerVisitor implements KeyValueVisitor {

    private final KeyValueVisitor visitor;
    private volatile RuntimeException thrown;
    /** Bytes of keys and values visited; read once the iteration has returned. */
    private long bytesVisited;

    CallerVisitor(KeyValueVisitor visitor) {
        this.visitor = visitor;
    }

    @Override
    public boolean visit(byte[] key, byte[] value) {
        bytesVisited += key.length + value.length;
        try {
            return visitor.visit(key, value);
        } catch (RuntimeException e) {
            thrown = e;
            throw e;
        }
    }

    /** Bytes of the keys and values visited so far, for the handle's metrics. */
    long bytesVisited() {
        return bytesVisited;
    }

    /**
     * What the caller sees for a failed iteration.
     *
     * @param failure the iteration's failure as the handle reports it
     * @return the visitor's own exception if that is what failed the iteration, else {@code failure}
     */
    RuntimeException callersOwn(StorageException failure) {
        RuntimeException own = thrown;
        return own != null && (failure == own || failure.getCause() == own) ? own : failure;
    }
}
