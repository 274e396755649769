package dev.skeleton.storage.file;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The moving average of forces: the first one as it is, then each newest weighing 0.2. */
class ForceTimesTest {

    private final ForceTimes times = new ForceTimes();

    @Test
    void nothingBeforeTheFirstForce() {
        assertEquals(0, times.count());
        assertEquals(0.0, times.averageMicros());
    }

    @Test
    void theNewestForceWeighsAFifth() {
        times.record(1_000);
        assertEquals(1.0, times.averageMicros(), 1e-9);
        times.record(2_000);
        assertEquals(1.2, times.averageMicros(), 1e-9);
        times.record(2_000);
        assertEquals(1.36, times.averageMicros(), 1e-9);
        assertEquals(3, times.count());
    }

    @Test
    void aSlowDiskShowsWithinAFewForces() {
        times.record(100_000);
        for (int i = 0; i < 10; i++) {
            times.record(10_000_000);
        }
        assertEquals(10_000 - 9_900 * Math.pow(0.8, 10), times.averageMicros(), 1e-6);
        assertEquals(11, times.count());
    }
}
