package dev.skeleton.storage.multistore.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** How often a thread's operations are timed, and with what weight. */
class TimingSamplerTest {

    private static final int GET = 0;
    private static final int SET = 1;

    @Test
    void theGapFollowsTheDurationWithinItsBounds() {
        assertEquals(230, TimingSampler.meanGap(65), "a 65 ns get");
        assertEquals(1, TimingSampler.meanGap(15_000), "15 µs: every one");
        assertEquals(1, TimingSampler.meanGap(5_000_000), "an fsync");
        assertEquals(TimingSampler.MAX_GAP, TimingSampler.meanGap(1));
        assertEquals(TimingSampler.MAX_GAP, TimingSampler.meanGap(0), "a clock that did not move");
        assertEquals(TimingSampler.MAX_GAP, TimingSampler.meanGap(-3), "a clock that went back");
    }

    @Test
    void theFirstOfEachKindIsTimedWithWeightOne() {
        TimingSampler sampler = new TimingSampler(2, 7);
        assertTrue(sampler.isDue(GET, 0));
        assertTrue(sampler.isDue(SET, 0));
        assertEquals(1, sampler.timed(GET, 1, 65));
        assertTrue(sampler.isDue(SET, 0), "a timed get leaves sets alone");
    }

    @Test
    void slowOperationsAreEachTimedAndFastOnesSpreadAtTheirMeanGap() {
        TimingSampler sampler = new TimingSampler(1, 11);
        for (long count = 0; count < 100; count++) {
            assertTrue(sampler.isDue(GET, count), "operation " + count + " of 20 µs each");
            assertEquals(1, sampler.timed(GET, count + 1, 20_000));
        }
        int timed = 0;
        long weights = 0;
        int[] byParity = new int[2];
        int operations = 1_000_000;
        for (long count = 100; count < 100 + operations; count++) {
            if (sampler.isDue(GET, count)) {
                int weight = sampler.timed(GET, count + 1, 65);
                timed++;
                weights += weight;
                byParity[(int) (count % 2)]++;
            }
        }
        // 1,000,000 / 230 = 4,348 expected: the gaps average their mean.
        assertTrue(Math.abs(timed - 4_348) < 300, timed + " timed");
        // Weighted, the samples stand for every operation (the first one still weighs 1).
        assertTrue(Math.abs(weights - operations) < operations / 20, weights + " weighed");
        // Every 230th would time only even ones: a caller alternating two keys would see one of them.
        assertTrue(Math.abs(byParity[0] - byParity[1]) < timed / 10, byParity[0] + " even, " + byParity[1] + " odd");
    }

    @Test
    void aTimedOperationWeighsTheGapItWasChosenBy() {
        TimingSampler sampler = new TimingSampler(1, 3);
        assertEquals(1, sampler.timed(GET, 1, 150));
        long count = 1;
        while (!sampler.isDue(GET, count)) {
            count++;
        }
        assertTrue(count - 1 < 2 * TimingSampler.meanGap(150), "a gap within twice its mean: " + (count - 1));
        assertEquals(100, sampler.timed(GET, count + 1, 20_000), "chosen after a 150 ns operation");
        assertTrue(sampler.isDue(GET, count + 1));
        assertEquals(1, sampler.timed(GET, count + 2, 20_000), "chosen after a 20 µs one");
        assertFalse(sampler.isDue(GET, count + 1), "nothing due before its count");
    }
}
