package dev.skeleton.storage.benchmarks;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The entries of the large-store benchmarks: entry {@code i} of {@code count} is computed from
 * {@code i} when it is needed instead of being held in arrays, because the arrays
 * {@link PersistentData} keeps would take about 1.5 GB at 10,000,000 entries, six times the heap
 * these benchmarks run with, and would hide the engine's own heap in the figures.
 *
 * <p>The data has the shape of {@link RandomData}: keys of {@value RandomData#KEY_LENGTH} random
 * bytes, values of {@value RandomData#VALUE_LENGTH} random bytes, all different, fixed seeds (the
 * same entries in every run and every engine). Key {@code i} is the SplitMix64 finalizer (a
 * bijection of 64-bit values) of {@code i} followed by the finalizer of that, big-endian: its first
 * eight bytes alone tell every index apart, so no two keys are equal, and consecutive indexes land
 * anywhere in the key space, so loading indexes {@code 0, 1, 2...} loads in random key order.
 * Value {@code i} is {@link SplittableRandom}'s bytes from a seed derived from {@code i}.
 *
 * <p>Thread safety: stateless; any number of threads may call it.
 */
final class LargeData {

    private static final long KEY_SEED = 42L;
    private static final long VALUE_SEED = 0x5EED_0F_DA7AL;
    /** Interruption is checked once per 4,096 puts: cheap, and still within a fraction of a second. */
    private static final int INTERRUPT_CHECK_MASK = 4095;

    private LargeData() {
    }

    /**
     * The key of an entry.
     *
     * @param index the entry, from 0
     * @return a new array of {@value RandomData#KEY_LENGTH} bytes
     */
    static byte[] key(long index) {
        long high = mix(index ^ KEY_SEED);
        return ByteBuffer.allocate(RandomData.KEY_LENGTH).putLong(high).putLong(mix(high)).array();
    }

    /**
     * The value of an entry.
     *
     * @param index the entry, from 0
     * @return a new array of {@value RandomData#VALUE_LENGTH} bytes
     */
    static byte[] value(long index) {
        byte[] value = new byte[RandomData.VALUE_LENGTH];
        new SplittableRandom(mix(index ^ VALUE_SEED)).nextBytes(value);
        return value;
    }

    /**
     * An entry drawn uniformly by the calling thread.
     *
     * @param count how many entries the store holds
     * @return an index in {@code [0, count)}
     */
    static int randomIndex(int count) {
        return ThreadLocalRandom.current().nextInt(count);
    }

    /**
     * Puts entries {@code 0..count-1}, one {@link LargeTarget#put} each. Stops when the thread is
     * interrupted, which is how JMH ends an iteration that ran over its time limit: a load that
     * ignored it would keep the fork busy for as long as it takes.
     *
     * @param target the store
     * @param count  how many entries
     * @throws IllegalStateException if interrupted, saying how far the load got
     */
    static void putAll(LargeTarget target, int count) {
        for (int i = 0; i < count; i++) {
            if ((i & INTERRUPT_CHECK_MASK) == 0 && Thread.currentThread().isInterrupted()) {
                throw new IllegalStateException(String.format("load interrupted after %,d of %,d puts", i, count));
            }
            target.put(key(i), value(i));
        }
    }

    /**
     * Checks that the first and the last entry are in a store, as a loaded store must hold them.
     *
     * @param target the store
     * @param count  how many entries it should hold
     * @param name   the store's name, for the message
     * @throws IllegalStateException if one is missing or has another value
     */
    static void requireLoaded(LargeTarget target, int count, String name) {
        for (int index : new int[] {0, count - 1}) {
            byte[] stored = target.get(key(index));
            if (stored == null || !Arrays.equals(stored, value(index))) {
                throw new IllegalStateException(name + " does not hold entry " + index + " of " + count
                        + (stored == null ? " (missing)" : " (another value)"));
            }
        }
    }

    /** The SplitMix64 finalizer: a bijection that spreads neighbouring inputs over all 64 bits. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
