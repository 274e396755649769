package dev.skeleton.storage.multistore.metrics;

import dev.skeleton.storage.LatencyPercentiles;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * The durations of one latency group of a store, kept in HdrHistogram: writers record into a
 * {@link Recorder} without locks, and a reader moves what was recorded since the last read into a
 * histogram of everything so far, from which it takes the percentiles.
 *
 * <p>Two significant digits (1% resolution) keep a group's three histograms at tens of kilobytes
 * from nanoseconds to hours; three would take ten times that for every store.
 *
 * <p>Thread-safe: {@link #record} from any number of threads; {@link #percentiles} is serialized.
 */
final class LatencyRecorder {

    private static final int SIGNIFICANT_DIGITS = 2;

    private final Recorder recorder = new Recorder(SIGNIFICANT_DIGITS);
    /** Everything recorded up to the last read; guarded by this. */
    private final Histogram total = new Histogram(SIGNIFICANT_DIGITS);
    /** Given back to the recorder to record into next; guarded by this. */
    private Histogram spare;

    /**
     * Records one duration.
     *
     * @param nanos the duration; a negative one (a clock that went back) counts as zero
     */
    void record(long nanos) {
        recorder.recordValue(Math.max(0, nanos));
    }

    /** The percentiles of everything recorded so far. */
    synchronized LatencyPercentiles percentiles() {
        spare = recorder.getIntervalHistogram(spare);
        total.add(spare);
        long samples = total.getTotalCount();
        if (samples == 0) {
            return LatencyPercentiles.NONE;
        }
        // Each percentile at least the one before: equivalent values of HdrHistogram may round apart.
        long p50 = total.getValueAtPercentile(50);
        long p90 = Math.max(p50, total.getValueAtPercentile(90));
        long p99 = Math.max(p90, total.getValueAtPercentile(99));
        long p999 = Math.max(p99, total.getValueAtPercentile(99.9));
        long max = Math.max(p999, total.getMaxValue());
        return new LatencyPercentiles(samples, p50, p90, p99, p999, max);
    }
}
