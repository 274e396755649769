package dev.skeleton.storage.benchmarks;

import java.nio.file.Path;

/**
 * One store under the large-store benchmarks (more data than the 256 MiB heap they run with): the
 * file engine, RocksDB or H2's MVStore, behind the three operations those benchmarks need. Every
 * write is unsynced, in each engine's own way:
 * <table>
 *   <caption>What a put leaves behind when it returns</caption>
 *   <tr><td>file engine</td><td>{@code sync=never}: the record is written to the log file (the
 *       operating system's page cache), nothing forced ({@link LargeFileEngineTarget})</td></tr>
 *   <tr><td>RocksDB</td><td>{@code disableWAL=false}, {@code WriteOptions.setSync(false)}: the
 *       write-ahead log record is handed to the operating system ({@link RocksDbTarget},
 *       unsynced)</td></tr>
 *   <tr><td>MVStore</td><td>the default auto-commit: the put is in the map in memory; a background
 *       thread commits about once a second, or sooner once changes of about 1 MB on disk are waiting
 *       ({@code autoCommitDelay} 1000 ms and {@code autoCommitBufferSize} 1024 KB)
 *       ({@link LargeMvStoreTarget})</td></tr>
 * </table>
 * So MVStore's puts promise the least (a process crash loses up to a second of them), which is
 * how an application that leaves MVStore at its defaults runs it. Unlike {@link PersistentTarget},
 * a put is not an atomic commit of its own in every engine; these benchmarks do not need one.
 *
 * <p>Caches: the file engine's is {@code cache_size} when the benchmark passes it (the engine's
 * default otherwise); RocksDB keeps its defaults (64 MB memtable and its block cache, both outside
 * the Java heap), MVStore its 16 MB page cache on the heap. Keys and values are copied in and out,
 * as the store contract demands.
 *
 * <p>Thread safety: {@link #put} and {@link #get} may be called from any number of threads at once.
 */
interface LargeTarget extends AutoCloseable {

    /**
     * Opens the store in {@code directory}, creating it if the directory holds none.
     *
     * @param target    {@link PersistentTarget#FILE}, {@link PersistentTarget#ROCKSDB} or
     *                  {@link PersistentTarget#MVSTORE}
     * @param directory the store's directory (it may exist, empty)
     * @param cacheSize the file engine's {@code cache_size} for a new store, or empty to leave the key
     *                  out; the other engines ignore it
     * @return the open store
     * @throws IllegalArgumentException for an unknown target
     */
    static LargeTarget open(String target, Path directory, String cacheSize) {
        return switch (target) {
            case PersistentTarget.FILE -> new LargeFileEngineTarget(directory, cacheSize);
            case PersistentTarget.ROCKSDB -> new LargeRocksDbTarget(directory);
            case PersistentTarget.MVSTORE -> new LargeMvStoreTarget(directory);
            default -> throw new IllegalArgumentException("unknown target " + target + "; known: "
                    + PersistentTarget.FILE + ", " + PersistentTarget.ROCKSDB + ", " + PersistentTarget.MVSTORE);
        };
    }

    /**
     * Stores copies of a key and a value, unsynced (see the class comment).
     *
     * @param key   the key
     * @param value the value
     */
    void put(byte[] key, byte[] value);

    /**
     * Reads a value.
     *
     * @param key the key
     * @return a copy of the value, or null if the key is absent
     */
    byte[] get(byte[] key);

    /** Closes the store, writing what the engine writes at a clean close. */
    @Override
    void close();
}
