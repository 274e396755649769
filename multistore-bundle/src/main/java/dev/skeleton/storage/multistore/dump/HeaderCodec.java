package dev.skeleton.storage.multistore.dump;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.zip.CRC32C;

/**
 * Writes and reads the header of a dump, which is never compressed:
 * <pre>
 * magic "SKLDUMP\n" | u16 version | u8 flags | u16 n + store name | u16 n + engine | u64 entries | u32 crc
 * </pre>
 * The CRC32C covers every byte before it. The magic and the version come first and are checked
 * before anything else, since a later version may lay out the rest differently; the CRC is checked
 * before the flags and names are trusted.
 *
 * <p>Stateless.
 */
final class HeaderCodec {

    /** Bytes of a header besides the two names: magic, version, flags, two lengths, count, CRC. */
    static final int FIXED_BYTES = DumpFormat.MAGIC.length + 2 + 1 + 2 + 2 + Long.BYTES + Integer.BYTES;

    private HeaderCodec() {
    }

    /**
     * The bytes of a header.
     *
     * @param header      what to write; the names at most 65535 UTF-8 bytes each
     * @param placeholder whether to write the CRC complemented: the header a writer starts with,
     *                    before it knows the entry count, which no reader accepts
     */
    static byte[] encode(DumpHeader header, boolean placeholder) {
        byte[] store = header.storeName().getBytes(StandardCharsets.UTF_8);
        byte[] engine = header.engine().getBytes(StandardCharsets.UTF_8);
        ByteBuffer buffer = ByteBuffer.allocate(FIXED_BYTES + store.length + engine.length);
        buffer.put(DumpFormat.MAGIC);
        buffer.putShort((short) header.formatVersion());
        buffer.put((byte) (header.compressed() ? DumpFormat.FLAG_COMPRESSED : 0));
        buffer.putShort((short) store.length).put(store);
        buffer.putShort((short) engine.length).put(engine);
        buffer.putLong(header.entries());
        CRC32C crc = new CRC32C();
        crc.update(buffer.array(), 0, buffer.position());
        int value = (int) crc.getValue();
        buffer.putInt(placeholder ? ~value : value);
        return buffer.array();
    }

    /**
     * Reads and checks a header.
     *
     * @param in     the file from its first byte; left just after the header
     * @param errors the file's errors
     * @return the header and its length in bytes
     * @throws dev.skeleton.storage.StorageException CORRUPTED if it is no dump, another version, cut
     *         short or damaged
     * @throws IOException if the file cannot be read
     */
    static Read read(InputStream in, DumpErrors errors) throws IOException {
        HeaderInput input = new HeaderInput(in, errors);
        byte[] magic = in.readNBytes(DumpFormat.MAGIC.length);
        input.account(magic);
        checkMagic(magic, errors);
        int version = input.u16();
        if (version != DumpFormat.VERSION) {
            throw errors.corrupted("format version " + version + " is not supported (this build reads "
                    + DumpFormat.VERSION + ")");
        }
        int flags = input.u8();
        byte[] store = input.bytes(input.u16());
        byte[] engine = input.bytes(input.u16());
        long entries = input.u64();
        int expected = (int) input.crc.getValue();
        if (input.u32() != expected) {
            throw errors.corrupted("checksum mismatch in the header");
        }
        if ((flags & ~DumpFormat.KNOWN_FLAGS) != 0) {
            throw errors.corrupted(String.format("unknown flags 0x%02x in the header", flags));
        }
        DumpHeader header = new DumpHeader(version, utf8(store, "store name", errors), utf8(engine, "engine name",
                errors), entries, (flags & DumpFormat.FLAG_COMPRESSED) != 0);
        return new Read(header, input.position);
    }

    /** A header and the number of bytes it took. */
    record Read(DumpHeader header, long length) {
    }

    private static void checkMagic(byte[] magic, DumpErrors errors) {
        if (magic.length == 0) {
            throw errors.corrupted("not a Skeleton dump (empty file)");
        }
        if (!Arrays.equals(magic, 0, magic.length, DumpFormat.MAGIC, 0, magic.length)) {
            throw errors.corrupted("not a Skeleton dump (bad magic)");
        }
        if (magic.length < DumpFormat.MAGIC.length) {
            throw errors.corrupted("truncated in the header at byte " + magic.length);
        }
    }

    /** Decodes strictly: a header whose CRC holds but whose name is no UTF-8 was not written by us. */
    private static String utf8(byte[] bytes, String what, DumpErrors errors) {
        try {
            CharBuffer chars = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
            return chars.toString();
        } catch (CharacterCodingException e) {
            throw errors.corrupted("the " + what + " in the header is not valid UTF-8");
        }
    }

    /** Reads the header's fields one by one, feeding the CRC and counting bytes for messages. */
    private static final class HeaderInput {
        private final InputStream in;
        private final DumpErrors errors;
        private final CRC32C crc = new CRC32C();
        private long position;

        HeaderInput(InputStream in, DumpErrors errors) {
            this.in = in;
            this.errors = errors;
        }

        void account(byte[] bytes) {
            crc.update(bytes);
            position += bytes.length;
        }

        /** The next bytes, fed to the CRC. */
        byte[] bytes(int length) throws IOException {
            byte[] bytes = raw(length);
            crc.update(bytes);
            return bytes;
        }

        /** The next bytes, not fed to the CRC. */
        byte[] raw(int length) throws IOException {
            byte[] bytes = in.readNBytes(length);
            if (bytes.length < length) {
                throw errors.corrupted("truncated in the header at byte " + (position + bytes.length));
            }
            position += length;
            return bytes;
        }

        int u8() throws IOException {
            return bytes(1)[0] & 0xFF;
        }

        int u16() throws IOException {
            return ByteBuffer.wrap(bytes(2)).getShort() & 0xFFFF;
        }

        long u64() throws IOException {
            return ByteBuffer.wrap(bytes(Long.BYTES)).getLong();
        }

        /** The CRC field, which is not part of what it covers. */
        int u32() throws IOException {
            return ByteBuffer.wrap(raw(Integer.BYTES)).getInt();
        }
    }
}
