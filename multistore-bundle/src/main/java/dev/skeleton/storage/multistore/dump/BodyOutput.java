package dev.skeleton.storage.multistore.dump;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.zip.CRC32C;
import java.util.zip.CheckedOutputStream;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

/**
 * The body of a dump on its way to the file: the frames and the trailer, written to
 * {@link #frames()}, then, at {@link #finish()}, the body checksum.
 *
 * <h2>How it works</h2>
 * The streams, from the frames down to the file:
 * <pre>
 * frames -> [64 KiB buffer -> deflater (zlib)] -> CRC32C of stored bytes -> 64 KiB buffer -> file
 * </pre>
 * The bracketed part exists only for a compressed dump; the small buffer above the deflater keeps
 * the frame writer's many small writes from reaching {@link Deflater} one by one. The checksum
 * sees the bytes as stored, after compression, so that every stored bit is covered: some bits of a
 * deflate stream can flip without changing what it inflates to (the padding after its last block,
 * a back-reference moved to identical bytes), which the frame checksums alone would let pass.
 * Nothing here closes the file; its owner does.
 *
 * <p>Not thread-safe; owned by one {@link DumpWriter}.
 */
final class BodyOutput {

    private final CRC32C storedCrc = new CRC32C();
    private final BufferedOutputStream file;
    private final Deflater deflater;
    private final DeflaterOutputStream deflating;
    private final OutputStream frames;

    BodyOutput(OutputStream file, boolean compress) {
        this.file = new BufferedOutputStream(file, DumpFormat.BUFFER_BYTES);
        OutputStream checked = new CheckedOutputStream(this.file, storedCrc);
        if (compress) {
            deflater = new Deflater();
            deflating = new DeflaterOutputStream(checked, deflater, DumpFormat.BUFFER_BYTES);
            frames = new BufferedOutputStream(deflating, DumpFormat.BUFFER_BYTES);
        } else {
            deflater = null;
            deflating = null;
            frames = checked;
        }
    }

    /** Where the frames and the trailer go. */
    OutputStream frames() {
        return frames;
    }

    /** Ends the compressed stream, if any, appends the body checksum and flushes all to the file. */
    void finish() throws IOException {
        frames.flush();
        if (deflating != null) {
            deflating.finish();
        }
        file.write(ByteBuffer.allocate(Integer.BYTES).putInt((int) storedCrc.getValue()).array());
        file.flush();
    }

    /** Frees the deflater's native memory; the body is unusable afterwards. Idempotent. */
    void release() {
        if (deflater != null) {
            deflater.end();
        }
    }
}
