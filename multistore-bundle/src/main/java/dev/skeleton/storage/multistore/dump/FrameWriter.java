package dev.skeleton.storage.multistore.dump;

import dev.skeleton.storage.core.ContentHash;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.zip.CRC32C;

/**
 * Writes the frames of a dump's body, then the end frame and the trailer:
 * <pre>
 * frame   := u32 keyLength | u32 valueLength | u32 crc(lengths) | key | value | u32 crc(key || value)
 * end     := u32 0xFFFFFFFF | u32 0 | u32 crc(lengths)
 * trailer := u64 entries | 32-byte content hash | u32 crc(entries || hash)
 * </pre>
 * It refuses what the format cannot hold before writing a byte of it: a key not strictly above
 * the previous one (unsigned order), a key or value above {@link DumpFormat#MAX_LENGTH}. It keeps
 * the count, the bytes and the content hash of what it wrote, unless it was given that hash (by an
 * engine that keeps it), which it then writes as it is.
 *
 * <p>Not thread-safe; owned by one {@link DumpWriter}.
 */
final class FrameWriter {

    private final OutputStream out;
    private final DumpErrors errors;
    /** Hashes the entries as they are written; null when the hash is given. */
    private final ContentHash hash;
    /** The content hash given for the entries, or null to compute it. */
    private final byte[] givenHash;
    private final CRC32C crc = new CRC32C();
    private final ByteBuffer scratch = ByteBuffer.allocate(DumpFormat.TRAILER_BYTES);
    private byte[] lastKey;
    private long entries;
    private long bytes;

    /**
     * A writer of frames.
     *
     * @param out       where the frames go
     * @param errors    how failures are reported
     * @param givenHash the content hash of the entries that will be written, for the trailer; null
     *                  to compute it from the entries as they are written
     */
    FrameWriter(OutputStream out, DumpErrors errors, byte[] givenHash) {
        this.out = out;
        this.errors = errors;
        this.givenHash = givenHash == null ? null : givenHash.clone();
        this.hash = givenHash == null ? new ContentHash() : null;
    }

    /**
     * Checks an entry against the format and the previous key, without writing anything.
     *
     * @throws dev.skeleton.storage.StorageException INVALID_ARGUMENT for a null array or a key out
     *         of order; UNSUPPORTED for a key or value above the cap
     */
    void check(byte[] key, byte[] value) {
        if (key == null || value == null) {
            throw errors.invalid("a dump entry needs a key and a value, got " + (key == null ? "a null key" : "a null value"));
        }
        checkLength("key", key);
        checkLength("value", value);
        if (lastKey != null && Arrays.compareUnsigned(lastKey, key) >= 0) {
            throw errors.invalid("key " + DumpFormat.keyHex(key) + " is not above the previous key "
                    + DumpFormat.keyHex(lastKey) + " (entries must come in strictly ascending unsigned key order)");
        }
    }

    /** Writes one entry that {@link #check} accepted. */
    void write(byte[] key, byte[] value) throws IOException {
        writeHead(key.length, value.length);
        out.write(key);
        out.write(value);
        crc.reset();
        crc.update(key);
        crc.update(value);
        writeInt((int) crc.getValue());
        if (hash != null) {
            hash.add(key, value);
        }
        lastKey = key.clone(); // the caller may reuse its array for the next key
        entries++;
        bytes += key.length + (long) value.length;
    }

    /**
     * Writes the end frame and the trailer.
     *
     * @return the content hash of the entries written: computed from them, or as given
     */
    byte[] writeEnd() throws IOException {
        writeHead(DumpFormat.END_KEY_LENGTH, 0);
        byte[] digest = hash != null ? hash.digest() : givenHash.clone();
        scratch.clear();
        scratch.putLong(entries).put(digest);
        crc.reset();
        crc.update(scratch.array(), 0, scratch.position());
        scratch.putInt((int) crc.getValue());
        out.write(scratch.array(), 0, scratch.position());
        return digest;
    }

    long entries() {
        return entries;
    }

    long bytes() {
        return bytes;
    }

    private void checkLength(String what, byte[] array) {
        if (array.length > DumpFormat.MAX_LENGTH) {
            throw errors.unsupported("a " + what + " of " + array.length + " bytes is above the dump format's cap of "
                    + DumpFormat.MAX_LENGTH + " bytes (256 MiB)");
        }
    }

    private void writeHead(int keyLength, int valueLength) throws IOException {
        scratch.clear();
        scratch.putInt(keyLength).putInt(valueLength);
        crc.reset();
        crc.update(scratch.array(), 0, scratch.position());
        scratch.putInt((int) crc.getValue());
        out.write(scratch.array(), 0, DumpFormat.FRAME_HEAD_BYTES);
    }

    private void writeInt(int value) throws IOException {
        scratch.clear();
        scratch.putInt(value);
        out.write(scratch.array(), 0, Integer.BYTES);
    }
}
