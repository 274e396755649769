package dev.skeleton.storage.file;

import dev.skeleton.storage.core.ContentHash;
import dev.skeleton.storage.core.EntryHasher;

/**
 * A value as the in-memory index of a file store holds it: either the bytes themselves
 * ({@link Inline}) or, for a value of at least the large-value threshold, a reference to the value
 * file that holds it ({@link Large}), so that large values cost the heap a few dozen bytes instead
 * of their size. Both are immutable.
 */
sealed interface StoredValue {

    /** The marker of a deleted key in a transaction's write set; compared by identity. */
    Inline TOMBSTONE = new Inline(new byte[0]);

    /** How stored values enter the content hash: inline ones by value, large ones by their seed. */
    EntryHasher<StoredValue> HASHER = new EntryHasher<>() {
        @Override
        public void add(ContentHash hash, byte[] key, StoredValue value) {
            if (value instanceof Large large) {
                hash.addSeed(large.seed());
            } else {
                hash.add(key, ((Inline) value).bytes());
            }
        }

        @Override
        public void remove(ContentHash hash, byte[] key, StoredValue value) {
            if (value instanceof Large large) {
                hash.removeSeed(large.seed());
            } else {
                hash.remove(key, ((Inline) value).bytes());
            }
        }
    };

    /**
     * The value's length in bytes.
     *
     * @return the length
     */
    int length();

    /** What a large value's reference costs in the heap, beyond its key: the record and its seed. */
    int LARGE_REFERENCE_BYTES = 96;

    /**
     * The value's weight in the store's tree: what it costs in the heap while its page is there
     * (its length, or a reference's for a large value), by which the store bounds the pages it has
     * not written yet.
     *
     * @param value the value
     * @return its weight
     */
    static long heapBytes(StoredValue value) {
        return value instanceof Large ? LARGE_REFERENCE_BYTES : value.length();
    }

    /**
     * A value held in memory.
     *
     * @param bytes the value; owned by the store, never changed nor handed out
     */
    record Inline(byte[] bytes) implements StoredValue {
        @Override
        public int length() {
            return bytes.length;
        }
    }

    /**
     * A value held in the value file {@code value-<id>}.
     *
     * @param id          the value file's number
     * @param length      the value's length
     * @param storedBytes the value file's length (smaller than {@code length} when deflated)
     * @param crc         CRC32C of the value's bytes
     * @param compressed  whether the file holds the value deflated
     * @param seed        the entry's content-hash seed ({@link ContentHash#seedDigest}), 32 bytes,
     *                    so that hashing a version never reads the value back
     */
    record Large(long id, int length, long storedBytes, int crc, boolean compressed, byte[] seed)
            implements StoredValue {
    }
}
