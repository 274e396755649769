package dev.skeleton.storage.health;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;

class CheckpointWatchTest {

    private static final long MINUTE = 60_000;
    private final CheckpointWatch watch = new CheckpointWatch();

    @Test
    void onFirstSightAnyWriteCounts() {
        assertTrue(watch.writtenSinceCheckpoint("written", 100 * MINUTE, 30 * MINUTE, 5));
        assertFalse(watch.writtenSinceCheckpoint("untouched", 100 * MINUTE, 30 * MINUTE, 0));
    }

    @Test
    void theSameCheckpointWithoutNewWritesIsNotWritten() {
        watch.writtenSinceCheckpoint("ledger", 100 * MINUTE, 1 * MINUTE, 7);

        assertFalse(watch.writtenSinceCheckpoint("ledger", 120 * MINUTE, 21 * MINUTE, 7));
    }

    @Test
    void writesAfterTheCheckpointWasFirstSeenCount() {
        watch.writtenSinceCheckpoint("ledger", 100 * MINUTE, 1 * MINUTE, 7);

        assertTrue(watch.writtenSinceCheckpoint("ledger", 120 * MINUTE, 21 * MINUTE, 8));
    }

    @Test
    void aReadingThatIsOffByLessThanASecondIsTheSameCheckpoint() {
        watch.writtenSinceCheckpoint("ledger", 100 * MINUTE, MINUTE, 7);

        assertTrue(watch.writtenSinceCheckpoint("ledger", 120 * MINUTE, 20 * MINUTE + MINUTE - 900, 9));
    }

    @Test
    void aNewCheckpointStartsCountingAfresh() {
        watch.writtenSinceCheckpoint("ledger", 100 * MINUTE, MINUTE, 7);

        assertFalse(watch.writtenSinceCheckpoint("ledger", 120 * MINUTE, 2 * MINUTE, 50), "new checkpoint");
        assertFalse(watch.writtenSinceCheckpoint("ledger", 140 * MINUTE, 22 * MINUTE, 50), "nothing since");
        assertTrue(watch.writtenSinceCheckpoint("ledger", 160 * MINUTE, 42 * MINUTE, 51), "written since");
    }

    @Test
    void aMarkThatGoesBackIsANewHandle() {
        watch.writtenSinceCheckpoint("ledger", 100 * MINUTE, MINUTE, 70);

        assertFalse(watch.writtenSinceCheckpoint("ledger", 120 * MINUTE, 21 * MINUTE, 3), "the store made anew");
        assertTrue(watch.writtenSinceCheckpoint("ledger", 140 * MINUTE, 41 * MINUTE, 4));
    }

    @Test
    void aStoreThatIsGoneIsForgotten() {
        watch.writtenSinceCheckpoint("ledger", 100 * MINUTE, MINUTE, 7);
        watch.retain(Set.of("other"));

        assertTrue(watch.writtenSinceCheckpoint("ledger", 120 * MINUTE, 21 * MINUTE, 7),
                "seen for the first time again, with writes");
    }
}
