package dev.skeleton.storage.testkit;

import dev.skeleton.storage.Store;
import dev.skeleton.storage.VersionInfo;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;

/**
 * The test oracle for {@link VersionInfo#hash()}: computes the content hash from scratch, step by
 * step as the javadoc of {@link VersionInfo} defines it, so that the kit can check an engine's
 * saved hashes against an independent computation.
 *
 * <p>Definition, with {@code u32(n)} the 4-byte big-endian encoding and {@code ||} concatenation:
 * each entry's seed is {@code SHA-256(u32(len k) || k || u32(len v) || v)}; its expansion is
 * {@code SHA-256(seed || u32(i))} for {@code i = 0..15}, 512 bytes read as 64 big-endian unsigned
 * 64-bit lanes; the state is the lane-wise sum modulo 2<sup>64</sup> over all entries; the hash is
 * {@code SHA-256} of the state written as 512 big-endian bytes. The empty store's hash is
 * therefore SHA-256 of 512 zero bytes.
 *
 * <p>The {@code KNOWN_...} constants are hashes of fixed contents computed by an independent
 * implementation (Python's {@code hashlib}), as lower-case hex; they pin the definition down for
 * engines and for this class alike.
 *
 * <p>This class favours being obviously right over being fast: it rehashes every entry each time.
 * An instance accumulates entries and is not thread-safe; the static methods are.
 */
public final class ContentHashReference {

    /** Known answer, computed outside Java: the hash of the empty store (SHA-256 of 512 zero bytes). */
    public static final String KNOWN_EMPTY_STORE = "076a27c79e5ace2a3d47f9dd2e83e4ff6ea8872b3c2218f66c92b89b55f36560";

    /** Known answer, computed outside Java: the hash of the content {@code {"a": "bc"}}. */
    public static final String KNOWN_A_BC = "f47d4a97b310a7dd62cc4b38fda38f10d75e7c978f98edf84ddf63e24b6ae85b";

    /** Known answer, computed outside Java: the hash of the content {@code {"ab": "c"}}. */
    public static final String KNOWN_AB_C = "0ef79bdcc08aabbfe56042c9f5874eb6ae9e08047bc4ce5c5f2fc73aa6e507d0";

    /**
     * Known answer, computed outside Java: the hash of {@code {"": "", "apple": "red", 0xff00: 0x80}}
     * (UTF-8 text, and raw bytes written in hex).
     */
    public static final String KNOWN_THREE_ENTRIES = "1841fe5b8d155d776f1ef7fc50badda663060698ac6b3246ab44f6d72d1ff16f";

    /** Number of 64-bit lanes in the state. */
    public static final int LANES = 64;

    /** Number of SHA-256 blocks in one entry's expansion: 16 × 32 bytes = 64 lanes × 8 bytes. */
    private static final int EXPANSION_BLOCKS = 16;

    private final long[] state = new long[LANES];

    /** Creates the hash of the empty content; {@link #add} entries to it. */
    public ContentHashReference() {
    }

    /**
     * The hash of a whole store's current content, read with one {@link Store#iterate}.
     *
     * @param store the store (or transaction)
     * @return the 32-byte hash
     */
    public static byte[] hashOf(Store store) {
        ContentHashReference hash = new ContentHashReference();
        store.iterate((key, value) -> {
            hash.add(key, value);
            return true;
        });
        return hash.hash();
    }

    /**
     * The hash of the given entries.
     *
     * @param content keys to values
     * @return the 32-byte hash
     */
    public static byte[] hashOf(Map<byte[], byte[]> content) {
        ContentHashReference hash = new ContentHashReference();
        content.forEach(hash::add);
        return hash.hash();
    }

    /**
     * The hash of the empty store: SHA-256 of 512 zero bytes.
     *
     * @return the 32-byte hash
     */
    public static byte[] emptyStoreHash() {
        return new ContentHashReference().hash();
    }

    /**
     * Adds one entry: its expansion is added lane-wise to the state.
     *
     * @param key   the entry's key
     * @param value the entry's value
     * @return this, for chaining
     */
    public ContentHashReference add(byte[] key, byte[] value) {
        long[] expansion = expansion(seed(key, value));
        for (int lane = 0; lane < LANES; lane++) {
            state[lane] += expansion[lane]; // Java's long addition wraps: the sum is modulo 2^64.
        }
        return this;
    }

    /**
     * The hash of the entries added so far.
     *
     * @return the 32-byte hash
     */
    public byte[] hash() {
        ByteBuffer bytes = ByteBuffer.allocate(LANES * Long.BYTES); // big-endian by default
        for (long lane : state) {
            bytes.putLong(lane);
        }
        return sha256().digest(bytes.array());
    }

    private static byte[] seed(byte[] key, byte[] value) {
        MessageDigest digest = sha256();
        digest.update(u32(key.length));
        digest.update(key);
        digest.update(u32(value.length));
        digest.update(value);
        return digest.digest();
    }

    private static long[] expansion(byte[] seed) {
        ByteBuffer blocks = ByteBuffer.allocate(LANES * Long.BYTES);
        for (int block = 0; block < EXPANSION_BLOCKS; block++) {
            MessageDigest digest = sha256();
            digest.update(seed);
            digest.update(u32(block));
            blocks.put(digest.digest());
        }
        blocks.flip();
        long[] lanes = new long[LANES];
        for (int lane = 0; lane < LANES; lane++) {
            lanes[lane] = blocks.getLong();
        }
        return lanes;
    }

    private static byte[] u32(int n) {
        return ByteBuffer.allocate(Integer.BYTES).putInt(n).array();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            // Every Java platform must provide SHA-256 (MessageDigest javadoc), so this cannot happen.
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
