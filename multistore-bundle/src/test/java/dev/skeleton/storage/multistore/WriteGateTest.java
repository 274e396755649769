package dev.skeleton.storage.multistore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The gate a move holds its store's writers at. */
class WriteGateTest {

    private final WriteGate gate = new WriteGate();

    @Test
    void aPauseWaitsForTheWriterInsideAndHoldsNewOnesUntilResumed() throws Exception {
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch leave = new CountDownLatch(1);
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
            gate.enter();
            inside.countDown();
            await(leave);
            gate.exit();
        });
        inside.await();
        CompletableFuture<Boolean> pause = CompletableFuture.supplyAsync(() -> gate.pause(Duration.ofSeconds(10)));
        Thread.sleep(100);
        assertFalse(pause.isDone(), "the pause waits for the writer inside");
        leave.countDown();
        assertTrue(pause.get(5, TimeUnit.SECONDS));
        writer.get(5, TimeUnit.SECONDS);

        AtomicBoolean entered = new AtomicBoolean();
        CompletableFuture<Void> late = CompletableFuture.runAsync(() -> {
            gate.enter();
            entered.set(true);
            gate.exit();
        });
        Thread.sleep(100);
        assertFalse(entered.get(), "a writer that comes during the pause waits");
        gate.resume();
        late.get(5, TimeUnit.SECONDS);
        assertTrue(entered.get());
    }

    @Test
    void aPauseThatRunsOutOfTimeResumesAndSaysSo() throws Exception {
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch leave = new CountDownLatch(1);
        CompletableFuture<Void> stuck = CompletableFuture.runAsync(() -> {
            gate.enter();
            inside.countDown();
            await(leave);
            gate.exit();
        });
        inside.await();
        assertFalse(gate.pause(Duration.ofMillis(100)));
        CompletableFuture.runAsync(() -> {
            gate.enter();
            gate.exit();
        }).get(5, TimeUnit.SECONDS);
        leave.countDown();
        stuck.get(5, TimeUnit.SECONDS);
    }

    @Test
    void manyWritersAndRepeatedPausesNeverOverlap() throws Exception {
        AtomicInteger writersInside = new AtomicInteger();
        AtomicInteger overlaps = new AtomicInteger();
        AtomicBoolean paused = new AtomicBoolean();
        AtomicBoolean stop = new AtomicBoolean();
        CompletableFuture<?>[] writers = new CompletableFuture<?>[4];
        for (int w = 0; w < writers.length; w++) {
            writers[w] = CompletableFuture.runAsync(() -> {
                while (!stop.get()) {
                    gate.enter();
                    writersInside.incrementAndGet();
                    if (paused.get()) {
                        overlaps.incrementAndGet();
                    }
                    writersInside.decrementAndGet();
                    gate.exit();
                }
            }, runnable -> new Thread(runnable).start());
        }
        for (int round = 0; round < 200; round++) {
            assertTrue(gate.pause(Duration.ofSeconds(10)));
            paused.set(true);
            assertEquals(0, writersInside.get(), "no writer inside a paused gate");
            paused.set(false);
            gate.resume();
        }
        stop.set(true);
        CompletableFuture.allOf(writers).get(10, TimeUnit.SECONDS);
        assertEquals(0, overlaps.get());
    }

    @Test
    void keysRecordedWhileTheTrackerIsDrainedLandInThisRoundOrTheNext() throws Exception {
        MoveTracker tracker = new MoveTracker();
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger written = new AtomicInteger();
        CompletableFuture<Void> writer = CompletableFuture.runAsync(() -> {
            for (int i = 0; !stop.get(); i++) {
                gate.enter();
                tracker.touched(new byte[] {(byte) (i >> 24), (byte) (i >> 16), (byte) (i >> 8), (byte) i});
                written.incrementAndGet();
                gate.exit();
            }
        }, runnable -> new Thread(runnable).start());
        int seen = 0;
        for (int round = 0; round < 50; round++) {
            seen += tracker.drain(gate, Duration.ofSeconds(10), "s").size();
        }
        stop.set(true);
        writer.get(10, TimeUnit.SECONDS);
        seen += tracker.drainPaused().size();
        assertEquals(written.get(), seen, "every key recorded is drained exactly once");
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
