package dev.skeleton.storage.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The protocol of {@link GroupCommit}, with forces that the test controls: who leads, who is
 * covered, who is woken to lead next, and what a failure or an exclusive holder does to waiters.
 */
class GroupCommitTest {

    private final GroupCommit group = new GroupCommit();

    /** A force that blocks until released, counting how often it ran. */
    private static final class GatedForce implements GroupCommit.Force {
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);
        final AtomicInteger runs = new AtomicInteger();

        @Override
        public void force() {
            runs.incrementAndGet();
            entered.countDown();
            await(release);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            assertTrue(latch.await(10, TimeUnit.SECONDS), "timed out");
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    /** A call of {@code awaitDurable} on a thread of its own. */
    private final class Await {
        final CompletableFuture<Boolean> result = new CompletableFuture<>();
        final Thread thread;

        Await(long position, GroupCommit.Force force) {
            thread = new Thread(() -> {
                try {
                    result.complete(group.awaitDurable(position, force));
                } catch (Throwable e) {
                    result.completeExceptionally(e);
                }
            });
            thread.start();
        }

        /** Returns once the thread is parked: waiting for a force, or inside a gated one. */
        Await parked() {
            while (thread.getState() != Thread.State.WAITING) {
                Thread.onSpinWait();
            }
            return this;
        }

        boolean get() throws Exception {
            return result.get(10, TimeUnit.SECONDS);
        }
    }

    private static void neverForced() {
        throw new AssertionError("not expected to force");
    }

    @Test
    void aLoneWriterForcesForItself() throws IOException {
        AtomicInteger forces = new AtomicInteger();
        long position = group.appended(100);

        assertTrue(group.awaitDurable(position, forces::incrementAndGet));
        assertTrue(group.awaitDurable(position, forces::incrementAndGet), "durable already: no force");

        assertEquals(1, forces.get());
        assertEquals(1, group.forces());
        assertEquals(100, group.durablePosition());
    }

    @Test
    void aWriterThatAppendsDuringAForceLeadsTheNextOne() throws Exception {
        GatedForce first = new GatedForce();
        Await leader = new Await(group.appended(10), first);
        await(first.entered);
        AtomicInteger second = new AtomicInteger();
        Await waiter = new Await(group.appended(10), second::incrementAndGet).parked();
        assertEquals(0, second.get(), "no second force while one runs");

        first.release.countDown();

        assertTrue(leader.get());
        assertTrue(waiter.get());
        assertEquals(1, second.get(), "the waiter was not covered by the first force and led the second");
        assertEquals(2, group.forces());
        assertEquals(20, group.durablePosition());
    }

    @Test
    void waitersCoveredByAForceAreReleasedWithoutForcing() throws Exception {
        long position = group.appended(10);
        GatedForce force = new GatedForce();
        Await leader = new Await(position, force);
        await(force.entered);
        Await waiter = new Await(position, GroupCommitTest::neverForced).parked();

        force.release.countDown();

        assertTrue(leader.get());
        assertTrue(waiter.get());
        assertEquals(1, group.forces());
    }

    @Test
    void aFailedForceBreaksTheLogForEveryWaiter() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch fail = new CountDownLatch(1);
        IOException cause = new IOException("disk gone");
        Await leader = new Await(group.appended(10), () -> {
            entered.countDown();
            await(fail);
            throw cause;
        });
        await(entered);
        long second = group.appended(10);
        Await waiter = new Await(second, GroupCommitTest::neverForced).parked();

        fail.countDown();

        Exception failure = assertThrows(Exception.class, leader::get);
        assertSame(cause, failure.getCause(), "the leader gets the force's failure");
        assertFalse(waiter.get(), "the waiter's record never became durable");
        assertSame(cause, group.broken());
        assertFalse(group.awaitDurable(second, GroupCommitTest::neverForced), "later waits fail at once");
    }

    @Test
    void breakingTheLogWakesWaiters() throws Exception {
        GatedForce force = new GatedForce();
        Await leader = new Await(group.appended(10), force);
        await(force.entered);
        Await waiter = new Await(group.appended(10), GroupCommitTest::neverForced).parked();

        group.breakWith(new IOException("truncate failed"));

        assertFalse(waiter.get());
        force.release.countDown();
        assertTrue(leader.get(), "the force that ran still covers its leader");
    }

    @Test
    void anExclusiveHolderKeepsForcesOutAndCanMakeEverythingDurable() throws Exception {
        group.holdExclusively();
        Await waiter = new Await(group.appended(10), GroupCommitTest::neverForced).parked();

        group.release(group.appendedPosition());

        assertTrue(waiter.get());
        assertEquals(0, group.forces(), "the holder's own force is not a group force");
    }

    @Test
    void aHolderWaitsForTheRunningForce() throws Exception {
        GatedForce force = new GatedForce();
        Await leader = new Await(group.appended(10), force);
        await(force.entered);
        CompletableFuture<Void> holder = new CompletableFuture<>();
        Thread holderThread = new Thread(() -> {
            group.holdExclusively();
            holder.complete(null);
        });
        holderThread.start();
        while (holderThread.getState() != Thread.State.WAITING) {
            Thread.onSpinWait();
        }
        assertFalse(holder.isDone());

        force.release.countDown();

        holder.get(10, TimeUnit.SECONDS);
        assertTrue(leader.get());
        group.release(-1);
        assertTrue(group.awaitDurable(group.appended(5), () -> { }), "forces run again after the release");
    }

    /** Makes a force that covered a leader and one waiter, lasting about {@code millis}. */
    private void forceReleasingTwoWriters(long millis) throws Exception {
        long position = group.appended(10);
        GatedForce force = new GatedForce();
        Await leader = new Await(position, force);
        await(force.entered);
        Await covered = new Await(position, GroupCommitTest::neverForced).parked();
        Thread.sleep(millis);
        force.release.countDown();
        assertTrue(leader.get());
        assertTrue(covered.get());
    }

    @Test
    void aNextLeaderWaitsForTheWritersTheLastForceReleased() throws Exception {
        forceReleasingTwoWriters(3_000);

        // One released writer appends and leads; the other appends while the leader waits for it.
        AtomicInteger forces = new AtomicInteger();
        long first = group.appended(10);
        Await leader = new Await(first, forces::incrementAndGet);
        while (leader.thread.getState() != Thread.State.TIMED_WAITING && !leader.result.isDone()) {
            Thread.onSpinWait();
        }
        assertEquals(0, forces.get(), "the leader waits for the writer still to come back");
        long second = group.appended(10);
        long appendedAt = System.nanoTime();

        assertTrue(leader.get());
        long waitedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - appendedAt);
        assertTrue(waitedMillis < 1_000, "the last writer back wakes the leader, which would wait 1.5 s; waited "
                + waitedMillis + " ms");
        assertEquals(1, forces.get());
        assertEquals(second, group.durablePosition(), "the force covered the writer that came back");
        assertTrue(group.awaitDurable(second, GroupCommitTest::neverForced));
    }

    @Test
    void aNextLeaderForcesWithoutAWriterThatDoesNotComeBack() throws Exception {
        forceReleasingTwoWriters(20);

        // Only one of the two released writers appends again: the wait ends at its bound.
        AtomicInteger forces = new AtomicInteger();
        assertTrue(group.awaitDurable(group.appended(10), forces::incrementAndGet));
        assertEquals(1, forces.get());
        assertEquals(20, group.durablePosition());
    }

    @Test
    void aLoneWriterDoesNotWaitForItself() throws Exception {
        // A force of two seconds: a leader waiting for anybody after it would wait one second.
        assertTrue(group.awaitDurable(group.appended(10), () -> sleep(2_000)));
        AtomicInteger forces = new AtomicInteger();
        long start = System.nanoTime();

        assertTrue(group.awaitDurable(group.appended(10), forces::incrementAndGet));

        assertEquals(1, forces.get());
        long waitedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertTrue(waitedMillis < 900, "the writer's own append counted it back; waited " + waitedMillis + " ms");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void anInterruptedWaiterKeepsWaitingAndKeepsItsInterrupt() throws Exception {
        GatedForce force = new GatedForce();
        Await leader = new Await(group.appended(10), force);
        await(force.entered);
        long second = group.appended(10);
        CompletableFuture<Boolean> interruptedAfter = new CompletableFuture<>();
        Thread waiterThread = new Thread(() -> {
            try {
                boolean durable = group.awaitDurable(second, () -> { });
                interruptedAfter.complete(durable && Thread.currentThread().isInterrupted());
            } catch (Throwable e) {
                interruptedAfter.completeExceptionally(e);
            }
        });
        waiterThread.start();
        while (waiterThread.getState() != Thread.State.WAITING) {
            Thread.onSpinWait();
        }
        waiterThread.interrupt();
        force.release.countDown();

        assertTrue(leader.get());
        assertTrue(interruptedAfter.get(10, TimeUnit.SECONDS), "durable, and the interrupt is kept");
    }
}
