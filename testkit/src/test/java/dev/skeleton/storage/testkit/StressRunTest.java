package dev.skeleton.storage.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;

/** The stress runner must fail, never hang, and report what went wrong. */
class StressRunTest {

    private static final Duration SHORT = Duration.ofMillis(100);

    @Test
    void stepsRunUntilTheyAnswerFalse() {
        AtomicInteger steps = new AtomicInteger();

        new StressRun(Duration.ofSeconds(10)).workers("counter", 2, index -> steps.incrementAndGet() < 10).run();

        assertTrue(steps.get() >= 10 && steps.get() <= 11, "steps: " + steps.get());
    }

    @Test
    void failureOfAWorkerFailsTheRunWithItsCause() {
        IllegalStateException cause = new IllegalStateException("engine broke");

        AssertionFailedError failure = assertThrows(AssertionFailedError.class,
                () -> new StressRun(SHORT).workers("breaker", 1, index -> {
                    throw cause;
                }).run());

        assertEquals(cause, failure.getCause());
        assertTrue(failure.getMessage().startsWith("testkit-breaker-0 failed"), failure.getMessage());
    }

    @Test
    void everyFailureIsReported() {
        CountDownLatch bothInside = new CountDownLatch(2);

        AssertionFailedError failure = assertThrows(AssertionFailedError.class,
                () -> new StressRun(SHORT).workers("breaker", 2, index -> {
                    bothInside.countDown();
                    bothInside.await(); // both fail, however late one of them starts
                    throw new IllegalStateException("worker " + index);
                }).run());

        assertEquals(1, failure.getSuppressed().length);
    }

    @Test
    void stuckWorkerFailsTheRunInsteadOfHangingIt() {
        CountDownLatch never = new CountDownLatch(1);

        AssertionFailedError failure = assertThrows(AssertionFailedError.class,
                () -> new StressRun(SHORT, SHORT).workers("stuck", 1, index -> {
                    never.await();
                    return true;
                }).run());

        assertTrue(failure.getMessage().contains("testkit-stuck-0 is stuck at:"), failure.getMessage());
        assertTrue(failure.getMessage().contains("CountDownLatch.await"), failure.getMessage());
        never.countDown();
    }

    @Test
    void everyWorkerTakesAStepEvenWhenItStartsAfterTheRunEnded() {
        AtomicInteger steps = new AtomicInteger();
        new StressRun(Duration.ZERO, SHORT).workers("late", 3, index -> {
            steps.incrementAndGet();
            return true;
        }).run();
        assertEquals(3, steps.get());
    }

    @Test
    void stuckWorkerReportsTheFailuresOfOthers() {
        CountDownLatch never = new CountDownLatch(1);
        CountDownLatch broke = new CountDownLatch(1);

        // The stuck worker blocks only once the breaker has thrown, and every worker takes at least
        // one step however late its thread starts, so the breaker's failure is recorded before the
        // run gives up on the stuck one; the grace period leaves the breaker's thread five seconds
        // to start on a loaded machine.
        AssertionFailedError failure = assertThrows(AssertionFailedError.class,
                () -> new StressRun(SHORT, Duration.ofSeconds(5))
                        .workers("stuck", 1, index -> {
                            broke.await();
                            never.await();
                            return true;
                        })
                        .workers("breaker", 1, index -> {
                            broke.countDown();
                            throw new IllegalStateException("broke");
                        })
                        .run());

        assertEquals(1, failure.getSuppressed().length, "the breaker's failure rides along");
        assertInstanceOf(AssertionFailedError.class, failure.getSuppressed()[0]);
        never.countDown();
    }
}
