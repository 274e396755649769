package dev.skeleton.storage;

import java.time.Duration;
import java.util.HexFormat;

/**
 * What a finished export, import, verification, copy or move of a {@link MultiStore} did.
 *
 * <p>The record is immutable: the hash array is copied on the way in and on the way out.
 *
 * <p>Added in version 1.1 of this package.
 *
 * @param storeName    the store exported, imported, copied to, or moved; for a verification, the
 *                     name the dump was taken from
 * @param sourceEngine the engine the data came from (for an import or verification: the engine of
 *                     origin written in the dump)
 * @param targetEngine the engine the data went to; null for an export and a verification
 * @param entries      entries carried
 * @param bytes        bytes of keys and values carried
 * @param hash         the content hash (as defined in {@link VersionInfo}) of what was carried,
 *                     checked on both sides; 32 bytes
 * @param elapsed      how long the operation took
 * @param longestPause the longest time a writer of the store was held up (a move only; zero
 *                     otherwise)
 */
public record TransferReport(String storeName, String sourceEngine, String targetEngine, long entries,
                             long bytes, byte[] hash, Duration elapsed, Duration longestPause) {

    /**
     * Validates and copies.
     *
     * @throws StorageException {@link ErrorCode#INVALID_ARGUMENT} if the hash is not 32 bytes or a
     *         duration is null
     */
    public TransferReport {
        if (hash == null || hash.length != VersionInfo.HASH_LENGTH) {
            throw new StorageException(ErrorCode.INVALID_ARGUMENT, "transfer hash must be "
                    + VersionInfo.HASH_LENGTH + " bytes, was " + (hash == null ? "null" : hash.length + " bytes"));
        }
        if (elapsed == null || longestPause == null) {
            throw new StorageException(ErrorCode.INVALID_ARGUMENT, "transfer durations must not be null");
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
}
