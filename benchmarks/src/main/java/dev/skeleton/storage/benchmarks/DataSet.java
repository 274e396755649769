package dev.skeleton.storage.benchmarks;

import java.util.concurrent.ThreadLocalRandom;

/**
 * A target filled with {@code count} entries of {@link RandomData}, and the keys it holds for
 * random look-ups. The JMH states extend it and add the parameters ({@code keys}, {@code target})
 * and the setup level; filling happens once per trial, outside any measurement, after a
 * {@link Ballast} of the same size is built, so that every target is measured in a heap that holds
 * other data as an application's does.
 *
 * <p>Thread safety: filled before the benchmark threads start and read-only afterwards (the
 * target itself is concurrent), so any number of benchmark threads may share it.
 */
abstract class DataSet {

    /** The keys the target holds, in the order they were inserted (random order). */
    byte[][] storedKeys;
    /** The value written by the writing benchmarks; targets copy it. */
    byte[] value;
    /** The map under measurement. */
    KeyValueTarget map;

    /**
     * Creates the target and stores {@code count} entries in it, one {@code set} each, as an
     * application would fill it; prints how long it took so slow setups show in the log.
     *
     * @param count      number of entries
     * @param targetName a {@link KeyValueTarget#create(String)} name
     * @throws IllegalStateException if the target does not end up with {@code count} keys
     */
    void fill(int count, String targetName) {
        storedKeys = RandomData.keys(count);
        value = RandomData.value();
        Ballast.hold(storedKeys, value);
        map = KeyValueTarget.create(targetName);
        long start = System.nanoTime();
        for (byte[] key : storedKeys) {
            map.set(key, value);
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        long size = map.size();
        if (size != count) {
            throw new IllegalStateException(targetName + " holds " + size + " keys after " + count
                    + " distinct sets");
        }
        System.out.println("# Filled " + targetName + " with " + count + " entries in " + millis + " ms (ballast: "
                + Ballast.size() + " entries held beside it)");
    }

    /**
     * A key the map holds, drawn uniformly by the calling thread.
     *
     * @return one of {@link #storedKeys}, not a copy
     */
    byte[] randomKey() {
        return storedKeys[ThreadLocalRandom.current().nextInt(storedKeys.length)];
    }

    /** Releases the map. */
    void release() {
        map.close();
        map = null;
        Ballast.release();
    }
}
