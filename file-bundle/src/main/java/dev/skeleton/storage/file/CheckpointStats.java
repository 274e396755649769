package dev.skeleton.storage.file;

/**
 * What a store's checkpoints and compactions did since it opened, for its metrics: how many
 * completed, the bytes the checkpoints wrote, how long the last of each took, and when the last
 * checkpoint completed.
 *
 * <p>A checkpoint counts as completed once its checkpoint file is durable (the durable root has
 * switched); it is timed from the start of {@link Checkpointer#complete} to that moment: bringing
 * the content hash up to date, writing and forcing the pages, writing the checkpoint file. The
 * cut before it (a short pause of the writers, in which the log is forced and rolled) is not in it;
 * its force is counted with the log's. The deletions after it are not in it either. A compaction is
 * timed as a whole: copying the live pages, putting the copies in place, the checkpoint after it
 * and deleting the old files.
 *
 * <p>Thread-safe. Checkpoints and compactions run one at a time (serialized on the
 * {@link Checkpointer}), so the monitor is never contended by them; it keeps a reader from seeing
 * half of one, at no cost worth counting next to a checkpoint's forces.
 */
final class CheckpointStats {

    private long checkpoints;
    private long checkpointBytes;
    private long lastCheckpointNanos;
    /** {@link System#nanoTime} of the last completed checkpoint, or of the store's open. */
    private long lastCheckpointAt;
    private long compactions;
    private long lastCompactionNanos;

    /**
     * Statistics of a store that opens now.
     *
     * @param openedAt {@link System#nanoTime} at the store's open
     */
    CheckpointStats(long openedAt) {
        this.lastCheckpointAt = openedAt;
    }

    /**
     * Counts a checkpoint that completed now.
     *
     * @param bytes what it wrote: its pages and its checkpoint file
     * @param nanos how long it took
     */
    synchronized void checkpointed(long bytes, long nanos) {
        checkpoints++;
        checkpointBytes += bytes;
        lastCheckpointNanos = nanos;
        lastCheckpointAt = System.nanoTime();
    }

    /**
     * Counts a compaction that completed.
     *
     * @param nanos how long it took
     */
    synchronized void compacted(long nanos) {
        compactions++;
        lastCompactionNanos = nanos;
    }

    /** @return the checkpoints completed since open */
    synchronized long checkpoints() {
        return checkpoints;
    }

    /** @return the bytes they wrote */
    synchronized long checkpointBytes() {
        return checkpointBytes;
    }

    /** @return how long the last one took in milliseconds; 0 if none completed */
    synchronized long lastCheckpointMillis() {
        return lastCheckpointNanos / 1_000_000;
    }

    /**
     * How long ago the last checkpoint completed, or the store opened if none did.
     *
     * @param now {@link System#nanoTime} now
     * @return milliseconds
     */
    synchronized long checkpointAgeMillis(long now) {
        return (now - lastCheckpointAt) / 1_000_000;
    }

    /** @return the compactions completed since open */
    synchronized long compactions() {
        return compactions;
    }

    /** @return how long the last one took in milliseconds; 0 if none completed */
    synchronized long lastCompactionMillis() {
        return lastCompactionNanos / 1_000_000;
    }
}
