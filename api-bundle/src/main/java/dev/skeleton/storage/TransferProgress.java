package dev.skeleton.storage;

import java.time.Duration;

/**
 * How far a long {@link MultiStore} operation has come (see {@link TransferListener}).
 *
 * <p>Added in version 1.1 of this package.
 *
 * @param storeName       the store being exported, imported, copied or moved (for a
 *                        verification, the name the dump was taken from)
 * @param entries         entries done so far
 * @param expectedEntries entries in all, or -1 where not known in advance
 * @param bytes           bytes of keys and values done so far
 * @param elapsed         time since the operation began
 */
public record TransferProgress(String storeName, long entries, long expectedEntries, long bytes,
                               Duration elapsed) {

    /**
     * Entries per second so far.
     *
     * @return the rate; 0 before any time has passed
     */
    public double entriesPerSecond() {
        double seconds = elapsed.toNanos() / 1e9;
        return seconds <= 0 ? 0 : entries / seconds;
    }

    /**
     * The time the rest should take at the rate so far.
     *
     * @return the estimate; null where the total is not known or no rate is known yet
     */
    public Duration remaining() {
        double rate = entriesPerSecond();
        if (expectedEntries < 0 || rate <= 0) {
            return null;
        }
        return Duration.ofMillis((long) (Math.max(0, expectedEntries - entries) / rate * 1000));
    }
}
