package dev.skeleton.storage.file;

import java.util.TreeMap;

/**
 * Which snapshots of a store may still be read, so that a value file is deleted only when no reader
 * can reach it any more.
 *
 * <p>Time is cut into epochs; each checkpoint starts a new one ({@link #advance}). A reader that
 * may read large values from a snapshot (an iteration, a transaction, a {@code get} of a large
 * value) {@link #enter enters} the current epoch before it takes the snapshot and
 * {@link #exit exits} when done. A value file that was unreferenced at the start of epoch
 * {@code e} can only be read by readers that entered before, so it may be deleted once
 * {@link #oldestActive()} is {@code e} or later. A transaction that is never closed holds its epoch
 * forever and only delays the deletion of unreferenced files: it never causes a wrong read.
 *
 * <p>Thread-safe: every method is synchronized; all are O(log active epochs).
 */
final class ReaderEpochs {

    private long current = 1;
    /** Epoch to the number of readers in it. */
    private final TreeMap<Long, Integer> active = new TreeMap<>();

    /**
     * A reader starts.
     *
     * @return its epoch, to pass to {@link #exit}
     */
    synchronized long enter() {
        active.merge(current, 1, Integer::sum);
        return current;
    }

    /**
     * A reader that {@link #enter entered} {@code epoch} is done.
     *
     * @param epoch its epoch
     */
    synchronized void exit(long epoch) {
        active.computeIfPresent(epoch, (e, count) -> count == 1 ? null : count - 1);
    }

    /**
     * Starts a new epoch.
     *
     * @return the new epoch
     */
    synchronized long advance() {
        return ++current;
    }

    /**
     * The oldest epoch a reader is still in; the current one if no reader is active.
     *
     * @return the epoch
     */
    synchronized long oldestActive() {
        return active.isEmpty() ? current : active.firstKey();
    }
}
