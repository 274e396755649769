package dev.skeleton.storage.health;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Remembers, per store, the checkpoint the engine metrics check last saw and how much had been
 * written to the store then, to tell whether the store has been written since its checkpoint: a
 * store reports only the checkpoint's age ({@code checkpoint_age_millis}), and an old checkpoint of
 * a store nobody writes to is no problem (there is nothing new to replay).
 *
 * <h2>The rule</h2>
 * The checkpoint's time is the run's time minus the age. The store's write mark is what its handle
 * counted: {@code set} and {@code delete} calls plus the bytes written (which also covers the
 * writes of committed transactions). A store counts as written since its checkpoint when:
 * <ul>
 *   <li>the check sees this checkpoint for the first time, and knew the store before (it saw an
 *       older checkpoint): not written, as far as it can tell; the mark of this run is where the
 *       next run counts from (the writes between the checkpoint and this run go unseen, the price of
 *       knowing only the age);</li>
 *   <li>the check sees the store for the first time (the first run, or the check restarted): written
 *       if the handle counted any write at all. A false alarm for a store written long ago is
 *       possible on that one run, a missed one for a store whose checkpoints are stuck is not;</li>
 *   <li>otherwise: written if the mark has grown since the check first saw this checkpoint.</li>
 * </ul>
 * A checkpoint is new when its time is more than {@value #SAME_CHECKPOINT_MILLIS} ms later than the
 * one remembered: the age and the run's clock are not read at one instant. A mark lower than the
 * remembered one means the handle was made anew (the store deleted and created again): counting
 * starts again from it.
 *
 * <p>Thread safety: the executor may run the check on several threads at once; every method is
 * synchronized, and none calls out.
 */
final class CheckpointWatch {

    /** How far two readings of one checkpoint's time may lie apart. */
    static final long SAME_CHECKPOINT_MILLIS = 1000;

    /** A checkpoint seen, and the store's write mark when it was first seen. */
    private record Seen(long checkpointAt, long mark) {
    }

    private final Map<String, Seen> seen = new HashMap<>();

    /**
     * Notes a store's checkpoint and write mark, and tells whether the store has been written since
     * the checkpoint (see the rule above).
     *
     * @param store      the store's name
     * @param nowMillis  the time of this run
     * @param ageMillis  the checkpoint's age
     * @param writeMark  the store's write mark now
     * @return whether the store has been written since its checkpoint, as far as the check can tell
     */
    synchronized boolean writtenSinceCheckpoint(String store, long nowMillis, long ageMillis, long writeMark) {
        long checkpointAt = nowMillis - ageMillis;
        Seen before = seen.get(store);
        if (before == null) {
            seen.put(store, new Seen(checkpointAt, writeMark));
            return writeMark > 0;
        }
        if (checkpointAt > before.checkpointAt() + SAME_CHECKPOINT_MILLIS || writeMark < before.mark()) {
            seen.put(store, new Seen(checkpointAt, writeMark));
            return false;
        }
        return writeMark > before.mark();
    }

    /**
     * Forgets the stores that are gone, so that a store created again under an old name starts
     * afresh and the memory does not grow with every store ever seen.
     *
     * @param present the stores that exist now
     */
    synchronized void retain(Set<String> present) {
        seen.keySet().retainAll(present);
    }
}
