package dev.skeleton.storage.file;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Frames of a {@code sync=always} log that were appended but not yet handed to the operating
 * system: they reach the segment in one write, made by the leader of the next force just before it
 * forces ({@link LogWriter}).
 *
 * <h2>Why</h2>
 * A write into the page that the previous fsync has just cleaned costs about 5 µs on our machines,
 * a write into a page that is still dirty about 1 µs; with {@code sync=always} every frame's write
 * is of the first kind, and it was made under the store's write lock. Each writer waits for a
 * force anyway, so nothing is gained by writing its frame earlier than the force that covers it:
 * buffered, the frames of a whole group cost one write, outside the store's lock, and the lock is
 * held about half as long (8 writers: 4 instead of 8 µs per write, measured).
 * {@code sync=interval} and {@code never} do not buffer: there a frame must reach the operating
 * system before the write returns, so that a crash of the process alone loses nothing.
 *
 * <h2>Order</h2>
 * Frames are copied in ({@link #offer}) in log order, under the store's write lock. Drains swap the
 * filling buffer for the spare one under this object's monitor and write the full one out under
 * {@link #drainLock}, so two drains never interleave and the segment receives the frames exactly in
 * the order they were offered. A frame that does not fit is written through after everything
 * buffered before it ({@link #writeThrough}).
 *
 * <p>Thread-safe. The buffers are on the heap (64 KiB each, allocated with the store), so an open
 * store holds no direct memory for them.
 */
final class LogBuffer {

    /** Bytes each of the two buffers holds; larger frames are written through. */
    static final int CAPACITY = 64 * 1024;

    /** Serializes drains, so that frames reach the file in order. */
    private final ReentrantLock drainLock = new ReentrantLock();
    /** Receives offered frames; guarded by this object's monitor. */
    private ByteBuffer filling = ByteBuffer.allocate(CAPACITY);
    /** Written out by a drain, or empty; guarded by this object's monitor and {@link #drainLock}. */
    private ByteBuffer spare = ByteBuffer.allocate(CAPACITY);

    /**
     * Copies a frame in if it fits.
     *
     * @param frame the frame; consumed if it was taken
     * @return false if it does not fit: write it with {@link #writeThrough}
     */
    synchronized boolean offer(ByteBuffer frame) {
        if (frame.remaining() > filling.remaining()) {
            return false;
        }
        filling.put(frame);
        return true;
    }

    /**
     * Writes every frame offered so far to the channel, in order.
     *
     * @param channel the segment
     * @throws IOException if the write fails; what part of the frames reached the file is unknown
     */
    void drainTo(FileChannel channel) throws IOException {
        drainLock.lock();
        try {
            drainLocked(channel);
        } finally {
            drainLock.unlock();
        }
    }

    /**
     * Writes every frame offered so far, then {@code frame}, to the channel: for a frame that
     * {@link #offer} refused.
     *
     * @param frame   the frame
     * @param channel the segment
     * @throws IOException if a write fails; what part of the frames reached the file is unknown
     */
    void writeThrough(ByteBuffer frame, FileChannel channel) throws IOException {
        drainLock.lock();
        try {
            drainLocked(channel);
            StoreFiles.writeFully(channel, frame);
        } finally {
            drainLock.unlock();
        }
    }

    /** Whether frames are waiting to be written; for tests. */
    synchronized boolean isEmpty() {
        return filling.position() == 0;
    }

    private void drainLocked(FileChannel channel) throws IOException {
        ByteBuffer full;
        synchronized (this) {
            if (filling.position() == 0) {
                return;
            }
            full = filling;
            filling = spare;
            spare = full;
        }
        full.flip();
        try {
            StoreFiles.writeFully(channel, full);
        } finally {
            full.clear();
        }
    }
}
