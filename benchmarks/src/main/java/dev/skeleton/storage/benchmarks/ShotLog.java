package dev.skeleton.storage.benchmarks;

import java.util.ArrayList;
import java.util.List;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.runner.IterationType;

/**
 * The rates of the shots of one single-shot trial: each shot is printed as it ends
 * ({@code # export shot 3 (measurement): ...}) with its entries per second and megabytes
 * (10^6 bytes) per second, and the trial's measured shots are summed up at its end, the rates taken
 * at the mean time, which is JMH's score. JMH's own secondary results would not do: it adds up a
 * counter over the iterations instead of averaging it.
 *
 * <p>Not thread-safe: with one benchmark thread, JMH runs a trial's shots and tear-downs one after
 * the other.
 */
final class ShotLog {

    private final List<Long> measuredNanos = new ArrayList<>();
    private String what;
    private String bytesMeaning;
    private long entries;
    private long bytes;
    private int shots;
    private long lastEntries;
    private long lastBytes;
    private long lastNanos;

    /**
     * Keeps the figures of the shot that just ran; called by the benchmark method, which cannot
     * know whether it is measured.
     *
     * @param operation the measured operation, e.g. "export"
     * @param meaning   which bytes {@code size} counts, e.g. "of the dump file"
     * @param count     entries it did
     * @param size      bytes it did
     * @param nanos     its time
     */
    void done(String operation, String meaning, long count, long size, long nanos) {
        what = operation;
        bytesMeaning = meaning;
        lastEntries = count;
        lastBytes = size;
        lastNanos = nanos;
    }

    /**
     * Prints the shot that just ran and keeps it if it was measured; called by the iteration's
     * tear-down.
     *
     * @param iteration the iteration that ran it, from JMH
     */
    void printShot(IterationParams iteration) {
        if (lastNanos == 0) {
            return;
        }
        boolean measured = iteration.getType() == IterationType.MEASUREMENT;
        shots++;
        System.out.printf("# %s shot %d (%s): %,d entries, %,d bytes %s in %,.1f ms: %,.0f entries/s, %.1f MB/s%n", what,
                shots, measured ? "measured" : "warm-up", lastEntries, lastBytes, bytesMeaning, lastNanos / 1e6,
                lastEntries / (lastNanos / 1e9), lastBytes / 1e6 / (lastNanos / 1e9));
        if (measured) {
            measuredNanos.add(lastNanos);
            entries = lastEntries;
            bytes = lastBytes;
        }
        lastNanos = 0;
    }

    /** Prints the measured shots' mean time and the rates at it. */
    void summary() {
        if (measuredNanos.isEmpty()) {
            return;
        }
        double mean = measuredNanos.stream().mapToLong(Long::longValue).average().orElseThrow();
        long min = measuredNanos.stream().mapToLong(Long::longValue).min().orElseThrow();
        long max = measuredNanos.stream().mapToLong(Long::longValue).max().orElseThrow();
        System.out.printf("# %s, %d measured shots: mean %,.1f ms (%,.1f to %,.1f), at the mean %,.0f entries/s and"
                + " %.1f MB/s (%,d bytes %s)%n", what, measuredNanos.size(), mean / 1e6, min / 1e6, max / 1e6,
                entries / (mean / 1e9), bytes / 1e6 / (mean / 1e9), bytes, bytesMeaning);
    }
}
