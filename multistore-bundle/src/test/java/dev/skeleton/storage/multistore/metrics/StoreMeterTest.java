package dev.skeleton.storage.multistore.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skeleton.storage.StoreStats;
import org.junit.jupiter.api.Test;

/** The meter's bookkeeping of threads: counts kept, tallies of ended threads folded away. */
class StoreMeterTest {

    @Test
    void talliesOfEndedThreadsAreFoldedEvenWhenNobodyReads() throws Exception {
        StoreMeter meter = StoreMeter.on();
        for (int i = 0; i < 1_000; i++) {
            Thread thread = new Thread(() -> meter.tally().count(Operation.SET));
            thread.start();
            thread.join();
        }
        assertTrue(meter.tallies() <= 128, meter.tallies() + " tallies kept for 1000 ended threads");
        assertEquals(1_000L, meter.counts().operations().get(StoreStats.SET));
        assertEquals(0, meter.tallies(), "a read folds every ended thread");
    }

    @Test
    void aMeterThatIsOffHandsOutNoTallyAndRecordsNoCommit() {
        StoreMeter off = StoreMeter.off();
        assertNull(off.tally());
        off.commitTook(1_000);
        assertEquals(0, off.latencies().get(StoreStats.COMMITS).samples());
    }

    @Test
    void aNegativeDurationCountsAsZero() {
        StoreMeter meter = StoreMeter.on();
        meter.commitTook(-5);
        assertEquals(1, meter.latencies().get(StoreStats.COMMITS).samples());
        assertEquals(0, meter.latencies().get(StoreStats.COMMITS).maxNanos());
    }
}
