package dev.skeleton.storage.multistore.metrics;

import java.util.Arrays;

/**
 * Which of one thread's operations have their duration taken: as many as keeps the cost of timing
 * within one hundredth of the time the operations take, so that timing can stay on.
 *
 * <p>Timing one operation costs two clock reads and a histogram update, about
 * {@value #TIMING_NANOS} ns on a virtual machine's clock: twice an in-memory {@code get}, nothing
 * beside a disk's {@code fsync} or a database round trip. So the gap between timed operations of a
 * kind follows the last duration taken: about 230 operations apart for a 65 ns {@code get}, every
 * one for anything that takes 15 µs or more, never more than {@value #MAX_GAP} apart on average.
 *
 * <p>Each gap is drawn evenly from 1 to twice its mean less one, not fixed: a caller that alternates
 * two keys, or a fast and a slow operation, has both timed alike. A duration is recorded with the
 * mean gap in force when its operation was chosen as its weight, so that percentiles stand for every
 * operation, not for the moments when timing was frequent.
 *
 * <p>Not thread-safe: only the thread that owns the {@link ThreadTally} uses it.
 */
final class TimingSampler {

    /** What timing one operation costs, in nanoseconds (measured on the project's 2-core VM). */
    static final long TIMING_NANOS = 150;
    /** Timing costs at most one part in this many of the time the timed operations take. */
    static final long COST_SHARE = 100;
    /** The longest mean gap: a store's figures fill in within a thousand operations of a kind. */
    static final int MAX_GAP = 1024;

    /** By kind: the count at which the next operation is timed. */
    private final long[] due;
    /** By kind: the mean gap in force when the pending operation was chosen. */
    private final int[] weight;
    /** A xorshift generator's state, never zero. */
    private int draw;

    /**
     * A sampler that times the first operation of each kind.
     *
     * @param kinds how many kinds of operation
     * @param seed  what makes this thread's gaps its own
     */
    TimingSampler(int kinds, long seed) {
        due = new long[kinds];
        weight = new int[kinds];
        Arrays.fill(weight, 1);
        draw = (int) (seed * 0x9E3779B97F4A7C15L >>> 32) | 1;
    }

    /**
     * Whether the next operation of a kind is timed.
     *
     * @param kind  the kind
     * @param count how many of that kind were counted before it
     */
    boolean isDue(int kind, long count) {
        return count >= due[kind];
    }

    /**
     * Takes note of a timed operation and chooses the next one of its kind.
     *
     * @param kind       the kind
     * @param countAfter how many of that kind are counted, this one included
     * @param nanos      how long it took
     * @return the weight to record its duration with
     */
    int timed(int kind, long countAfter, long nanos) {
        int taken = weight[kind];
        int mean = meanGap(nanos);
        weight[kind] = mean;
        due[kind] = countAfter - 1 + nextGap(mean);
        return taken;
    }

    /**
     * The mean gap between timed operations that keeps timing within {@code 1/COST_SHARE} of the
     * time operations like this one take.
     *
     * @param nanos a duration taken
     * @return between 1 and {@value #MAX_GAP}
     */
    static int meanGap(long nanos) {
        long gap = TIMING_NANOS * COST_SHARE / Math.max(1, nanos);
        return (int) Math.max(1, Math.min(MAX_GAP, gap));
    }

    /** A gap drawn evenly from 1 to {@code 2 * mean - 1}, whose mean is {@code mean}. */
    private int nextGap(int mean) {
        if (mean == 1) {
            return 1;
        }
        int x = draw;
        x ^= x << 13;
        x ^= x >>> 17;
        x ^= x << 5;
        draw = x;
        return 1 + (int) ((x & 0x7FFF_FFFFL) % (2L * mean - 1));
    }
}
