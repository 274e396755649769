package dev.skeleton.storage.multistore;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;

/**
 * Holds the writers of one store for a moment: a move of the store to another engine
 * {@linkplain #pause pauses} them, waits for the writes under way to end, switches the store and
 * {@linkplain #resume resumes} them.
 *
 * <p>A writer {@linkplain #enter enters} before it writes and {@linkplain #exit exits} after, on
 * the same thread. Entering costs one atomic increment of a counter that belongs to the thread's
 * stripe (padded to its own cache line, so writers on different threads rarely share one) plus a
 * volatile read; no writer waits for another. A thread always uses the same stripe, so each
 * stripe counts exactly the writers of its threads that are inside: every stripe is zero or more at
 * any moment, and their sum, read after {@link #pause} set the flag, is zero only when no writer
 * that entered before the flag is still inside (a writer that enters after the flag sees it,
 * leaves again and waits). The flag and the counters are both volatile, so of a writer entering and
 * a pause starting at once, at least one sees the other.
 *
 * <p>Not reentrant while paused: a writer must not enter again while it is inside (its events are
 * therefore delivered after it exits).
 */
final class WriteGate {

    /** Longs per stripe: 128 bytes, one stripe per pair of cache lines whatever the prefetcher does. */
    private static final int PAD = 16;
    private static final int STRIPES = Integer.highestOneBit(Math.max(4, Runtime.getRuntime().availableProcessors()) * 4);

    private final AtomicLongArray inside = new AtomicLongArray(STRIPES * PAD);
    private final Object monitor = new Object();
    private volatile boolean paused;

    /** Enters, waiting while the gate is paused. */
    void enter() {
        int slot = slot();
        while (true) {
            inside.getAndIncrement(slot);
            if (!paused) {
                return;
            }
            inside.getAndDecrement(slot);
            awaitResume();
        }
    }

    /** Leaves; on the thread that entered. */
    void exit() {
        inside.getAndDecrement(slot());
    }

    /**
     * Holds new writers and waits until every writer inside has left.
     *
     * @param limit how long to wait for the writers inside
     * @return true if the gate is paused and empty; false if writers were still inside after the
     *         limit (or the thread was interrupted), in which case the gate is resumed again
     */
    boolean pause(Duration limit) {
        synchronized (monitor) {
            paused = true;
        }
        long deadline = System.nanoTime() + limit.toNanos();
        int spins = 0;
        while (writersInside() > 0) {
            if (System.nanoTime() > deadline || Thread.currentThread().isInterrupted()) {
                resume();
                return false;
            }
            if (++spins < 100) {
                Thread.onSpinWait();
            } else {
                LockSupport.parkNanos(50_000);
            }
        }
        return true;
    }

    /** Lets writers in again; idempotent. */
    void resume() {
        synchronized (monitor) {
            paused = false;
            monitor.notifyAll();
        }
    }

    /**
     * Waits until every writer that is inside now has left, without holding new ones for longer
     * than that.
     *
     * @return false if writers were still inside after the limit
     */
    boolean drain(Duration limit) {
        boolean drained = pause(limit);
        resume();
        return drained;
    }

    private long writersInside() {
        long sum = 0;
        for (int stripe = 0; stripe < STRIPES; stripe++) {
            sum += inside.get(stripe * PAD);
        }
        return sum;
    }

    /** Waits, not interruptibly (the pause is short and bounded), keeping the interrupt for later. */
    private void awaitResume() {
        boolean interrupted = false;
        synchronized (monitor) {
            while (paused) {
                try {
                    monitor.wait();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static int slot() {
        long id = Thread.currentThread().getId();
        int mixed = (int) (id * 0x9E3779B97F4A7C15L >>> 32);
        return (mixed & (STRIPES - 1)) * PAD;
    }
}
