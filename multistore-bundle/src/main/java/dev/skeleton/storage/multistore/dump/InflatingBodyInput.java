package dev.skeleton.storage.multistore.dump;

import java.io.IOException;
import java.io.InputStream;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * The body of a compressed dump: one zlib stream (RFC 1950), inflated as it is read.
 *
 * <h2>Why not InflaterInputStream</h2>
 * The format needs to know exactly where the zlib stream ends in the file (the body checksum
 * follows it, then the end of the file) and to turn every kind of damage into CORRUPTED.
 * {@link java.util.zip.InflaterInputStream} discards the input it read beyond the stream's end
 * and reports a cut-off stream as an {@link java.io.EOFException}; driving the {@link Inflater}
 * directly gives both: the stored bytes it consumed are fed to the body checksum chunk by chunk
 * (a chunk once the inflater needs the next, the last one up to where the stream ended), and what
 * it did not consume is where the checksum starts.
 *
 * <p>Not thread-safe.
 */
final class InflatingBodyInput extends BodyInput {

    private final Inflater inflater = new Inflater();
    private final byte[] chunk = new byte[DumpFormat.BUFFER_BYTES];
    /** The file offset of the body, to say where in the file the compressed data is damaged. */
    private final long bodyOffset;
    /** Bytes of {@link #chunk} given to the inflater, none of them in the checksum yet. */
    private int chunkLength;

    InflatingBodyInput(InputStream file, DumpErrors errors, long bodyOffset) {
        super(file, errors);
        this.bodyOffset = bodyOffset;
    }

    @Override
    protected int readLogical(byte[] target, int offset, int length) throws IOException {
        while (true) {
            int inflated = inflate(target, offset, length);
            if (inflated > 0) {
                return inflated;
            }
            if (inflater.finished()) {
                return -1;
            }
            if (inflater.needsDictionary()) {
                throw errors.corrupted("corrupt compressed body: it asks for a preset dictionary");
            }
            if (inflater.needsInput() && !refill()) {
                return -1;
            }
        }
    }

    /**
     * After the trailer the zlib stream must end (its last block and Adler-32 are read only now),
     * with no inflated byte left; the stored bytes after it are the body checksum.
     */
    @Override
    void finish() throws IOException {
        if (readLogical(new byte[1], 0, 1) > 0) {
            throw errors.corrupted("trailing bytes after the trailer, inside the compressed body");
        }
        if (!inflater.finished()) {
            throw errors.corrupted("truncated in the compressed body after the trailer (the zlib stream does not end)");
        }
        int consumed = chunkLength - inflater.getRemaining();
        storedCrc.update(chunk, 0, consumed);
        checkStoredEnd(chunk, consumed, inflater.getRemaining());
    }

    @Override
    void release() {
        inflater.end();
    }

    private int inflate(byte[] target, int offset, int length) {
        try {
            return inflater.inflate(target, offset, length);
        } catch (DataFormatException e) {
            String problem = e.getMessage() == null ? "invalid data" : e.getMessage();
            throw errors.corrupted("corrupt compressed body near byte " + (bodyOffset + inflater.getBytesRead())
                    + " (" + problem + ")");
        }
    }

    /**
     * Gives the inflater the next chunk of the file, the previous one (all consumed) going into the
     * checksum.
     *
     * @return false at the end of the file
     */
    private boolean refill() throws IOException {
        storedCrc.update(chunk, 0, chunkLength);
        chunkLength = 0;
        int read = file.read(chunk, 0, chunk.length);
        if (read <= 0) {
            return false;
        }
        chunkLength = read;
        inflater.setInput(chunk, 0, read);
        return true;
    }
}
