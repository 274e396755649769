package dev.skeleton.storage.benchmarks;

import dev.skeleton.storage.Config;
import dev.skeleton.storage.Store;
import dev.skeleton.storage.Transaction;
import dev.skeleton.storage.Transactional;
import dev.skeleton.storage.file.BenchmarkCheckpoints;
import dev.skeleton.storage.file.FileEngine;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The file engine under measurement: a store in {@code <directory>/store}, created with
 * {@code sync=always} (synced) or {@code sync=never} (unsynced) and otherwise the defaults
 * (compression off, 100 versions, none saved here). See {@link PersistentTarget} for what each
 * mode guarantees. The store copies keys and values in and out itself.
 */
final class FileEngineTarget implements PersistentTarget {

    private static final String NAME = "bench";

    private final Store store;
    private final Transactional transactions;

    FileEngineTarget(Path directory, boolean synced) {
        store = openOrCreate(directory, NAME, Config.of("sync", synced ? "always" : "never"));
        transactions = (Transactional) store;
    }

    /**
     * The file store in {@code directory/store}: opened if a run before left one there (its
     * configuration is then the one saved at create), else created with {@code config}.
     *
     * @param directory the benchmark's directory for the store
     * @param name      the store's name
     * @param config    the configuration of a new store
     * @return the open store
     */
    static Store openOrCreate(Path directory, String name, Config config) {
        Path path = directory.resolve("store");
        FileEngine engine = new FileEngine();
        return Files.exists(path.resolve("store.config"))
                ? engine.open(name, path.toString())
                : engine.create(name, path.toString(), config);
    }

    @Override
    public void put(byte[] key, byte[] value) {
        store.set(key, value);
    }

    @Override
    public void putAll(byte[][] keys, byte[][] values, int from, int to) {
        try (Transaction tx = transactions.beginTx()) {
            for (int i = from; i < to; i++) {
                tx.set(keys[i], values[i]);
            }
            tx.commit();
        }
    }

    @Override
    public byte[] get(byte[] key) {
        return StoreReads.getOrNull(store, key);
    }

    @Override
    public void compact() {
        // A checkpoint, then a compaction that copies the live pages into a new page file and deletes
        // the rest; a second checkpoint leaves only the newest checkpoint and an empty log segment.
        BenchmarkCheckpoints.compact(store);
        BenchmarkCheckpoints.checkpoint(store);
    }

    @Override
    public void close() {
        store.close();
    }
}
