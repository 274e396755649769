package dev.skeleton.storage.testkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.opentest4j.AssertionFailedError;

/**
 * Runs groups of worker threads against a store for a bounded time, and fails &mdash; never hangs
 * &mdash; when a worker throws or does not stop.
 *
 * <p>Each worker calls its {@link Step} over and over until the run's duration is up, the step
 * answers false, or some worker failed (the first failure stops everyone). After the duration,
 * {@link #run()} waits a grace period for the workers to finish their current step; a worker still
 * running then is stuck (deadlock, lost wake-up), and the run fails with the stack traces of the
 * stuck threads. Workers are daemon threads, so a stuck one cannot keep the JVM alive.
 *
 * <pre>{@code
 * new StressRun(fixture.stressDuration())
 *         .workers("writer", 4, index -> { store.set(key(index), value()); return true; })
 *         .workers("reader", 2, index -> { store.get(key(index)); return true; })
 *         .run();
 * }</pre>
 *
 * <p>A run is used once, from one thread.
 */
public final class StressRun {

    /** Extra time after the duration for workers to finish the step they are in. */
    private static final Duration MINIMUM_GRACE = Duration.ofSeconds(5);

    private final Duration duration;
    private final Duration grace;
    private final List<Thread> threads = new ArrayList<>();
    private final ConcurrentLinkedQueue<AssertionFailedError> failures = new ConcurrentLinkedQueue<>();
    private volatile boolean stopping;
    private long deadlineNanos;

    /**
     * One unit of a worker's work, called repeatedly.
     */
    @FunctionalInterface
    public interface Step {
        /**
         * Does one unit of work.
         *
         * @param workerIndex the worker's number within its group, from 0
         * @return true to be called again, false when this worker is done
         * @throws Exception any failure, which fails the run
         */
        boolean run(int workerIndex) throws Exception;
    }

    /**
     * A run of the given duration.
     *
     * @param duration how long workers keep calling their steps
     */
    public StressRun(Duration duration) {
        this(duration, duration.compareTo(MINIMUM_GRACE) > 0 ? duration : MINIMUM_GRACE);
    }

    /** A run with a given grace period, so that the kit's own tests need not wait long for a stuck worker. */
    StressRun(Duration duration, Duration grace) {
        this.duration = duration;
        this.grace = grace;
    }

    /**
     * Adds a group of workers that all run the same step.
     *
     * @param name  the group's name, used for thread names and failure messages
     * @param count how many workers
     * @param step  what each worker does, repeatedly
     * @return this run
     */
    public StressRun workers(String name, int count, Step step) {
        for (int index = 0; index < count; index++) {
            int workerIndex = index;
            Thread thread = new Thread(() -> work(step, workerIndex), "testkit-" + name + "-" + index);
            thread.setDaemon(true);
            threads.add(thread);
        }
        return this;
    }

    /**
     * Starts every worker, waits until all have stopped, and fails if one failed or got stuck.
     *
     * @throws AssertionFailedError with the first failure as cause (the others suppressed), or
     *         naming the stuck threads with their stack traces
     */
    public void run() {
        deadlineNanos = System.nanoTime() + duration.toNanos();
        threads.forEach(Thread::start);
        long waitLimit = System.nanoTime() + duration.toNanos() + grace.toNanos();
        for (Thread thread : threads) {
            joinUntil(thread, waitLimit);
        }
        stopping = true;
        failIfStuck();
        failIfAnyWorkerFailed();
    }

    private void work(Step step, int workerIndex) {
        try {
            // Every worker takes at least one step, however late its thread starts on a loaded
            // machine: a worker that never ran would make the run prove less than it claims.
            boolean more = step.run(workerIndex);
            while (more && !stopping && System.nanoTime() < deadlineNanos) {
                more = step.run(workerIndex);
            }
        } catch (Throwable e) {
            failures.add(new AssertionFailedError(Thread.currentThread().getName() + " failed: " + e, e));
            stopping = true;
        }
    }

    private static void joinUntil(Thread thread, long limitNanos) {
        long remainingMillis = Math.max(1, (limitNanos - System.nanoTime()) / 1_000_000);
        try {
            thread.join(remainingMillis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionFailedError("interrupted while waiting for " + thread.getName(), e);
        }
    }

    private void failIfStuck() {
        StringBuilder stuck = new StringBuilder();
        for (Thread thread : threads) {
            if (thread.isAlive()) {
                stuck.append("\n").append(thread.getName()).append(" is stuck at:");
                for (StackTraceElement frame : thread.getStackTrace()) {
                    stuck.append("\n    at ").append(frame);
                }
            }
        }
        if (stuck.length() > 0) {
            AssertionFailedError failure = new AssertionFailedError("workers did not stop within "
                    + grace.toMillis() + " ms after the " + duration.toMillis() + " ms run (deadlock?):"
                    + stuck);
            failures.forEach(failure::addSuppressed);
            throw failure;
        }
    }

    private void failIfAnyWorkerFailed() {
        AssertionFailedError first = failures.poll();
        if (first == null) {
            return;
        }
        failures.forEach(first::addSuppressed);
        throw first;
    }
}
