package dev.skeleton.storage.multistore.dump;

import dev.skeleton.storage.core.ContentHash;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.zip.CRC32C;

/**
 * Reads the frames of a dump's body one at a time, then the end frame and the trailer (layout in
 * {@link FrameWriter}), and checks each as it comes: a frame's lengths against their checksum
 * before anything is allocated for them, then against the cap; its key and value against their
 * checksum; its key above the previous one. At the end: the trailer's checksum, the entry count of
 * the trailer and of the header against the frames read, the content hash of the trailer against
 * the one computed from the entries, and then the end of the body ({@link BodyInput#finish()}).
 *
 * <p>Frames are numbered from 1 in messages; positions are logical, counted from the start of the
 * file as if the body were not compressed (for an uncompressed dump, file offsets).
 *
 * <p>Not thread-safe; owned by one {@link DumpReader}.
 */
final class FrameReader {

    /** The frame number that stands for the trailer in {@link #readFully}. */
    private static final long TRAILER = -1;

    private final BodyInput body;
    private final DumpErrors errors;
    private final long headerLength;
    private final long headerEntries;
    private final String positionWord;
    private final ContentHash hash = new ContentHash();
    private final CRC32C crc = new CRC32C();
    private final byte[] head = new byte[DumpFormat.FRAME_HEAD_BYTES];
    private byte[] key;
    private byte[] value;
    /** A copy of the last key, for the order check: {@link #key()} hands the caller its own array. */
    private byte[] previousKey;
    private long entries;
    private long bytes;
    private byte[] digest;
    /** Whether the content hash is computed and checked against the trailer's. */
    private final boolean hashing;

    FrameReader(BodyInput body, DumpErrors errors, DumpHeader header, long headerLength, boolean hashing) {
        this.hashing = hashing;
        this.body = body;
        this.errors = errors;
        this.headerLength = headerLength;
        this.headerEntries = header.entries();
        this.positionWord = header.compressed() ? "inflated byte " : "byte ";
    }

    /**
     * Reads the next frame.
     *
     * @return true with a new entry in {@link #key()} and {@link #value()}; false at the end frame,
     *         once the trailer and the end of the dump are checked
     * @throws dev.skeleton.storage.StorageException CORRUPTED naming the problem and where
     */
    boolean next() throws IOException {
        long frame = entries + 1;
        long start = position();
        readFully(head, DumpFormat.FRAME_HEAD_BYTES, frame);
        ByteBuffer lengths = ByteBuffer.wrap(head);
        int keyLength = lengths.getInt();
        int valueLength = lengths.getInt();
        if (lengths.getInt() != crc(head, 0, Integer.BYTES * 2)) {
            throw errors.corrupted("checksum mismatch in frame " + frame + " (lengths) at " + positionWord + start);
        }
        if (keyLength == DumpFormat.END_KEY_LENGTH) {
            readEnd(valueLength, start);
            return false;
        }
        byte[] nextKey = new byte[checkedLength("key", keyLength, frame)];
        byte[] nextValue = new byte[checkedLength("value", valueLength, frame)];
        readFully(nextKey, nextKey.length, frame);
        readFully(nextValue, nextValue.length, frame);
        checkData(nextKey, nextValue, frame, start);
        if (previousKey != null && Arrays.compareUnsigned(previousKey, nextKey) >= 0) {
            throw errors.corrupted("keys out of order at frame " + frame + " (" + DumpFormat.keyHex(nextKey)
                    + " after " + DumpFormat.keyHex(previousKey) + ")");
        }
        accept(nextKey, nextValue);
        return true;
    }

    byte[] key() {
        return key;
    }

    byte[] value() {
        return value;
    }

    long entries() {
        return entries;
    }

    long bytes() {
        return bytes;
    }

    /** The content hash, checked against the trailer (or the trailer's, when not hashing); null before the end. */
    byte[] hash() {
        return digest;
    }

    private void accept(byte[] nextKey, byte[] nextValue) {
        if (hashing) {
            hash.add(nextKey, nextValue);
        }
        key = nextKey;
        value = nextValue;
        previousKey = nextKey.clone();
        entries++;
        bytes += nextKey.length + (long) nextValue.length;
    }

    private void checkData(byte[] nextKey, byte[] nextValue, long frame, long start) throws IOException {
        byte[] stored = new byte[Integer.BYTES];
        readFully(stored, Integer.BYTES, frame);
        crc.reset();
        crc.update(nextKey);
        crc.update(nextValue);
        if (ByteBuffer.wrap(stored).getInt() != (int) crc.getValue()) {
            throw errors.corrupted("checksum mismatch in frame " + frame + " (key and value) at " + positionWord + start);
        }
    }

    private int checkedLength(String what, int length, long frame) {
        if (Integer.compareUnsigned(length, DumpFormat.MAX_LENGTH) > 0) {
            throw errors.corrupted(what + " length " + Integer.toUnsignedString(length) + " in frame " + frame
                    + " is above the cap of " + DumpFormat.MAX_LENGTH + " bytes");
        }
        return length;
    }

    /** The end frame, the trailer and everything after it. */
    private void readEnd(int valueLength, long start) throws IOException {
        if (valueLength != 0) {
            throw errors.corrupted("end frame with value length " + Integer.toUnsignedString(valueLength) + " at "
                    + positionWord + start);
        }
        key = null;
        value = null;
        byte[] trailer = new byte[DumpFormat.TRAILER_BYTES];
        long trailerStart = position();
        readFully(trailer, trailer.length, TRAILER);
        ByteBuffer fields = ByteBuffer.wrap(trailer);
        long trailerEntries = fields.getLong();
        byte[] trailerHash = new byte[DumpFormat.HASH_BYTES];
        fields.get(trailerHash);
        if (fields.getInt() != crc(trailer, 0, Long.BYTES + DumpFormat.HASH_BYTES)) {
            throw errors.corrupted("checksum mismatch in the trailer at " + positionWord + trailerStart);
        }
        checkCount("trailer", trailerEntries);
        checkCount("header", headerEntries);
        byte[] computed = hashing ? hash.digest() : trailerHash;
        if (!Arrays.equals(trailerHash, computed)) {
            throw errors.corrupted("content hash mismatch: trailer " + DumpFormat.shortHex(trailerHash) + " computed "
                    + DumpFormat.shortHex(computed));
        }
        body.finish();
        digest = computed;
    }

    private void checkCount(String where, long count) {
        if (count != entries) {
            throw errors.corrupted("entry count " + Long.toUnsignedString(count) + " in " + where + " but " + entries
                    + " frames");
        }
    }

    /**
     * Reads exactly {@code length} bytes.
     *
     * @param frame the frame they belong to, for the message; {@link #TRAILER} for the trailer
     */
    private void readFully(byte[] target, int length, long frame) throws IOException {
        int done = 0;
        while (done < length) {
            int read = body.read(target, done, length - done);
            if (read < 0) {
                String where = frame == TRAILER ? "the trailer" : "frame " + frame;
                throw errors.corrupted("truncated in " + where + " at " + positionWord + position());
            }
            done += read;
        }
    }

    private long position() {
        return headerLength + body.delivered();
    }

    private int crc(byte[] bytes, int offset, int length) {
        crc.reset();
        crc.update(bytes, offset, length);
        return (int) crc.getValue();
    }
}
