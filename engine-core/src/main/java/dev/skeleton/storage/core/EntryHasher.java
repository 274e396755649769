package dev.skeleton.storage.core;

/**
 * How the entries of a store, whose values are of the engine's own type, enter a
 * {@link ContentHash}. An engine that holds plain byte arrays uses {@link #BYTES}; an engine that
 * keeps some values on disk hashes those from a seed it computed when it wrote them
 * ({@link ContentHash#addSeed}), so that hashing never reads them back.
 *
 * <p>Implementations must be stateless and thread-safe: {@link VersionHistory} hashes large change
 * sets on several threads, each into its own accumulator.
 *
 * @param <V> the value type
 */
public interface EntryHasher<V> {

    /** Hashes plain byte-array values with {@link ContentHash#add} and {@link ContentHash#remove}. */
    EntryHasher<byte[]> BYTES = new EntryHasher<>() {
        @Override
        public void add(ContentHash hash, byte[] key, byte[] value) {
            hash.add(key, value);
        }

        @Override
        public void remove(ContentHash hash, byte[] key, byte[] value) {
            hash.remove(key, value);
        }
    };

    /**
     * Accounts for an entry joining the content.
     *
     * @param hash  the accumulator
     * @param key   the key
     * @param value the stored value
     */
    void add(ContentHash hash, byte[] key, V value);

    /**
     * Accounts for an entry leaving the content.
     *
     * @param hash  the accumulator
     * @param key   the key
     * @param value the stored value it had
     */
    void remove(ContentHash hash, byte[] key, V value);
}
