package dev.skeleton.storage.benchmarks;

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

/**
 * Bulk load: {@code keys} new keys (1,000,000) with distinct 100-byte values into an empty store,
 * in atomic commits of {@value PersistentData#BATCH} keys, milliseconds per whole load (one shot
 * per iteration, a new store each time). With {@code synced=true} every commit is durable against
 * power loss when it returns, with {@code false} it reaches the operating system only (see
 * {@link PersistentTarget}). Run with one thread. The tear-down prints the bytes on disk after
 * each load.
 *
 * <p>Three loads warm up: with the default collector (G1) the second and third load of a fresh
 * JVM took 2.4 to 3.7 s where the later ones took 1.0 to 1.2 s (the file engine's tree lives on
 * the heap, and G1 needs a few cycles to size itself for it; with {@code -XX:+UseParallelGC} every
 * load after the first took 1.0 to 1.1 s), so one warm-up load measured G1 adapting rather than the
 * engine. RocksDB keeps its data off the heap and loads in the same time from the first load on.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g", "-XX:+AlwaysPreTouch"})
@Warmup(iterations = 3)
@Measurement(iterations = 3)
public class PersistentLoadBenchmark {

    /** The keys and values to load, and a new empty store for each iteration. */
    @State(Scope.Benchmark)
    public static class Empty extends PersistentData {

        /** How many keys one load stores. */
        @Param({"1000000"})
        public int keys;

        /** Which store: see {@link PersistentTarget#open}. */
        @Param({PersistentTarget.FILE, PersistentTarget.ROCKSDB, PersistentTarget.MVSTORE})
        public String engine;

        /** Whether each commit is durable against power loss. */
        @Param({"false", "true"})
        public boolean synced;

        byte[][] values;

        /** Draws the keys and values, once. */
        @Setup(Level.Trial)
        public void draw() {
            storedKeys = RandomData.keys(keys);
            values = values(keys);
        }

        /** A new, empty store. */
        @Setup(Level.Iteration)
        public void setUp() {
            create(engine, synced);
        }

        /** Prints the size on disk and deletes the store. */
        @TearDown(Level.Iteration)
        public void tearDown() {
            System.out.printf("# %s holds %,d keys in %,d bytes on disk%n", engine, keys,
                    BenchDirectories.size(directory));
            release();
        }
    }

    /**
     * Loads every key.
     *
     * @param data the keys and the empty store
     */
    @Benchmark
    public void load(Empty data) {
        PersistentData.load(data.store, data.storedKeys, data.values);
    }
}
