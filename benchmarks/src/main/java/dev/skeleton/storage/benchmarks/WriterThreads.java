package dev.skeleton.storage.benchmarks;

import dev.skeleton.storage.Store;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Threads that overwrite random keys of a store as fast as they can, one {@code set} at a time,
 * while something else happens to the store (a move), and count, for each phase of that, how many
 * writes there were, how long the slowest took and how many failed, and, for a timeline, how many
 * ended in each {@value #BUCKET_MILLIS} ms from the start of {@link #BEFORE}.
 *
 * <h2>Phases</h2>
 * {@link #enter} starts {@link #WARMING}, {@link #BEFORE}, {@link #COPYING}, {@link #SWITCHED} and
 * {@link #AFTER} in that order (one call per phase, from any thread, never two at once). A write
 * counts in the phase that was current when it <em>began</em>, with its whole latency: a write held
 * up by a move counts in the move, and a write that an engine stalled before the move counts
 * before it, however late it ends.
 *
 * <h2>Threads</h2>
 * Each writer keeps its counts in a slot of its own ({@value #STRIDE} longs apart, so that writers
 * do not share cache lines) and publishes them with ordered writes; {@link #window} may be read at
 * any time, off by at most the writes in flight. The timeline is each writer's own array, read only
 * after {@link #close()} has joined the writers. Writers are daemon threads; failed writes are
 * counted, and the first failure kept ({@link #firstFailure()}).
 */
final class WriterThreads implements AutoCloseable {

    /** Writers started, the engine settling after its load; not reported. */
    static final int WARMING = 0;
    /** The reference window before the move. */
    static final int BEFORE = 1;
    /** From the move's start until its store is seen on the new engine. */
    static final int COPYING = 2;
    /** From the switch until the move returns (it checks the copy meanwhile). */
    static final int SWITCHED = 3;
    /** After the move. */
    static final int AFTER = 4;

    /** Width of a timeline bucket. */
    static final long BUCKET_MILLIS = 500;

    private static final int PHASES = 5;
    /** Slots of one writer: writes, slowest and failures per phase, padded to 128 bytes. */
    private static final int STRIDE = 16;
    private static final int WRITES = 0;
    private static final int SLOWEST = PHASES;
    private static final int FAILURES = 2 * PHASES;
    private static final int BUCKETS = 1024;
    private static final String[] PHASE_NAMES = {"warming", "before", "copying", "switched", "after"};

    private final Store store;
    private final byte[][] keys;
    private final byte[] value;
    private final Thread[] threads;
    private final AtomicLongArray counts;
    private final long[][] timeline;
    private final AtomicLongArray phaseStart = new AtomicLongArray(PHASES);
    private final AtomicReference<Throwable> firstFailure = new AtomicReference<>();
    private volatile int phase = WARMING;
    private volatile long timelineStart = Long.MAX_VALUE;
    private volatile boolean stopped;

    /**
     * Starts the writers, in phase {@link #WARMING}.
     *
     * @param store   the store, written through this reference (a multistore handle)
     * @param keys    the keys to overwrite, drawn uniformly
     * @param value   the value every write stores
     * @param writers how many threads
     */
    WriterThreads(Store store, byte[][] keys, byte[] value, int writers) {
        this.store = store;
        this.keys = keys;
        this.value = value;
        this.threads = new Thread[writers];
        this.counts = new AtomicLongArray(writers * STRIDE);
        this.timeline = new long[writers][BUCKETS];
        phaseStart.set(WARMING, System.nanoTime());
        for (int i = 0; i < writers; i++) {
            int writer = i;
            threads[i] = new Thread(() -> write(writer), "transfer-writer-" + i);
            threads[i].setDaemon(true);
            threads[i].start();
        }
    }

    /**
     * Starts a phase; the previous one ends now.
     *
     * @param next the phase, after the current one
     */
    void enter(int next) {
        long now = System.nanoTime();
        phaseStart.set(next, now);
        if (next == BEFORE) {
            timelineStart = now;
        }
        phase = next;
    }

    /**
     * What the writers did in a phase: if the phase is still running, up to now.
     *
     * @param which the phase
     * @return its writes, slowest write, failures and duration
     */
    Window window(int which) {
        long end = which + 1 <= phase ? phaseStart.get(which + 1) : System.nanoTime();
        long writes = 0;
        long slowest = 0;
        long failures = 0;
        for (int slot = 0; slot < counts.length(); slot += STRIDE) {
            writes += counts.get(slot + WRITES + which);
            slowest = Math.max(slowest, counts.get(slot + SLOWEST + which));
            failures += counts.get(slot + FAILURES + which);
        }
        return new Window(writes, slowest, failures, end - phaseStart.get(which));
    }

    /**
     * The timeline from the start of {@link #BEFORE} to now, after {@link #close()}: writes/s in
     * each {@value #BUCKET_MILLIS} ms, in thousands, with the phase each bucket began in.
     *
     * @return e.g. "before 98k 101k ... | copying 54k 0k ... | switched 310k ... | after 320k"
     */
    String timeline() {
        long buckets = Math.min(BUCKETS, (System.nanoTime() - timelineStart) / (BUCKET_MILLIS * 1_000_000) + 1);
        StringBuilder text = new StringBuilder();
        int shownPhase = -1;
        for (int bucket = 0; bucket < buckets; bucket++) {
            int bucketPhase = phaseAt(timelineStart + bucket * BUCKET_MILLIS * 1_000_000);
            if (bucketPhase != shownPhase) {
                text.append(shownPhase < 0 ? "" : " |").append(' ').append(PHASE_NAMES[bucketPhase]);
                shownPhase = bucketPhase;
            }
            long writes = 0;
            for (long[] own : timeline) {
                writes += own[bucket];
            }
            text.append(' ').append(Math.round(writes * (1000.0 / BUCKET_MILLIS) / 1000)).append('k');
        }
        return text.toString();
    }

    private int phaseAt(long nanos) {
        int at = WARMING;
        for (int candidate = BEFORE; candidate <= phase; candidate++) {
            if (phaseStart.get(candidate) <= nanos) {
                at = candidate;
            }
        }
        return at;
    }

    /**
     * The first write that failed, if any.
     *
     * @return the failure, or null
     */
    Throwable firstFailure() {
        return firstFailure.get();
    }

    /** Stops and joins the writers. */
    @Override
    public void close() {
        stopped = true;
        for (Thread thread : threads) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void write(int writer) {
        int slot = writer * STRIDE;
        long[] own = new long[STRIDE];
        long[] buckets = timeline[writer];
        ThreadLocalRandom random = ThreadLocalRandom.current();
        while (!stopped) {
            byte[] key = keys[random.nextInt(keys.length)];
            int began = phase;
            long start = System.nanoTime();
            boolean failed = false;
            try {
                store.set(key, value);
            } catch (RuntimeException e) {
                failed = true;
                firstFailure.compareAndSet(null, e);
            }
            long end = System.nanoTime();
            int counter = (failed ? FAILURES : WRITES) + began;
            publish(slot, own, counter, own[counter] + 1);
            if (end - start > own[SLOWEST + began]) {
                publish(slot, own, SLOWEST + began, end - start);
            }
            long sinceStart = end - timelineStart;
            if (!failed && sinceStart >= 0) {
                buckets[(int) Math.min(BUCKETS - 1, sinceStart / (BUCKET_MILLIS * 1_000_000))]++;
            }
        }
    }

    private void publish(int slot, long[] own, int index, long newValue) {
        own[index] = newValue;
        counts.lazySet(slot + index, newValue);
    }

    /**
     * The writers' figures for one phase.
     *
     * @param writes        writes that began in it and succeeded
     * @param slowestNanos  the longest single write (failed or not) that began in it
     * @param failures      writes that began in it and failed
     * @param nanos         how long the phase lasted
     */
    record Window(long writes, long slowestNanos, long failures, long nanos) {

        /**
         * Successful writes per second.
         *
         * @return the rate
         */
        double writesPerSecond() {
            return writes / (nanos / 1e9);
        }

        /**
         * The longest write in milliseconds.
         *
         * @return milliseconds
         */
        double slowestMillis() {
            return slowestNanos / 1e6;
        }
    }
}
