package dev.skeleton.storage.multistore.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skeleton.storage.StoreStats;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** What a tally times, and which tally a thread is given. */
class ThreadTallyTest {

    @Test
    void fastOperationsAreTimedRarelyAndTheirDurationsGoToTheirGroup() {
        StoreMeter meter = StoreMeter.on();
        ThreadTally tally = meter.tally();
        int operations = 100_000;
        int timed = 0;
        for (int i = 0; i < operations; i++) {
            long started = tally.begin(Operation.GET);
            if (started != 0) {
                timed++;
            }
            tally.read(Operation.GET, started, 0);
        }
        assertTrue(timed > 0 && timed < operations / 16, timed + " of " + operations + " timed");
        assertEquals(timed, meter.latencies().get(StoreStats.READS).samples());
        assertEquals(0, meter.latencies().get(StoreStats.WRITES).samples());
    }

    @Test
    void slowOperationsAreEachTimed() {
        StoreMeter meter = StoreMeter.on();
        ThreadTally tally = meter.tally();
        for (int i = 0; i < 20; i++) {
            long started = tally.begin(Operation.SET);
            assertTrue(started != 0, "set " + i + " of 20 µs and more");
            long until = System.nanoTime() + 20_000;
            while (System.nanoTime() < until) {
                Thread.onSpinWait();
            }
            tally.write(Operation.SET, started, 0);
        }
        assertEquals(20, meter.latencies().get(StoreStats.WRITES).samples());
        assertTrue(meter.latencies().get(StoreStats.WRITES).p50Nanos() >= 19_000);
    }

    @Test
    void aThreadKeepsItsTallyAndAnotherThreadGetsItsOwn() throws Exception {
        StoreMeter meter = StoreMeter.on();
        ThreadTally mine = meter.tally();
        assertSame(mine, meter.tally());
        AtomicReference<ThreadTally> theirs = new AtomicReference<>();
        Thread other = new Thread(() -> {
            ThreadTally tally = meter.tally();
            tally.count(Operation.DELETE);
            theirs.set(tally == meter.tally() ? tally : null);
        });
        other.start();
        other.join();
        assertNotSame(mine, theirs.get());
        mine.count(Operation.DELETE);
        assertEquals(2L, meter.counts().operations().get(StoreStats.DELETE));
    }

    @Test
    void aThreadAfterAnEndedOneCountsOnATallyOfItsOwn() throws Exception {
        StoreMeter meter = StoreMeter.on();
        Thread first = new Thread(() -> meter.tally().count(Operation.HAS));
        first.start();
        first.join();
        assertEquals(1L, meter.counts().operations().get(StoreStats.HAS), "folds the first thread's tally");
        ThreadTally mine = meter.tally();
        mine.count(Operation.HAS);
        assertSame(mine, meter.tally());
        assertEquals(2L, meter.counts().operations().get(StoreStats.HAS));
        assertEquals(1, meter.tallies());
    }
}
