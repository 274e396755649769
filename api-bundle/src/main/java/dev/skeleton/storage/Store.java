package dev.skeleton.storage;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * An ordered map from byte-array keys to byte-array values: the one interface every engine's
 * stores implement.
 *
 * <h2>Data</h2>
 * Keys and values are byte arrays of any length, the empty array included. Every array is copied
 * on the way in and on the way out, so a caller can never change stored data through an array it
 * passed or received. Keys are ordered by unsigned lexicographic byte order
 * ({@link java.util.Arrays#compareUnsigned(byte[], byte[])}): {@code 0x7f} sorts before
 * {@code 0x80}, and a key sorts after each of its proper prefixes.
 *
 * <h2>Optional capabilities</h2>
 * A store of an engine whose {@link Capabilities} declare transactions, versioning or range
 * queries implements {@link Transactional}, {@link Versioned} or {@link RangeQueryable}
 * respectively; callers test with {@code instanceof}.
 *
 * <h2>Iteration</h2>
 * {@link #iterate(KeyValueVisitor)} visits one consistent point-in-time view in ascending key order.
 * The visitor may read and write this store (even delete the key it is visiting) without deadlock
 * or {@link java.util.ConcurrentModificationException}; such writes are not seen by the iteration
 * in progress.
 *
 * <h2>Closing</h2>
 * After {@link #close()}, every data operation ({@code get}, {@code set}, {@code delete},
 * {@code has}, {@code iterate}, and {@code iterateRange}, {@code beginTx},
 * {@code beginReadOnlyTx}, {@code saveVersion}, {@code loadVersion} where implemented) throws
 * {@link ErrorCode#STORE_CLOSED}; {@link #name()} and {@link #path()} still answer, and
 * {@code close()} may be called again. Bad input is checked before the closed state, so a null key
 * on a closed store is {@link ErrorCode#INVALID_ARGUMENT}.
 *
 * <h2>Thread safety</h2>
 * Every method may be called from any number of threads at once. Each single operation is atomic
 * and linearizable: once {@code set} returns, every later {@code get} from any thread sees the value
 * (or a newer one). An iteration sees all writes that completed before it began and none that began
 * after it began.
 *
 * <h2>Errors</h2>
 * Every failure is a {@link StorageException}. Beyond the codes named per method, an engine may
 * throw {@link ErrorCode#IO} or {@link ErrorCode#CORRUPTED} from any data operation.
 */
@ConsumerType
public interface Store extends AutoCloseable {

    /**
     * Reads the value of a key.
     *
     * @param key the key; may be empty
     * @return a copy of the value
     * @throws StorageException {@link ErrorCode#KEY_NOT_FOUND} if the key is absent (a cheap
     *         exception without stack trace); {@link ErrorCode#INVALID_ARGUMENT} if {@code key} is
     *         null; {@link ErrorCode#STORE_CLOSED} after {@link #close()}
     */
    byte[] get(byte[] key);

    /**
     * Stores a value under a key, replacing any value it had. The empty key and the empty value are
     * valid.
     *
     * @param key   the key; copied
     * @param value the value; copied
     * @throws StorageException {@link ErrorCode#INVALID_ARGUMENT} if {@code key} or {@code value}
     *         is null; {@link ErrorCode#STORE_FULL} if the store's size limit would be passed (the
     *         store is then unchanged); {@link ErrorCode#STORE_CLOSED} after {@link #close()}
     */
    void set(byte[] key, byte[] value);

    /**
     * Removes a key. Idempotent: deleting a missing key is not an error.
     *
     * @param key the key
     * @throws StorageException {@link ErrorCode#INVALID_ARGUMENT} if {@code key} is null;
     *         {@link ErrorCode#STORE_CLOSED} after {@link #close()}
     */
    void delete(byte[] key);

    /**
     * Whether a key is present.
     *
     * @param key the key
     * @return true if the key has a value
     * @throws StorageException {@link ErrorCode#INVALID_ARGUMENT} if {@code key} is null;
     *         {@link ErrorCode#STORE_CLOSED} after {@link #close()}
     */
    boolean has(byte[] key);

    /**
     * Visits every entry of a point-in-time snapshot in ascending unsigned key order, until the
     * visitor returns false. See the class description for what the visitor may do.
     *
     * @param visitor receives copies of each key and value
     * @throws StorageException {@link ErrorCode#INVALID_ARGUMENT} if {@code visitor} is null;
     *         {@link ErrorCode#STORE_CLOSED} after {@link #close()}
     */
    void iterate(KeyValueVisitor visitor);

    /**
     * Closes the store: releases its resources and, for a persistent store, makes all written data
     * durable first. Idempotent: closing a closed store does nothing and never throws. Open
     * transactions of the store fail from then on with {@link ErrorCode#STORE_CLOSED}.
     *
     * @throws StorageException {@link ErrorCode#IO} if data could not be made durable on the first
     *         close (the store is closed all the same)
     */
    @Override
    void close();

    /**
     * The store's name, as given at creation. Answers after {@link #close()} too.
     *
     * @return the name, never null
     */
    String name();

    /**
     * The directory where the store keeps its files, as given at creation (an engine that keeps
     * no files still answers the path it was given). Answers after {@link #close()} too.
     *
     * @return the path, never null
     */
    String path();
}
