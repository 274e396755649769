package dev.skeleton.storage.benchmarks;

import dev.skeleton.storage.Config;
import dev.skeleton.storage.TransferListener;
import dev.skeleton.storage.TransferReport;
import dev.skeleton.storage.file.FileEngine;
import dev.skeleton.storage.memory.MemoryEngine;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.IterationParams;

/**
 * A move of a store of {@code keys} (1,000,000) entries from the file engine to the memory engine
 * ({@code MultiStore.moveStore}) while {@code writers} (4) threads overwrite random keys of it
 * through its handle as fast as they can ({@link WriterThreads}): milliseconds per move, one shot per
 * iteration. Each move is printed ({@link MoveShotLog}) with the longest pause it reports
 * ({@code TransferReport.longestPause}) and, from the writers, the longest single write begun
 * during it, their throughput in a reference window before it, while it copies (on the old engine),
 * after its switch (on the new engine, while it checks the copy) and after it, the writes that
 * failed (there should be none), and a timeline of their throughput; the end of the fork sums the
 * measured moves up. The switch is seen by {@link SwitchWatch}.
 *
 * <p>Each iteration loads a new file store (the file engine's defaults; atomic commits of
 * {@value PersistentData#BATCH} through the handle, random key order), starts the writers, lets
 * them run {@value #WARMING_MILLIS} ms unmeasured (a store just loaded is still checkpointing what
 * the load changed, and stalls its writers meanwhile) and {@value #BEFORE_MILLIS} ms as the
 * reference window, then the shot moves the store; the tear-down lets the writers run
 * {@value #AFTER_MILLIS} ms more on the moved store, stops them, prints the shot and deletes the
 * store. The fork holds a {@link Ballast} of the same size beside the store. Run with one JMH
 * thread: the writers are threads of their own.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g", "-XX:+AlwaysPreTouch"})
@Warmup(iterations = 1)
@Measurement(iterations = 5)
public class TransferMoveBenchmark {

    static final long WARMING_MILLIS = 5_000;
    static final long BEFORE_MILLIS = 10_000;
    static final long AFTER_MILLIS = 2_000;

    /** A multistore with the file and memory engines, and a loaded file store written to. */
    @State(Scope.Benchmark)
    public static class InUse extends TransferData {

        /** How many entries the store holds. */
        @Param({"1000000"})
        public int keys;

        /** How many threads write while the store moves. */
        @Param({"4"})
        public int writers;

        WriterThreads running;
        final MoveShotLog log = new MoveShotLog();

        /** Draws the entries and opens the multistore, once. */
        @Setup(Level.Trial)
        public void setUp() {
            draw(keys);
            // Other data of the same size in the heap, as an application has (the memory store the
            // move makes is copy-on-write, which an empty heap flatters).
            Ballast.hold(storedKeys, values[0]);
            open("move", new FileEngine(), new MemoryEngine());
        }

        /**
         * Loads a new file store and lets the writers run up to the move.
         *
         * @throws InterruptedException if interrupted while the writers run
         */
        @Setup(Level.Iteration)
        public void loadAndWrite() throws InterruptedException {
            fill(STORE, FileEngine.NAME, Config.empty());
            running = new WriterThreads(stores.getStore(STORE), storedKeys, RandomData.value(), writers);
            Thread.sleep(WARMING_MILLIS);
            running.enter(WriterThreads.BEFORE);
            Thread.sleep(BEFORE_MILLIS);
        }

        /**
         * Lets the writers run on the moved store, stops them, prints the shot, deletes the store.
         *
         * @param iteration the iteration, from JMH
         * @throws InterruptedException if interrupted while the writers run
         */
        @TearDown(Level.Iteration)
        public void stopAndDelete(IterationParams iteration) throws InterruptedException {
            try {
                Thread.sleep(AFTER_MILLIS);
                running.close();
                log.printShot(iteration, running.window(WriterThreads.AFTER), running.timeline());
                if (running.firstFailure() != null) {
                    System.out.println("# first failed write: " + running.firstFailure());
                }
            } finally {
                running.close();
                running = null;
                stores.deleteStore(STORE);
            }
        }

        /** Prints the summary, closes the multistore and deletes its directory. */
        @TearDown(Level.Trial)
        public void tearDown() {
            log.summary();
            release();
            Ballast.release();
        }
    }

    /**
     * Moves the store to the memory engine while the writers go on.
     *
     * @param data the store and its writers
     * @return the report, consumed by JMH
     */
    @Benchmark
    public TransferReport move(InUse data) {
        WriterThreads running = data.running;
        running.enter(WriterThreads.COPYING);
        long start = System.nanoTime();
        TransferReport report;
        try (SwitchWatch watch = new SwitchWatch(data.stores, TransferData.STORE, MemoryEngine.NAME,
                () -> running.enter(WriterThreads.SWITCHED))) {
            report = data.stores.moveStore(TransferData.STORE, MemoryEngine.NAME, TransferListener.NONE);
            watch.close();
            if (!watch.seen()) {
                running.enter(WriterThreads.SWITCHED);
            }
        }
        long nanos = System.nanoTime() - start;
        running.enter(WriterThreads.AFTER);
        data.log.done(new MoveShotLog.Shot(nanos, report.longestPause().toNanos(), report.entries(),
                running.window(WriterThreads.BEFORE), running.window(WriterThreads.COPYING),
                running.window(WriterThreads.SWITCHED)));
        return report;
    }
}
