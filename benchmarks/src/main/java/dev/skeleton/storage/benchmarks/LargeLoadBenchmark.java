package dev.skeleton.storage.benchmarks;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Timeout;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Loading more than the heap holds: {@code count} (10,000,000) entries of {@link LargeData}, one
 * unsynced put each (see {@link LargeTarget}), in random key order, into a new, empty store, in a
 * JVM of 256 MiB heap. One shot per fork, seconds for the whole load; the secondary result
 * {@code keysPerSecond} is {@code count} divided by that time. Computing each key and value is in
 * the measured time (some 30 ns a put, the same for every engine).
 *
 * <p>The close is not measured: whatever an engine still has to write then (RocksDB's memtable is
 * in its write-ahead log already and is not flushed; MVStore commits its last second; the file
 * engine writes what its close writes) is printed as "# Closed ... in ... ms" by the tear-down,
 * with the bytes on disk and, before the close, the heap the open store holds
 * ({@link LargeHeap}). The store is deleted afterwards. JMH's time limit is raised to an hour: a
 * slow engine's load of 10,000,000 entries may take longer than the default 10 minutes, and a
 * load must be measured whole or not at all. An engine that runs out of heap ends its fork (see
 * {@link LargeStoreParams#EXIT_ON_OUT_OF_MEMORY}); JMH then reports the fork's failure and goes on.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {LargeStoreParams.HEAP, LargeStoreParams.EXIT_ON_OUT_OF_MEMORY})
@Warmup(iterations = 0)
@Measurement(iterations = 1)
@Timeout(time = 1, timeUnit = TimeUnit.HOURS)
public class LargeLoadBenchmark {

    /** A new, empty store. */
    @State(Scope.Benchmark)
    public static class Empty extends LargeStoreParams {

        Path directory;
        LargeTarget store;

        /** Creates the store in a new directory. */
        @Setup(Level.Iteration)
        public void create() {
            directory = BenchDirectories.create("large-" + target);
            store = LargeTarget.open(target, directory, cacheSize);
        }

        /** Checks the load, prints the heap, closes the store (timed, printed) and deletes it. */
        @TearDown(Level.Iteration)
        public void release() {
            try {
                LargeData.requireLoaded(store, count, target);
                LargeHeap.print("load", target, count);
                long start = System.nanoTime();
                store.close();
                store = null;
                System.out.printf("# Closed %s after the load in %,d ms; %,d bytes on disk%n", target,
                        (System.nanoTime() - start) / 1_000_000, BenchDirectories.size(directory));
            } finally {
                if (store != null) {
                    store.close();
                }
                BenchDirectories.delete(directory);
            }
        }
    }

    /**
     * The load rate, reported by JMH beside the time: {@code count} over the measured load.
     * Per thread, as JMH requires of counters; run this benchmark with one thread.
     */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Rate {

        /** Entries per second of the last load. */
        public double keysPerSecond;
    }

    /**
     * Puts every entry.
     *
     * @param store the empty store
     * @param rate  receives the keys per second
     */
    @Benchmark
    public void load(Empty store, Rate rate) {
        long start = System.nanoTime();
        LargeData.putAll(store.store, store.count);
        rate.keysPerSecond = store.count / ((System.nanoTime() - start) / 1e9);
    }
}
