package dev.skeleton.storage.benchmarks;

import dev.skeleton.storage.Config;
import dev.skeleton.storage.Engine;
import dev.skeleton.storage.MultiStore;
import dev.skeleton.storage.MultiStoreConfig;
import dev.skeleton.storage.Transaction;
import dev.skeleton.storage.Transactional;
import dev.skeleton.storage.multistore.DefaultMultiStore;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * A multistore in a directory of its own under {@link BenchDirectories}, with the engines a transfer
 * benchmark needs registered, and the data it stores: the keys and distinct values of
 * {@link PersistentData} ({@link RandomData#keys}, {@link PersistentData#values}), the same entries as
 * the file engine's bulk load. The JMH states of the transfer benchmarks extend it and add the
 * parameters and set-up levels.
 *
 * <p>Thread safety: set up before the benchmark threads start, then only read (the multistore itself
 * is concurrent).
 */
abstract class TransferData {

    /** The store the benchmarks export, import into or move. */
    static final String STORE = "bench";

    /** The multistore's root; deleted by {@link #release()}. */
    Path directory;
    /** The multistore under measurement. */
    MultiStore stores;
    /** The keys, in insertion (random) order. */
    byte[][] storedKeys;
    /** The values of {@link #storedKeys}, index for index, all different. */
    byte[][] values;

    /**
     * Draws the keys and values.
     *
     * @param count how many
     */
    void draw(int count) {
        storedKeys = RandomData.keys(count);
        values = PersistentData.values(count);
    }

    /**
     * A new multistore in a new directory, with these engines.
     *
     * @param prefix  the start of the directory's name
     * @param engines the engines to register
     */
    void open(String prefix, Engine... engines) {
        directory = BenchDirectories.create(prefix);
        stores = new DefaultMultiStore(MultiStoreConfig.of(directory));
        for (Engine engine : engines) {
            stores.registerEngine(engine);
        }
    }

    /**
     * Creates a store and loads {@link #storedKeys} into it through its handle, in atomic commits of
     * {@value PersistentData#BATCH} as the file engine's bulk load does; prints how long it took.
     *
     * @param name   the store
     * @param engine its engine
     * @param config its configuration
     */
    void fill(String name, String engine, Config config) {
        stores.createStore(name, engine, config);
        Transactional handle = (Transactional) stores.getStore(name);
        long start = System.nanoTime();
        for (int from = 0; from < storedKeys.length; from += PersistentData.BATCH) {
            try (Transaction tx = handle.beginTx()) {
                for (int i = from; i < Math.min(storedKeys.length, from + PersistentData.BATCH); i++) {
                    tx.set(storedKeys[i], values[i]);
                }
                tx.commit();
            }
        }
        System.out.printf("# Loaded %,d keys into store %s on %s in %,d ms%n", storedKeys.length, name, engine,
                (System.nanoTime() - start) / 1_000_000);
    }

    /**
     * The indexes of {@link #storedKeys} in ascending unsigned key order: the order of a dump.
     *
     * @return a new array
     */
    int[] keyOrder() {
        Comparator<Integer> byKey = (a, b) -> Arrays.compareUnsigned(storedKeys[a], storedKeys[b]);
        return IntStream.range(0, storedKeys.length).boxed().sorted(byKey).mapToInt(Integer::intValue).toArray();
    }

    /** Closes the multistore and deletes its directory. */
    void release() {
        try {
            if (stores != null) {
                stores.close();
            }
        } finally {
            stores = null;
            BenchDirectories.delete(directory);
            directory = null;
        }
    }
}
