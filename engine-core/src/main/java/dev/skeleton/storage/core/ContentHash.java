package dev.skeleton.storage.core;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;

/**
 * The content hash of a store, as defined in the javadoc of
 * {@link dev.skeleton.storage.VersionInfo} (version 1), kept up to date entry by entry.
 *
 * <h2>How it works</h2>
 * The state is 64 unsigned 64-bit lanes. {@link #add} computes the entry's seed
 * {@code s = SHA-256(u32(len(key)) || key || u32(len(value)) || value)}, expands it into 16
 * SHA-256 blocks {@code SHA-256(s || u32(i))} read as 64 big-endian lanes, and adds them to the
 * state lane by lane modulo 2<sup>64</sup> (Java's {@code long} addition wraps, which is exactly
 * that); {@link #remove} subtracts them. Because addition commutes and subtraction undoes it, the
 * state depends on the set of entries alone, whatever the order or history of the changes.
 * {@link #digest()} hashes the 512-byte big-endian state with SHA-256.
 *
 * <p>A change costs one seed hash (one SHA-256 block for small entries) plus 16 one-block hashes.
 * The accumulator reuses one {@link MessageDigest} and fixed scratch buffers, so it allocates
 * nothing per entry. Replacing a value is {@code remove(key, oldValue)} then
 * {@code add(key, newValue)}.
 *
 * <p>Not thread-safe: an owner keeps it under the write lock that guards its data, and hands a
 * {@link #copy()} to whoever needs a stable state. Keys and values must not be null.
 */
public final class ContentHash {

    private static final int LANES = 64;
    private static final int LANES_PER_BLOCK = 4;
    private static final int BLOCKS = LANES / LANES_PER_BLOCK;
    private static final int SHA256_BYTES = 32;
    private static final VarHandle BIG_ENDIAN_LONG =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle BIG_ENDIAN_INT =
            MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);

    private final long[] lanes;
    /**
     * Made at first use: an accumulator is part of every open store, and the first SHA-256 of a
     * JVM sets up the security providers (about 15 ms of a fresh JVM's open otherwise).
     */
    private MessageDigest sha256;
    /** The entry's seed followed by the block counter: the input of one expansion block. */
    private final byte[] seedAndCounter = new byte[SHA256_BYTES + Integer.BYTES];
    private final byte[] block = new byte[SHA256_BYTES];
    private final byte[] length = new byte[Integer.BYTES];

    /** The state of the empty store: all lanes zero. */
    public ContentHash() {
        this(new long[LANES]);
    }

    private ContentHash(long[] lanes) {
        this.lanes = lanes;
    }

    /**
     * Computes the hash of a whole content from scratch.
     *
     * @param entries the entries (key, value), each key once
     * @return the 32-byte hash
     */
    public static byte[] of(Iterable<Map.Entry<byte[], byte[]>> entries) {
        ContentHash hash = new ContentHash();
        for (Map.Entry<byte[], byte[]> entry : entries) {
            hash.add(entry.getKey(), entry.getValue());
        }
        return hash.digest();
    }

    /**
     * Accounts for an entry joining the content.
     *
     * @param key   the key, not null
     * @param value the value, not null
     */
    public void add(byte[] key, byte[] value) {
        expandSeed(key, value, +1);
    }

    /**
     * Accounts for an entry leaving the content; undoes an {@link #add} of the same entry.
     *
     * @param key   the key, not null
     * @param value the value it had, not null
     */
    public void remove(byte[] key, byte[] value) {
        expandSeed(key, value, -1);
    }

    /**
     * Adds another accumulator's state to this one: the content becomes the union of both
     * multisets. Since the state is a lane-wise sum, independent parts of a change can be hashed in
     * separate accumulators (and threads) and combined here.
     *
     * @param delta the other accumulator; unchanged
     */
    public void include(ContentHash delta) {
        for (int lane = 0; lane < LANES; lane++) {
            lanes[lane] += delta.lanes[lane];
        }
    }

    /**
     * An independent accumulator in the same state.
     *
     * @return a copy; changes to either do not affect the other
     */
    public ContentHash copy() {
        return new ContentHash(lanes.clone());
    }

    /**
     * The accumulator's state, for engines that keep it outside memory (a database row): the 64
     * lanes, big-endian. {@link #fromState} reads it back.
     *
     * @return 512 bytes
     */
    public byte[] state() {
        byte[] state = new byte[LANES * Long.BYTES];
        for (int lane = 0; lane < LANES; lane++) {
            BIG_ENDIAN_LONG.set(state, lane * Long.BYTES, lanes[lane]);
        }
        return state;
    }

    /**
     * An accumulator in a state that {@link #state()} gave.
     *
     * @param state 512 bytes
     * @return the accumulator
     * @throws IllegalArgumentException if the state has another length
     */
    public static ContentHash fromState(byte[] state) {
        if (state.length != LANES * Long.BYTES) {
            throw new IllegalArgumentException("a content hash state has " + LANES * Long.BYTES + " bytes, not "
                    + state.length);
        }
        long[] lanes = new long[LANES];
        for (int lane = 0; lane < LANES; lane++) {
            lanes[lane] = (long) BIG_ENDIAN_LONG.get(state, lane * Long.BYTES);
        }
        return new ContentHash(lanes);
    }

    /**
     * The hash of the current content. Does not change the state.
     *
     * @return {@code SHA-256} of the 64 lanes written big-endian: 32 bytes
     */
    public byte[] digest() {
        return sha256().digest(state());
    }

    /**
     * Accounts for an entry joining the content, given its seed instead of its value: for engines
     * that keep large values on disk and computed the seed once, when the value was written.
     *
     * @param seed the entry's seed, as {@link #seedDigest} computes it: 32 bytes
     */
    public void addSeed(byte[] seed) {
        expandGivenSeed(seed, +1);
    }

    /**
     * Accounts for an entry leaving the content, given its seed; undoes {@link #addSeed}.
     *
     * @param seed the entry's seed: 32 bytes
     */
    public void removeSeed(byte[] seed) {
        expandGivenSeed(seed, -1);
    }

    /**
     * A SHA-256 digest primed with everything of an entry's seed that precedes the value's bytes:
     * the length-framed key and the value's length. Feeding it the value's bytes, in order and in
     * any number of pieces, and calling {@link MessageDigest#digest()} gives the seed that
     * {@link #addSeed} takes. It lets an engine hash a large value while it streams it to disk,
     * without holding a second copy.
     *
     * @param key         the entry's key
     * @param valueLength the number of value bytes that will follow
     * @return a fresh digest, owned by the caller
     */
    public static MessageDigest seedDigest(byte[] key, int valueLength) {
        MessageDigest digest = newSha256();
        byte[] frame = new byte[Integer.BYTES];
        BIG_ENDIAN_INT.set(frame, 0, key.length);
        digest.update(frame);
        digest.update(key);
        BIG_ENDIAN_INT.set(frame, 0, valueLength);
        digest.update(frame);
        return digest;
    }

    /** Adds ({@code sign} +1) or subtracts ({@code sign} -1) the entry's expansion. */
    private void expandSeed(byte[] key, byte[] value, long sign) {
        writeSeed(key, value);
        expand(sign);
    }

    private void expandGivenSeed(byte[] seed, long sign) {
        if (seed.length != SHA256_BYTES) {
            throw new IllegalArgumentException("a seed has " + SHA256_BYTES + " bytes, not " + seed.length);
        }
        System.arraycopy(seed, 0, seedAndCounter, 0, SHA256_BYTES);
        expand(sign);
    }

    /** Expands the seed in the first 32 bytes of {@link #seedAndCounter} into the lanes. */
    private void expand(long sign) {
        for (int blockIndex = 0; blockIndex < BLOCKS; blockIndex++) {
            BIG_ENDIAN_INT.set(seedAndCounter, SHA256_BYTES, blockIndex);
            sha256().update(seedAndCounter);
            finish(block);
            for (int i = 0; i < LANES_PER_BLOCK; i++) {
                long lane = (long) BIG_ENDIAN_LONG.get(block, i * Long.BYTES);
                lanes[blockIndex * LANES_PER_BLOCK + i] += sign * lane;
            }
        }
    }

    /** Writes the entry's seed into the first 32 bytes of {@link #seedAndCounter}. */
    private void writeSeed(byte[] key, byte[] value) {
        updateLengthFramed(key);
        updateLengthFramed(value);
        finish(seedAndCounter);
    }

    private void updateLengthFramed(byte[] part) {
        BIG_ENDIAN_INT.set(length, 0, part.length);
        MessageDigest digest = sha256();
        digest.update(length);
        digest.update(part);
    }

    /** Completes the pending SHA-256 into the first 32 bytes of {@code target}. */
    private void finish(byte[] target) {
        try {
            sha256().digest(target, 0, SHA256_BYTES);
        } catch (DigestException e) {
            throw new IllegalStateException("SHA-256 refused a 32-byte output buffer", e);
        }
    }

    private MessageDigest sha256() {
        if (sha256 == null) {
            sha256 = newSha256();
        }
        return sha256;
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform provides SHA-256", e);
        }
    }
}
