package dev.skeleton.storage.benchmarks;

import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A persistent store in a directory of its own under {@link BenchDirectories}, the keys it holds,
 * and the loading every persistent benchmark shares. The JMH states extend it and add the
 * parameters ({@code keys}, {@code engine}) and the setup level.
 *
 * <h2>Data</h2>
 * Keys are {@link RandomData#keys}: 16 random bytes from a fixed seed, the same as the memory
 * benchmarks'. Loaded values are 100 bytes each, all different ({@link #values}), so that no
 * engine could profit from repeated values; the commit benchmarks overwrite with
 * {@link RandomData#value()}. Loads go in {@value #BATCH}-key batches, each one atomic commit
 * ({@link PersistentTarget#putAll}).
 *
 * <p>Thread safety: filled before the benchmark threads start, then only read (the store itself
 * is concurrent), so any number of benchmark threads may share it.
 */
abstract class PersistentData {

    /** Keys per atomic commit when loading. */
    static final int BATCH = 1000;

    /** The store's directory; deleted by {@link #release()}. */
    Path directory;
    /** The store under measurement. */
    PersistentTarget store;
    /** The keys the store holds, in insertion (random) order. */
    byte[][] storedKeys;
    /** The value the writing benchmarks store; the targets copy it. */
    byte[] value = RandomData.value();

    /**
     * Creates a new, empty store in a new directory.
     *
     * @param engine a {@link PersistentTarget#open} name
     * @param synced the durability of its commits
     */
    void create(String engine, boolean synced) {
        directory = BenchDirectories.create(engine);
        store = PersistentTarget.open(engine, directory, synced);
    }

    /**
     * Loads {@code count} keys with distinct values into the store, printing how long it took.
     *
     * @param count  how many keys
     * @param engine the engine's name, for the message
     */
    void fill(int count, String engine) {
        storedKeys = RandomData.keys(count);
        long start = System.nanoTime();
        load(store, storedKeys, values(count));
        System.out.printf("# Loaded %,d keys into %s in %,d ms%n", count, engine, (System.nanoTime() - start) / 1_000_000);
    }

    /**
     * Closes and reopens the store, printing how long the open took.
     *
     * @param engine the engine
     * @param synced the durability of its commits
     */
    void reopen(String engine, boolean synced) {
        store.close();
        long start = System.nanoTime();
        store = PersistentTarget.open(engine, directory, synced);
        System.out.printf("# Reopened %s in %,d ms%n", engine, (System.nanoTime() - start) / 1_000_000);
    }

    /**
     * Loads keys and values as atomic commits of {@value #BATCH}.
     *
     * @param target the store
     * @param keys   the keys
     * @param values the values, index for index
     */
    static void load(PersistentTarget target, byte[][] keys, byte[][] values) {
        for (int from = 0; from < keys.length; from += BATCH) {
            target.putAll(keys, values, from, Math.min(keys.length, from + BATCH));
        }
    }

    /**
     * {@code count} different values of {@value RandomData#VALUE_LENGTH} random bytes, from a
     * fixed seed.
     *
     * @param count how many
     * @return new arrays
     */
    static byte[][] values(int count) {
        SplittableRandom random = new SplittableRandom(0x5EED_0F_DA7AL);
        byte[][] values = new byte[count][RandomData.VALUE_LENGTH];
        for (byte[] value : values) {
            random.nextBytes(value);
        }
        return values;
    }

    /**
     * A key the store holds, drawn uniformly by the calling thread.
     *
     * @return one of {@link #storedKeys}, not a copy
     */
    byte[] randomKey() {
        return storedKeys[ThreadLocalRandom.current().nextInt(storedKeys.length)];
    }

    /** Closes the store and deletes its directory. */
    void release() {
        try {
            if (store != null) {
                store.close();
            }
        } finally {
            store = null;
            BenchDirectories.delete(directory);
            directory = null;
        }
    }
}
