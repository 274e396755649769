package dev.skeleton.storage.multistore.metrics;

import dev.skeleton.storage.LatencyPercentiles;
import dev.skeleton.storage.StoreStats;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one store's handle counts: operations by kind, bytes read and written, and the durations
 * of reads, writes and commits. The handle owns it, so the counts outlive the engine stores behind
 * the handle (an engine that leaves and comes back, a move to another engine).
 *
 * <p>Counting goes through the calling thread's {@link ThreadTally}; the durations of reads and
 * writes are sampled as {@link TimingSampler} chooses (timing costs twice an in-memory {@code get}:
 * the counting alone measured within the noise) and those of commits all taken, into
 * {@link LatencyRecorder}s. A meter made {@linkplain #off() off} hands out no tally: the handle then
 * counts nothing, which is how the cost of metrics is measured.
 *
 * <h2>Lock model</h2>
 * Writers take no lock: each writes its own tally. {@link #tallies} is a list guarded by this meter
 * that a new thread's first operation joins and {@link #totals} reads; a tally whose thread has
 * ended is folded into {@link #ended} there, and by a join once the list has doubled since the
 * last fold, so that short-lived threads do not pile up even when nobody reads the figures.
 */
public final class StoreMeter {

    private static final StoreMeter OFF = new StoreMeter(false);

    private final boolean on;
    private final ThreadLocal<ThreadTally> local = ThreadLocal.withInitial(this::join);
    /** Guarded by this. */
    private final List<ThreadTally> tallies = new ArrayList<>();
    /** The counts of tallies whose threads ended; guarded by this. */
    private final long[] ended = new long[ThreadTally.SLOT_COUNT];
    /** How many tallies make the next join fold those of ended threads; guarded by this. */
    private int sweepAt = MIN_SWEEP;
    private static final int MIN_SWEEP = 64;
    private final LatencyRecorder reads = new LatencyRecorder();
    private final LatencyRecorder writes = new LatencyRecorder();
    private final LatencyRecorder commits = new LatencyRecorder();

    private StoreMeter(boolean on) {
        this.on = on;
    }

    /** A meter that counts. */
    public static StoreMeter on() {
        return new StoreMeter(true);
    }

    /** The meter that counts nothing (shared: it holds nothing). */
    public static StoreMeter off() {
        return OFF;
    }

    /**
     * The calling thread's tally, made on its first use.
     *
     * @return the tally, or null if this meter is off
     */
    public ThreadTally tally() {
        return on ? local.get() : null;
    }

    /**
     * Records the duration of one commit (every commit is timed: it costs far more than the clock).
     *
     * @param nanos how long it took
     */
    public void commitTook(long nanos) {
        if (on) {
            commits.record(nanos);
        }
    }

    /** How many tallies are kept now, ended threads' not yet folded included. */
    synchronized int tallies() {
        return tallies.size();
    }

    LatencyRecorder reads() {
        return reads;
    }

    LatencyRecorder writes() {
        return writes;
    }

    private synchronized ThreadTally join() {
        if (tallies.size() >= sweepAt) {
            // Threads that come and go (a thread per request, Gogo's per command) would otherwise
            // leave a tally each until someone reads the figures: fold them here, amortized.
            foldEnded();
            sweepAt = Math.max(MIN_SWEEP, 2 * tallies.size());
        }
        ThreadTally tally = new ThreadTally(this, Thread.currentThread());
        tallies.add(tally);
        return tally;
    }

    /** Folds the tallies of ended threads into {@link #ended}; under this meter's lock. */
    private void foldEnded() {
        for (var it = tallies.iterator(); it.hasNext();) {
            ThreadTally tally = it.next();
            if (tally.ownerEnded()) {
                // Its thread adds nothing more (its end happens-before isAlive() said so).
                tally.addTo(ended);
                it.remove();
            }
        }
    }

    /** The sums of every tally, with those of ended threads folded in for good. */
    private synchronized long[] totals() {
        foldEnded();
        long[] sums = ended.clone();
        for (ThreadTally tally : tallies) {
            tally.addTo(sums);
        }
        return sums;
    }

    /** The counts now, by the names of {@link StoreStats#operations()}, every kind present. */
    public Counts counts() {
        long[] sums = totals();
        Map<String, Long> operations = new LinkedHashMap<>();
        for (Operation operation : Operation.values()) {
            operations.put(operation.statsName(), sums[operation.ordinal()]);
        }
        return new Counts(operations, sums[ThreadTally.BYTES_READ], sums[ThreadTally.BYTES_WRITTEN]);
    }

    /** The durations so far, by the group names of {@link StoreStats#latencies()}. */
    public Map<String, LatencyPercentiles> latencies() {
        Map<String, LatencyPercentiles> latencies = new LinkedHashMap<>();
        latencies.put(StoreStats.READS, reads.percentiles());
        latencies.put(StoreStats.WRITES, writes.percentiles());
        latencies.put(StoreStats.COMMITS, commits.percentiles());
        return latencies;
    }

    /**
     * Counts at one reading.
     *
     * @param operations   by kind
     * @param bytesRead    bytes handed to callers
     * @param bytesWritten bytes written
     */
    public record Counts(Map<String, Long> operations, long bytesRead, long bytesWritten) {
    }
}
