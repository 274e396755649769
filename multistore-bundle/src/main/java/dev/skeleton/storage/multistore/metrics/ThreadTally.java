package dev.skeleton.storage.multistore.metrics;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.ref.WeakReference;

/**
 * One thread's counts for one store: written by that thread alone, read by anyone.
 *
 * <p>Why per thread: a shared counter costs an atomic read-modify-write per operation (a
 * {@code LongAdder} too, on its uncontended path), which is a few percent of an in-memory
 * {@code get}. A tally is found through a {@code ThreadLocal} and bumped with plain arithmetic; its
 * slots are written and read with opaque access, so that a reader on another thread sees each
 * count whole and, soon, up to date, while the writer pays no fence. Counts are exact: each
 * operation is added once, by its own thread, and {@link StoreMeter} sums the tallies (folding in
 * those of threads that ended).
 *
 * <p>Not thread-safe for writers by design: only the owning thread calls the counting methods.
 */
public final class ThreadTally {

    private static final VarHandle SLOTS = MethodHandles.arrayElementVarHandle(long[].class);
    /** Slots after the operation counts. */
    static final int BYTES_READ = Operation.values().length;
    static final int BYTES_WRITTEN = BYTES_READ + 1;
    static final int SLOT_COUNT = BYTES_WRITTEN + 1;

    private final long[] slots = new long[SLOT_COUNT];
    private final WeakReference<Thread> owner;
    private final StoreMeter meter;
    private final TimingSampler sampler;

    ThreadTally(StoreMeter meter, Thread owner) {
        this.meter = meter;
        this.owner = new WeakReference<>(owner);
        this.sampler = new TimingSampler(Operation.values().length, owner.getId());
    }

    /**
     * Starts an operation whose duration may be taken ({@link TimingSampler} chooses which).
     *
     * @param operation what starts
     * @return the clock now if this operation is timed, else 0
     */
    public long begin(Operation operation) {
        int kind = operation.ordinal();
        return sampler.isDue(kind, (long) SLOTS.getOpaque(slots, kind)) ? System.nanoTime() : 0;
    }

    /**
     * Ends a read of the latency group {@code reads}.
     *
     * @param operation what it was
     * @param started   what {@link #begin} returned
     * @param bytes     bytes of keys and values handed to the caller
     */
    public void read(Operation operation, long started, long bytes) {
        add(operation.ordinal(), 1);
        add(BYTES_READ, bytes);
        if (started != 0) {
            timed(meter.reads(), operation, System.nanoTime() - started);
        }
    }

    /**
     * Ends a write of the latency group {@code writes}.
     *
     * @param operation what it was
     * @param started   what {@link #begin} returned
     * @param bytes     bytes of keys and values written
     */
    public void write(Operation operation, long started, long bytes) {
        add(operation.ordinal(), 1);
        add(BYTES_WRITTEN, bytes);
        if (started != 0) {
            timed(meter.writes(), operation, System.nanoTime() - started);
        }
    }

    /**
     * Counts an operation that has no latency group.
     *
     * @param operation what it was
     */
    public void count(Operation operation) {
        add(operation.ordinal(), 1);
    }

    /**
     * Adds bytes read outside a {@link #read} (by an iteration or a transaction).
     *
     * @param bytes bytes of keys and values handed to the caller
     */
    public void bytesRead(long bytes) {
        add(BYTES_READ, bytes);
    }

    /**
     * Adds bytes written outside a {@link #write} (by a committed transaction).
     *
     * @param bytes bytes of keys and values written
     */
    public void bytesWritten(long bytes) {
        add(BYTES_WRITTEN, bytes);
    }

    private void timed(LatencyRecorder group, Operation operation, long nanos) {
        int kind = operation.ordinal();
        group.record(nanos, sampler.timed(kind, (long) SLOTS.getOpaque(slots, kind), nanos));
    }

    private void add(int slot, long amount) {
        SLOTS.setOpaque(slots, slot, (long) SLOTS.getOpaque(slots, slot) + amount);
    }

    /** Adds this tally's counts to {@code sums}; from any thread. */
    void addTo(long[] sums) {
        for (int i = 0; i < SLOT_COUNT; i++) {
            sums[i] += (long) SLOTS.getOpaque(slots, i);
        }
    }

    /** Whether the owning thread has ended, so that nothing will be added any more. */
    boolean ownerEnded() {
        Thread thread = owner.get();
        return thread == null || !thread.isAlive();
    }
}
