package dev.skeleton.storage.benchmarks;

import java.nio.file.Path;

/**
 * One persistent key-value store under measurement, behind the few operations the persistent
 * benchmarks need: the file engine or one of its references, RocksDB and H2's MVStore (and, for
 * large values only, plain files as the disk's own speed). Every benchmark method is written once
 * and runs the same code against every engine.
 *
 * <h2>Durability: equal per measurement</h2>
 * A target is opened either <em>synced</em> or <em>unsynced</em>, and every engine then gives the
 * same guarantee when {@link #put} or {@link #putAll} returns:
 * <table>
 *   <caption>What each engine does per commit</caption>
 *   <tr><th></th><th>synced: durable against power loss</th><th>unsynced: durable against a process
 *       crash only</th></tr>
 *   <tr><td>file engine</td><td>{@code sync=always}: the call returns once an {@code fsync} of the
 *       log covers its record (concurrent writers share one: group commit)</td><td>{@code sync=never}:
 *       the record is written to the log file (the operating system's page cache) before the call
 *       returns; nothing forces it</td></tr>
 *   <tr><td>RocksDB</td><td>{@code WriteOptions.setSync(true)}: the write-ahead log is
 *       {@code fsync}ed before the write returns (concurrent writers are grouped by RocksDB's write
 *       thread)</td><td>{@code WriteOptions.setSync(false)}: the write-ahead log record is handed to
 *       the operating system (the default {@code manual_wal_flush=false}) before the write
 *       returns</td></tr>
 *   <tr><td>MVStore</td><td>{@code map.put}, then {@code MVStore.commit()} (writes a new chunk to
 *       the file) and {@code MVStore.sync()} ({@code FileChannel.force(true)})</td><td>{@code map.put},
 *       then {@code MVStore.commit()} without {@code sync()}</td></tr>
 *   <tr><td>plain files</td><td>the value is written to a file of its own, the file forced and the
 *       directory forced</td><td>written, not forced</td></tr>
 * </table>
 * MVStore is opened with {@code autoCommitDisabled()}, so nothing but these calls commits; RocksDB
 * keeps its write-ahead log on ({@code disableWAL=false}). A batch ({@link #putAll}) is one atomic
 * commit in every engine: a file-engine transaction, a RocksDB {@code WriteBatch}, MVStore puts
 * followed by one commit.
 *
 * <h2>Other settings</h2>
 * Compression is off everywhere: the file engine's default {@code compression=false}, MVStore's
 * default (no {@code compress()}), and RocksDB's {@code CompressionType.NO_COMPRESSION} (RocksJava
 * would otherwise use Snappy). Everything else is each engine's default: RocksDB's 64 MB memtable,
 * 32 MiB block cache and levelled compaction, MVStore's cache of 16 MB, the file engine's whole index
 * in the heap. Keys are ordered as unsigned bytes in all three.
 *
 * <h2>Copies</h2>
 * As in {@link KeyValueTarget}, every target keeps the store contract: keys and values are copied
 * on the way in and values on the way out (MVStore, which would keep the caller's arrays, gets
 * copies; RocksDB copies into and out of native memory by itself).
 *
 * <h2>Thread safety</h2>
 * {@link #put}, {@link #putAll} and {@link #get} may be called from any number of threads at once.
 * Each JMH fork holds exactly one implementation, so the interface calls are monomorphic.
 */
interface PersistentTarget extends AutoCloseable {

    /** The {@code engine} parameter value of the file engine. */
    String FILE = "file";
    /** The {@code engine} parameter value of RocksDB. */
    String ROCKSDB = "rocksdb";
    /** The {@code engine} parameter value of H2's MVStore. */
    String MVSTORE = "mvstore";
    /** The {@code engine} parameter value of plain files, one per value: the disk's own speed. */
    String RAW_FILE = "rawfile";

    /**
     * Opens the store in {@code directory}, creating it if the directory holds none.
     *
     * @param engine    {@link #FILE}, {@link #ROCKSDB}, {@link #MVSTORE} or {@link #RAW_FILE}
     * @param directory the store's directory (it may exist, empty)
     * @param synced    whether each commit is durable against power loss (see the class comment);
     *                  the file engine saves its sync mode at create, so a reopened file store keeps
     *                  the mode it was created with
     * @return the open store
     * @throws IllegalArgumentException for an unknown engine
     */
    static PersistentTarget open(String engine, Path directory, boolean synced) {
        return switch (engine) {
            case FILE -> new FileEngineTarget(directory, synced);
            case ROCKSDB -> new RocksDbTarget(directory, synced);
            case MVSTORE -> new MvStoreTarget(directory, synced);
            case RAW_FILE -> new RawFileTarget(directory, synced);
            default -> throw new IllegalArgumentException("unknown engine " + engine + "; known: " + FILE + ", "
                    + ROCKSDB + ", " + MVSTORE + ", " + RAW_FILE);
        };
    }

    /**
     * Stores copies of a key and a value as one commit, with the durability the store was opened
     * with.
     *
     * @param key   the key
     * @param value the value
     */
    void put(byte[] key, byte[] value);

    /**
     * Stores {@code keys[from..to)} with {@code values[from..to)} as one atomic commit.
     *
     * @param keys   keys
     * @param values values, index for index
     * @param from   first index
     * @param to     index after the last
     */
    void putAll(byte[][] keys, byte[][] values, int from, int to);

    /**
     * Reads a value.
     *
     * @param key the key
     * @return a copy of the value, or null if the key is absent
     */
    byte[] get(byte[] key);

    /**
     * Shrinks the store's files as far as the engine can: RocksDB's {@code compactRange()},
     * MVStore's {@code compactFile}, two checkpoints in a row for the file engine (its only
     * compaction: afterwards the files are the newest checkpoint and empty log segments).
     */
    void compact();

    /** Closes the store; with the durability it was opened with, nothing more is forced. */
    @Override
    void close();
}
