package dev.skeleton.storage.file;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.concurrent.locks.LockSupport;
import java.util.zip.CRC32C;

/**
 * The CRC32C and content-hash seed of a value file, computed on a thread of its own from what the
 * file holds, while the writer is still writing and forcing it.
 *
 * <h2>Why read back</h2>
 * A large value is written straight from the caller's array: the write into the file is the one
 * copy the contract asks for. Its checksum and seed must describe the bytes stored, though, not
 * whatever the array holds when they are computed: a caller that changed its array during the
 * call must not be able to make its stored value fail its checksum. So they are computed from the
 * file, read back from the page cache behind the writer (memory speed), never from the caller's
 * array. Hashing 64 MiB (SHA-256 for the seed) takes about as long as writing and forcing it; on a
 * second processor it overlaps both instead of coming before them.
 *
 * <h2>Protocol</h2>
 * The writer creates the file, {@link #start starts} the reader, reports each piece it wrote with
 * {@link #written}, and then either {@link #finish finishes} (waits for the reader to have read
 * everything and takes the checksum) or {@link #abandon abandons} (its write failed; the reader
 * stops). Either way the reader thread has ended when the writer goes on, so nothing reads the
 * file or touches the digest afterwards. The reader parks while it has caught up; every report
 * unparks it, so no report is missed.
 *
 * <p>Used by one writer; the fields the reader fills are read by the writer only after
 * {@link Thread#join}.
 */
final class ReadBackChecksum {

    private static final int PIECE_BYTES = 256 * 1024;

    private final Path path;
    private final int length;
    private final MessageDigest seed;
    private final CRC32C crc = new CRC32C();
    private final Thread reader;
    /** How many bytes of the file the writer has written. */
    private volatile long written;
    private volatile boolean abandoned;
    /** Why reading failed; set by the reader before it ends. */
    private IOException failure;

    private ReadBackChecksum(Path path, int length, MessageDigest seed) {
        this.path = path;
        this.length = length;
        this.seed = seed;
        this.reader = new Thread(this::readAll, "skeleton-value-checksum");
        reader.setDaemon(true);
    }

    /**
     * Starts reading back a file that is being written.
     *
     * @param path   the file; it must exist already
     * @param length how many bytes it will hold
     * @param seed   the seed digest, fed with the key already; the value's bytes are added
     * @return the running checksum
     */
    static ReadBackChecksum start(Path path, int length, MessageDigest seed) {
        ReadBackChecksum checksum = new ReadBackChecksum(path, length, seed);
        checksum.reader.start();
        return checksum;
    }

    /**
     * Reports how much of the file is written.
     *
     * @param bytes the bytes written from the start of the file
     */
    void written(long bytes) {
        written = bytes;
        LockSupport.unpark(reader);
    }

    /**
     * Waits until every byte has been read back (all must have been reported written).
     *
     * @return the CRC32C of the file's content; the seed digest holds it too
     * @throws IOException if it could not be read back, or held less than was written
     */
    int finish() throws IOException {
        join();
        if (failure != null) {
            throw failure;
        }
        return (int) crc.getValue();
    }

    /** Stops the reader, as the write failed, and waits until it has ended. */
    void abandon() {
        abandoned = true;
        LockSupport.unpark(reader);
        join();
    }

    private void readAll() {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            byte[] piece = new byte[Math.min(PIECE_BYTES, Math.max(1, length))];
            long position = 0;
            while (position < length) {
                long available = awaitWritten(position);
                if (abandoned) {
                    return;
                }
                int n = (int) Math.min(piece.length, available - position);
                readFully(channel, piece, n, position);
                crc.update(piece, 0, n);
                seed.update(piece, 0, n);
                position += n;
            }
        } catch (IOException e) {
            failure = e;
        }
    }

    /** Parks until more than {@code position} bytes are written, or the write is abandoned. */
    private long awaitWritten(long position) {
        long available = written;
        while (available <= position && !abandoned) {
            LockSupport.park(this);
            available = written;
        }
        return available;
    }

    private void readFully(FileChannel channel, byte[] piece, int n, long position) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(piece, 0, n);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                throw new IOException("value file " + path + " holds less than was written to it");
            }
        }
    }

    private void join() {
        boolean interrupted = false;
        while (true) {
            try {
                reader.join();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
