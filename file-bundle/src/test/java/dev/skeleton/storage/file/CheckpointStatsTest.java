package dev.skeleton.storage.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** What checkpoints and compactions add up to, and the age of the last checkpoint. */
class CheckpointStatsTest {

    private static final long MILLI = 1_000_000;

    @Test
    void beforeAnyCheckpointTheAgeCountsFromTheOpen() {
        long opened = System.nanoTime();
        CheckpointStats stats = new CheckpointStats(opened);
        assertEquals(0, stats.checkpoints());
        assertEquals(0, stats.checkpointBytes());
        assertEquals(0, stats.lastCheckpointMillis());
        assertEquals(0, stats.compactions());
        assertEquals(0, stats.lastCompactionMillis());
        assertEquals(250, stats.checkpointAgeMillis(opened + 250 * MILLI));
    }

    @Test
    void checkpointsAddUpTheirBytesAndKeepTheLastDuration() {
        CheckpointStats stats = new CheckpointStats(System.nanoTime() - 1_000 * MILLI);
        stats.checkpointed(4_096, 7 * MILLI);
        stats.checkpointed(1_000, 3 * MILLI + 999_999);
        assertEquals(2, stats.checkpoints());
        assertEquals(5_096, stats.checkpointBytes());
        assertEquals(3, stats.lastCheckpointMillis());
        long age = stats.checkpointAgeMillis(System.nanoTime());
        assertTrue(age >= 0 && age < 1_000, "the age counts from the last checkpoint: " + age);
    }

    @Test
    void compactionsKeepTheLastDuration() {
        CheckpointStats stats = new CheckpointStats(System.nanoTime());
        stats.compacted(12 * MILLI);
        stats.compacted(5 * MILLI);
        assertEquals(2, stats.compactions());
        assertEquals(5, stats.lastCompactionMillis());
        assertEquals(0, stats.checkpoints(), "a compaction's checkpoint is counted where it completes");
    }
}
