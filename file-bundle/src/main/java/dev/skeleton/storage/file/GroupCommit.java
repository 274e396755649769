package dev.skeleton.storage.file;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Who forces the log and who waits for it: the group commit of {@link LogWriter}.
 *
 * <h2>Positions</h2>
 * The log is one sequence of bytes across its segments. {@link #appended} is how far it has been
 * written, {@link #durable} how far a force has covered; a record is durable once {@code durable}
 * reaches the position after it.
 *
 * <h2>Leaders and waiters</h2>
 * A writer whose record is not durable yet either leads (no force runs: it forces everything
 * appended so far, for everyone) or waits. At the end of a force the leader wakes exactly the
 * waiters it covered, and, if some waiter appended after the force began, exactly one of those, to
 * lead the next force. Waiters park on their own node and are woken by {@link LockSupport#unpark}
 * after their node's state changed under the lock: no wake-up can be lost, and no waiter is woken
 * only to find that its record is still not durable and go back to sleep.
 *
 * <h2>Why the leader waits for returning writers first</h2>
 * With N writers that each write, wait and write again, a plain group commit falls into two
 * alternating groups: the writers released by one force come back while the next force already
 * runs, so they wait for it to end and then for a force of their own, and each force covers about
 * N/2 writes (measured: 4.4 per force with 8 writers, the forces running back to back). The
 * writers a force released are therefore counted ({@link #returning}); a leader that finds some of
 * them not yet back parks until the last of them has appended again (that append unparks it) or
 * half the duration of the previous force has passed, and only then notes how far the log goes, so
 * that they are covered by this force instead of the next. Measured with 8 writers on two
 * processors: 7.9 writes per force instead of 4.4; the wait costs about 100 µs per force there,
 * since the released writers come back one after another, and a force that follows a pause takes
 * longer than one right after another (measured: about 205 against 173 µs), which together eat much of
 * what the bigger group gains: the net, in 8 alternating rounds of 8 writers, was a median of about
 * 23,000 durable writes per second with the wait and 18,900 without. It waits for
 * nobody by name: a writer that does not come back delays the next force by half a force at most,
 * and a lone writer (counted back by its own next append) not at all. Parking rather than yielding
 * leaves the processors to the returning writers.
 *
 * <h2>Exclusive holders</h2>
 * Switching or closing the log segment must not race a force: {@link #holdExclusively} waits until
 * no force runs and then counts as one until {@link #release}.
 *
 * <p>Thread-safe. The positions are volatile; everything else is guarded by {@link #lock}, which
 * is held only for bookkeeping, never during a force or a park.
 */
final class GroupCommit {

    /** Forces everything appended so far; called by the leader, never by two threads at once. */
    @FunctionalInterface
    interface Force {
        /**
         * Forces the log.
         *
         * @throws IOException if it fails; the log is broken then
         */
        void force() throws IOException;
    }

    /** A parked waiter: its thread, the position it waits for, and why it was woken. */
    private static final class Waiter {
        final Thread thread = Thread.currentThread();
        final long position;
        /** Set under the lock before the thread is unparked. */
        volatile boolean woken;

        Waiter(long position) {
            this.position = position;
        }
    }

    private final ReentrantLock lock = new ReentrantLock();
    /** Waiters in arrival order; guarded by {@link #lock}. */
    private final ArrayDeque<Waiter> waiters = new ArrayDeque<>();
    /** Writers released by the last force that have not appended again since. */
    private final AtomicInteger returning = new AtomicInteger();

    /** Written only by appenders, which the store's write lock serializes. */
    private volatile long appended;
    /** Written under {@link #lock}. */
    private volatile long durable;
    /** Why the log cannot be trusted any more; null while it can. */
    private volatile IOException broken;
    /** A force, or an exclusive holder, is running; guarded by {@link #lock}. */
    private boolean busy;
    /** Forces made by leaders; guarded by {@link #lock}. */
    private long forces;
    /** How long the last force took; bounds how long the next leader waits for returning writers. */
    private volatile long lastForceNanos;
    /** The leader waiting for returning writers, unparked by the last of them; null if none waits. */
    private volatile Thread gatherer;

    /**
     * Counts bytes appended to the log. Called under the store's write lock, after they were
     * written (or buffered).
     *
     * @param bytes how many
     * @return the position after them
     */
    long appended(int bytes) {
        long position = appended + bytes;
        appended = position;
        if (returning.get() > 0 && returning.updateAndGet(count -> Math.max(0, count - 1)) == 0) {
            Thread leader = gatherer;
            if (leader != null) {
                LockSupport.unpark(leader);
            }
        }
        return position;
    }

    /** How far the log has been written. */
    long appendedPosition() {
        return appended;
    }

    /** How far the log is durable. */
    long durablePosition() {
        return durable;
    }

    /** Why the log is broken, or null. */
    IOException broken() {
        return broken;
    }

    /** How many forces leaders made. */
    long forces() {
        lock.lock();
        try {
            return forces;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Returns once {@code position} is durable, leading forces as needed.
     *
     * @param position a position returned by {@link #appended}
     * @param force    how to force the log, if this thread leads
     * @return true once durable; false if the log broke first
     * @throws IOException if this thread led a force and it failed (the log is broken then)
     */
    boolean awaitDurable(long position, Force force) throws IOException {
        boolean interrupted = false;
        try {
            while (true) {
                if (durable >= position) {
                    return true;
                }
                Waiter waiter;
                lock.lock();
                try {
                    if (durable >= position) {
                        return true;
                    }
                    if (broken != null) {
                        return false;
                    }
                    if (!busy) {
                        busy = true;
                        waiter = null;
                    } else {
                        waiter = new Waiter(position);
                        waiters.addLast(waiter);
                    }
                } finally {
                    lock.unlock();
                }
                if (waiter == null) {
                    lead(force);
                } else {
                    interrupted |= park(waiter);
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Parks until woken; true if the thread was interrupted meanwhile (the flag is cleared). */
    private boolean park(Waiter waiter) {
        boolean interrupted = false;
        while (!waiter.woken) {
            LockSupport.park(this);
            interrupted |= Thread.interrupted();
        }
        return interrupted;
    }

    private void lead(Force force) throws IOException {
        awaitReturningWriters();
        long upTo = appended;
        IOException failure = null;
        long start = System.nanoTime();
        try {
            force.force();
        } catch (IOException e) {
            failure = e;
        }
        lastForceNanos = System.nanoTime() - start;
        finish(failure == null ? upTo : -1, failure, 1);
        if (failure != null) {
            throw failure;
        }
    }

    /**
     * Parks while writers released by the previous force have not appended again, for at most half
     * the duration of the previous force. The last of them unparks this thread ({@link #appended});
     * since the leader publishes itself before it reads the count and the appender writes the
     * count before it reads the leader, one of them sees the other, and no wake-up is lost. A
     * stray unpark left for a later park is harmless: every park here and in {@link #park} checks
     * its condition again. An interrupted leader stops waiting and forces at once.
     */
    private void awaitReturningWriters() {
        if (returning.get() == 0) {
            return;
        }
        long deadline = System.nanoTime() + lastForceNanos / 2;
        gatherer = Thread.currentThread();
        try {
            long left;
            while (returning.get() > 0 && (left = deadline - System.nanoTime()) > 0
                    && !Thread.currentThread().isInterrupted()) {
                LockSupport.parkNanos(this, left);
            }
        } finally {
            gatherer = null;
        }
    }

    /**
     * Waits until no force runs, then counts as one until {@link #release}; for switching and
     * closing the segment.
     */
    void holdExclusively() {
        boolean interrupted = false;
        while (true) {
            Waiter waiter;
            lock.lock();
            try {
                if (!busy) {
                    busy = true;
                    break;
                }
                waiter = new Waiter(Long.MAX_VALUE);
                waiters.addLast(waiter);
            } finally {
                lock.unlock();
            }
            interrupted |= park(waiter);
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Ends {@link #holdExclusively}.
     *
     * @param durableUpTo how far the holder made the log durable ({@link #appendedPosition} when it
     *                    forced everything), or -1 if it forced nothing
     */
    void release(long durableUpTo) {
        finish(durableUpTo, null, 0);
    }

    /**
     * Marks the log broken and wakes everyone waiting: their records will never be durable.
     *
     * @param cause why
     */
    void breakWith(IOException cause) {
        List<Waiter> wake;
        lock.lock();
        try {
            broken = cause;
            wake = new ArrayList<>(waiters);
            waiters.clear();
            wake.forEach(waiter -> waiter.woken = true);
        } finally {
            lock.unlock();
        }
        wake.forEach(waiter -> LockSupport.unpark(waiter.thread));
    }

    /**
     * Ends a force or an exclusive hold: publishes how far the log is durable, wakes the waiters
     * that covers, and one of the others to lead the next force.
     *
     * @param upTo     the position made durable, or -1
     * @param failure  why the force failed, or null
     * @param released how many writers this returns to their callers (the leader: 1)
     */
    private void finish(long upTo, IOException failure, int released) {
        List<Waiter> wake = new ArrayList<>();
        lock.lock();
        try {
            busy = false;
            if (released > 0) {
                forces++;
            }
            if (failure != null) {
                broken = failure;
            } else if (upTo > durable) {
                durable = upTo;
            }
            Waiter nextLeader = null;
            for (Iterator<Waiter> it = waiters.iterator(); it.hasNext(); ) {
                Waiter waiter = it.next();
                if (failure != null || broken != null || waiter.position <= durable) {
                    it.remove();
                    wake.add(waiter);
                } else if (nextLeader == null) {
                    nextLeader = waiter;
                }
            }
            returning.set(wake.size() + released);
            if (nextLeader != null) {
                // Last in line, so that the writers just released run first and can join its force.
                waiters.remove(nextLeader);
                wake.add(nextLeader);
            }
            wake.forEach(waiter -> waiter.woken = true);
        } finally {
            lock.unlock();
        }
        wake.forEach(waiter -> LockSupport.unpark(waiter.thread));
    }
}
