package dev.skeleton.storage.benchmarks;

import java.util.Arrays;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * Other data of the same size as the data set, held by the benchmark's JVM while it measures: an
 * application's heap is never empty, and a structure that allocates on every write costs what it
 * costs only when the collector has live data to trace and old regions to keep. Without it,
 * copy-on-write looks cheaper than it is (a young collection over an otherwise empty heap is
 * almost free).
 *
 * <p>The ballast is a {@link ConcurrentSkipListMap} of fresh copies of every key and value of the
 * data set, the same for every target, built before the target is filled and dropped with it.
 * It is only held, never read during measurement.
 */
final class Ballast {

    /** The ballast of the running trial; static so that nothing the benchmark reads refers to it. */
    private static volatile ConcurrentSkipListMap<ByteArrayKey, byte[]> held;

    private Ballast() {
    }

    /**
     * Builds and holds a ballast of {@code keys.length} entries.
     *
     * @param keys  the data set's keys (copied)
     * @param value the data set's value (copied for every entry)
     */
    static void hold(byte[][] keys, byte[] value) {
        ConcurrentSkipListMap<ByteArrayKey, byte[]> map = new ConcurrentSkipListMap<>(
                (one, other) -> Arrays.compareUnsigned(one.bytes(), other.bytes()));
        for (byte[] key : keys) {
            map.put(new ByteArrayKey(key.clone()), value.clone());
        }
        held = map;
    }

    /**
     * How many entries the ballast holds, to print beside the fill.
     *
     * @return the count, 0 when none is held
     */
    static int size() {
        ConcurrentSkipListMap<ByteArrayKey, byte[]> map = held;
        return map == null ? 0 : map.size();
    }

    /** Lets the ballast go. */
    static void release() {
        held = null;
    }
}
