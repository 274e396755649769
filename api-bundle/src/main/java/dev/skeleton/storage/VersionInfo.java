package dev.skeleton.storage;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * A saved version: its number and the hash of its content.
 *
 * <h2>The content hash (definition, version 1)</h2>
 * The hash depends on the content alone &mdash; the set of (key, value) entries &mdash; and is the
 * same in every engine, whatever the history that produced the content. It is a homomorphic
 * multiset hash in the style of LtHash: a 512-byte state that is the lane-wise sum of a wide
 * expansion of each entry, finalised with SHA-256. Written with {@code u32(n)} for the 4-byte
 * big-endian encoding of {@code n} and {@code ||} for concatenation:
 * <ol>
 *   <li>For each entry, its seed is {@code s = SHA-256(u32(len(key)) || key || u32(len(value)) ||
 *       value)}. Framing each part by its length makes {@code {"a":"bc"}} and {@code {"ab":"c"}}
 *       different entries.</li>
 *   <li>Its expansion is the 512 bytes {@code SHA-256(s || u32(0)) || SHA-256(s || u32(1)) || ... ||
 *       SHA-256(s || u32(15))}, read as 64 lanes, each an unsigned 64-bit big-endian integer.</li>
 *   <li>The state is the lane-wise sum, modulo 2<sup>64</sup>, of the expansions of all entries
 *       (all zeros for the empty store).</li>
 *   <li>The hash is {@code SHA-256(state)}, the state written as 64 big-endian 64-bit lanes (512
 *       bytes): 32 bytes. The empty store's hash is therefore SHA-256 of 512 zero bytes.</li>
 * </ol>
 *
 * <h2>Why this definition</h2>
 * The state is additive: setting a new key adds its expansion, deleting subtracts it, replacing a
 * value subtracts the old expansion and adds the new one. Every engine &mdash; in memory, on files,
 * on a remote SQL database &mdash; can therefore keep the hash up to date at a cost proportional to
 * what changed since the last save (one entry hash plus 16 one-block hashes per changed entry),
 * without holding any particular structure. A Merkle tree would need a tree whose shape depends
 * only on the content, which only some engines hold. 64 lanes of 64 bits make a 4096-bit state:
 * the best known generic attack on such sums (Wagner's generalized birthday) costs about
 * 2<sup>128</sup> operations, and the final SHA-256 keeps the published hash at 32 bytes.
 *
 * <p>The record is immutable: the hash array is copied on the way in and on the way out.
 * {@link #equals(Object)} and {@link #hashCode()} compare the hash by content.
 *
 * @param version the version number, 1 or more
 * @param hash    the 32-byte content hash
 */
public record VersionInfo(long version, byte[] hash) {

    /** Length of {@link #hash()} in bytes. */
    public static final int HASH_LENGTH = 32;

    /**
     * Validates and copies.
     *
     * @throws StorageException {@link ErrorCode#INVALID_ARGUMENT} if {@code version} is below 1 or
     *         {@code hash} is not 32 bytes
     */
    public VersionInfo {
        if (version < 1) {
            throw new StorageException(ErrorCode.INVALID_ARGUMENT,
                    "version must be 1 or more, was " + version);
        }
        if (hash == null || hash.length != HASH_LENGTH) {
            throw new StorageException(ErrorCode.INVALID_ARGUMENT, "version hash must be "
                    + HASH_LENGTH + " bytes, was " + (hash == null ? "null" : hash.length + " bytes"));
        }
        hash = hash.clone();
    }

    /**
     * The content hash.
     *
     * @return a copy of the 32-byte hash
     */
    @Override
    public byte[] hash() {
        return hash.clone();
    }

    /**
     * The content hash as 64 lower-case hex digits.
     *
     * @return the hash in hex
     */
    public String hashHex() {
        return HexFormat.of().formatHex(hash);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VersionInfo other && version == other.version
                && Arrays.equals(hash, other.hash);
    }

    @Override
    public int hashCode() {
        return 31 * Long.hashCode(version) + Arrays.hashCode(hash);
    }

    @Override
    public String toString() {
        return "VersionInfo[version=" + version + ", hash=" + hashHex() + "]";
    }
}
