package dev.skeleton.storage.multistore.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skeleton.storage.StoreStats;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Which operations a tally times, and which tally a thread is given. */
class ThreadTallyTest {

    @Test
    void oneOperationInSixtyFourOfEachKindIsTimedAndAlternatingCallersHaveBothTimed() {
        ThreadTally tally = StoreMeter.on().tally();
        int[] timedByParity = new int[2];
        int operations = 16_000;
        for (int i = 0; i < operations; i++) {
            if (tally.begin(Operation.GET) != 0) {
                timedByParity[i % 2]++;
            }
            tally.read(Operation.GET, 0, 0);
        }
        int timed = timedByParity[0] + timedByParity[1];
        assertTrue(Math.abs(timed - operations / ThreadTally.SAMPLE_EVERY) <= 10, timed + " timed");
        // Every 64th would time only even calls: a caller alternating a fast and a slow key would
        // see one of them only.
        assertTrue(Math.abs(timedByParity[0] - timedByParity[1]) <= timed / 10,
                timedByParity[0] + " even, " + timedByParity[1] + " odd");
    }

    @Test
    void eachKindKeepsItsOwnPaceAndTheFirstOfEachIsTimed() {
        ThreadTally tally = StoreMeter.on().tally();
        assertTrue(tally.begin(Operation.SET) != 0, "the first set");
        tally.write(Operation.SET, 0, 0);
        assertTrue(tally.begin(Operation.GET) != 0, "the first get, after a set");
        assertEquals(0, tally.begin(Operation.SET), "the second set");
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
