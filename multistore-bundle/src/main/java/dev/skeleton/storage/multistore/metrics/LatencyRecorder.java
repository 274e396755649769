package dev.skeleton.storage.multistore.metrics;

import dev.skeleton.storage.LatencyPercentiles;
import java.util.concurrent.atomic.LongAdder;
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
    /** Durations recorded, whatever their weight. */
    private final LongAdder samples = new LongAdder();

    /**
     * Records one duration that stands for itself alone.
     *
     * @param nanos the duration; a negative one (a clock that went back) counts as zero
     */
    void record(long nanos) {
        record(nanos, 1);
    }

    /**
     * Records one duration that stands for {@code weight} operations (one timed among that many).
     *
     * @param nanos  the duration; a negative one (a clock that went back) counts as zero
     * @param weight how many operations it stands for, at least 1
     */
    void record(long nanos, int weight) {
        recorder.recordValueWithCount(Math.max(0, nanos), weight);
        samples.increment();
    }

    /** The percentiles of everything recorded so far. */
    synchronized LatencyPercentiles percentiles() {
        spare = recorder.getIntervalHistogram(spare);
        total.add(spare);
        if (total.getTotalCount() == 0) {
            return LatencyPercentiles.NONE;
        }
        // Each percentile at least the one before: equivalent values of HdrHistogram may round apart.
        long p50 = total.getValueAtPercentile(50);
        long p90 = Math.max(p50, total.getValueAtPercentile(90));
        long p99 = Math.max(p90, total.getValueAtPercentile(99));
        long p999 = Math.max(p99, total.getValueAtPercentile(99.9));
        long max = Math.max(p999, total.getMaxValue());
        // At least 1: a duration already in the histogram may not have been counted yet.
        return new LatencyPercentiles(Math.max(1, samples.sum()), p50, p90, p99, p999, max);
    }
}
