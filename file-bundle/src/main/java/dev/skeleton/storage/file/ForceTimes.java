package dev.skeleton.storage.file;

/**
 * How many forces of a log segment succeeded since the store opened, and how long they took
 * lately: an exponentially weighted moving average of their durations, in which the newest force
 * weighs {@value #NEWEST_WEIGHT} and every older one decays by the rest. A moving average rather
 * than a mean since open, so that a disk that becomes slow shows in the figure within a few
 * forces, and a single slow force does not dominate it.
 *
 * <p>Thread-safe. Forces of one log never overlap (the group commit runs one at a time), so the
 * monitor is never contended by writers; it is there so that a reader sees count and average of
 * the same force, and costs nothing next to a force.
 */
final class ForceTimes {

    /** The weight of the newest force in the average. */
    static final double NEWEST_WEIGHT = 0.2;

    private long count;
    private double averageNanos;

    /**
     * Counts a force that succeeded.
     *
     * @param nanos how long it took
     */
    synchronized void record(long nanos) {
        averageNanos = count == 0 ? nanos : NEWEST_WEIGHT * nanos + (1 - NEWEST_WEIGHT) * averageNanos;
        count++;
    }

    /** @return the forces counted so far */
    synchronized long count() {
        return count;
    }

    /** @return the moving average of their durations in microseconds; 0 before the first */
    synchronized double averageMicros() {
        return averageNanos / 1_000.0;
    }
}
