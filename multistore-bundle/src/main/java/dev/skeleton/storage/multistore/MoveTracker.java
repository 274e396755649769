package dev.skeleton.storage.multistore;

import dev.skeleton.storage.ErrorCode;
import dev.skeleton.storage.StorageException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The keys written to a store while it is being moved, so that the move can carry them over after
 * its copy of a snapshot. Writers record a key after their write is applied (inside the store's
 * {@link WriteGate}); the move {@linkplain #drain() takes} what was recorded since the last round
 * and reads those keys again. A change that cannot be carried key by key (a {@code loadVersion})
 * {@linkplain #spoil spoils} the move, which then stops and leaves the store where it was.
 *
 * <p>Thread-safe.
 */
final class MoveTracker {

    private volatile Set<ByteBuffer> touched = ConcurrentHashMap.newKeySet();
    private volatile String spoiledBy;

    /** A write of this key was applied; the key is copied. */
    void touched(byte[] key) {
        touched.add(ByteBuffer.wrap(key.clone()));
    }

    /** Writes of these keys were applied; the keys are copied. */
    void touchedAll(Collection<byte[]> keys) {
        Set<ByteBuffer> now = touched;
        for (byte[] key : keys) {
            now.add(ByteBuffer.wrap(key.clone()));
        }
    }

    /** A change was applied that the move cannot carry over key by key. */
    void spoil(String why) {
        spoiledBy = why;
    }

    /** @return why the move cannot go on, or null */
    String spoiledBy() {
        return spoiledBy;
    }

    /**
     * The keys recorded since the last call. A writer that records while this runs lands either in
     * this round or in the next, never in none: it adds to the set it read, and this reads a set
     * only after replacing it and once no writer can still be adding to it (the caller drains or
     * pauses the store's gate first).
     */
    List<byte[]> drain(WriteGate gate, Duration limit, String storeName) {
        Set<ByteBuffer> taken = touched;
        touched = ConcurrentHashMap.newKeySet();
        // A writer inside the gate may still hold the old set: wait for those to leave.
        if (!gate.drain(limit)) {
            throw new StorageException(ErrorCode.IO, "writes to store " + storeName + " did not end within "
                    + limit.toSeconds() + " s while it was being moved");
        }
        List<byte[]> keys = new ArrayList<>(taken.size());
        for (ByteBuffer key : taken) {
            keys.add(key.array());
        }
        return keys;
    }

    /** The keys recorded since the last call, while the gate is paused (no writer is inside). */
    List<byte[]> drainPaused() {
        Set<ByteBuffer> taken = touched;
        touched = ConcurrentHashMap.newKeySet();
        List<byte[]> keys = new ArrayList<>(taken.size());
        for (ByteBuffer key : taken) {
            keys.add(key.array());
        }
        return keys;
    }
}
