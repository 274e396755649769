package dev.skeleton.storage.multistore.dump;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * The body of a dump on its way from the file: the frames and the trailer as written (inflated if
 * the dump is compressed), then, at {@link #finish()}, the checks of the stored body's end: that
 * nothing of the logical body is left, that the CRC32C of the stored body bytes matches the one
 * written after them, and that the file ends there.
 *
 * <p>Implementations count the logical bytes they deliver, for the positions in messages. Not
 * thread-safe; owned by one {@link DumpReader}.
 */
abstract class BodyInput {

    /** The file, positioned at the first byte after the header. */
    protected final InputStream file;
    protected final DumpErrors errors;
    /** CRC32C of the stored body bytes consumed so far. */
    protected final CRC32C storedCrc = new CRC32C();
    private long delivered;

    protected BodyInput(InputStream file, DumpErrors errors) {
        this.file = file;
        this.errors = errors;
    }

    /**
     * Reads logical body bytes: as many as are at hand, at least one unless the body ends.
     *
     * @return the number read, or -1 where the logical body ends (its stored form, or the file)
     * @throws dev.skeleton.storage.StorageException CORRUPTED for damaged compressed data
     */
    final int read(byte[] target, int offset, int length) throws IOException {
        int read = readLogical(target, offset, length);
        if (read > 0) {
            delivered += read;
        }
        return read;
    }

    /** Logical body bytes delivered so far. */
    final long delivered() {
        return delivered;
    }

    /**
     * Checks that the body ends right after what was read: see the class comment.
     *
     * @throws dev.skeleton.storage.StorageException CORRUPTED naming what is wrong
     */
    abstract void finish() throws IOException;

    /** Frees native resources; idempotent. */
    abstract void release();

    /** {@link #read}, before counting. */
    protected abstract int readLogical(byte[] target, int offset, int length) throws IOException;

    /**
     * The common end: the body checksum, then the end of the file.
     *
     * @param pending bytes after the stored body that were already read from the file into a
     *                buffer; what follows them comes from {@link #file}
     * @param offset  where they start in {@code pending}
     * @param length  how many there are
     */
    protected final void checkStoredEnd(byte[] pending, int offset, int length) throws IOException {
        byte[] checksum = new byte[Integer.BYTES];
        int fromPending = Math.min(length, checksum.length);
        System.arraycopy(pending, offset, checksum, 0, fromPending);
        int fromFile = file.readNBytes(checksum, fromPending, checksum.length - fromPending);
        if (fromPending + fromFile < checksum.length) {
            throw errors.corrupted("truncated in the body checksum");
        }
        if (ByteBuffer.wrap(checksum).getInt() != (int) storedCrc.getValue()) {
            throw errors.corrupted("checksum mismatch of the stored body");
        }
        if (length > fromPending || file.read() != -1) {
            throw errors.corrupted("trailing bytes after the end of the dump");
        }
    }
}
