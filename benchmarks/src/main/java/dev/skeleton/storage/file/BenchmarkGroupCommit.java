package dev.skeleton.storage.file;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The file engine's group commit with nothing else around it, for a benchmark of what sharing
 * fsyncs gets out of a machine's disk: frames are appended to a file under a lock and each caller
 * waits, through {@link GroupCommit}, for a force that covers its frame (as a {@code sync=always}
 * write does, without the engine's tree, encoding and log buffer). It sits in the engine's package
 * (on the class path only, where split packages are allowed) to reach the package-private
 * {@link GroupCommit}; it is part of the benchmarks jar, never of the engine's bundle.
 *
 * <p>Thread-safe.
 */
public final class BenchmarkGroupCommit {

    private final FileChannel channel;
    private final GroupCommit group = new GroupCommit();
    /** Orders appends, as the store's write lock does. */
    private final ReentrantLock lock = new ReentrantLock();

    /**
     * Appends to a file.
     *
     * @param channel an open, writable channel, positioned at its end
     */
    public BenchmarkGroupCommit(FileChannel channel) {
        this.channel = channel;
    }

    /**
     * Appends a frame and returns once it is durable.
     *
     * @param frame the bytes; consumed
     * @throws IOException if the write or a force fails
     */
    public void appendDurably(ByteBuffer frame) throws IOException {
        long position;
        lock.lock();
        try {
            int length = frame.remaining();
            StoreFiles.writeFully(channel, frame);
            position = group.appended(length);
        } finally {
            lock.unlock();
        }
        if (!group.awaitDurable(position, () -> channel.force(false))) {
            throw new IOException("an earlier force failed", group.broken());
        }
    }

    /** How many forces were made. */
    public long forces() {
        return group.forces();
    }
}
