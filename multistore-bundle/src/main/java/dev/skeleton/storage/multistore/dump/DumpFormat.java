package dev.skeleton.storage.multistore.dump;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * The constants of the dump format, version 1, as {@code DUMP-FORMAT.md} (at the root of this
 * module) defines them. Writer and reader take every number of the format from here, so that the
 * document and the code have one place to agree.
 */
final class DumpFormat {

    /** The first eight bytes of every dump: "SKLDUMP" and a line feed. */
    static final byte[] MAGIC = "SKLDUMP\n".getBytes(StandardCharsets.US_ASCII);
    /** The format version this build writes, and the only one it reads. */
    static final int VERSION = 1;
    /** Header flag: the body is one zlib stream. */
    static final int FLAG_COMPRESSED = 1;
    /** Every header flag this version knows; any other bit set is a damaged or foreign dump. */
    static final int KNOWN_FLAGS = FLAG_COMPRESSED;
    /** Longest store or engine name in the header, in UTF-8 bytes (a u16 length). */
    static final int MAX_NAME_BYTES = 0xFFFF;
    /**
     * Longest key or value, in bytes: 256 MiB. A reader allocates a frame's key and value whole,
     * so the cap bounds what one frame can make it allocate, even when its lengths are intact.
     */
    static final int MAX_LENGTH = 256 << 20;
    /** The key length of the end frame (0xFFFFFFFF, above any real length). */
    static final int END_KEY_LENGTH = -1;
    /** A frame's head: key length, value length and their CRC32C. */
    static final int FRAME_HEAD_BYTES = 12;
    /** The content hash in the trailer (SHA-256 sized). */
    static final int HASH_BYTES = 32;
    /** The trailer: entry count, content hash and their CRC32C. */
    static final int TRAILER_BYTES = Long.BYTES + HASH_BYTES + Integer.BYTES;
    /** Buffer size of every stream over the file; also the inflater's input chunk. */
    static final int BUFFER_BYTES = 64 * 1024;
    /** Suffix of the file a dump is written to before it is renamed to its name. */
    static final String PARTIAL_SUFFIX = ".partial";

    private static final int SHOWN_HASH_DIGITS = 16;
    private static final int SHOWN_KEY_BYTES = 32;

    private DumpFormat() {
    }

    /** The start of a hash in hex, enough to tell two hashes apart in a one-line message. */
    static String shortHex(byte[] hash) {
        return HexFormat.of().formatHex(hash).substring(0, SHOWN_HASH_DIGITS) + "..";
    }

    /** A key in hex for a message, cut after 32 bytes. */
    static String keyHex(byte[] key) {
        if (key.length == 0) {
            return "(empty)";
        }
        if (key.length <= SHOWN_KEY_BYTES) {
            return HexFormat.of().formatHex(key);
        }
        return HexFormat.of().formatHex(key, 0, SHOWN_KEY_BYTES) + ".. (" + key.length + " bytes)";
    }
}
