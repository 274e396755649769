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
 * Random gets after reopening: the store is loaded with {@code keys} (1,000,000) keys, closed and
 * opened again (untimed), then each operation reads one random existing key (the value copied
 * out), operations per microsecond. The operating system's page cache holds the files (they were
 * just written); each engine's own caches start empty at the reopen and fill as the warm-up runs,
 * with their default sizes (see {@link PersistentTarget}).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g", "-XX:+AlwaysPreTouch"})
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class PersistentGetBenchmark {

    /** A loaded store, reopened. */
    @State(Scope.Benchmark)
    public static class Reopened extends PersistentData {

        /** How many keys the store holds. */
        @Param({"1000000"})
        public int keys;

        /** Which store: see {@link PersistentTarget#open}. */
        @Param({PersistentTarget.FILE, PersistentTarget.ROCKSDB, PersistentTarget.MVSTORE})
        public String engine;

        /** Creates, loads, closes and reopens the store. */
        @Setup(Level.Trial)
        public void setUp() {
            create(engine, false);
            fill(keys, engine);
            reopen(engine, false);
        }

        /** Deletes the store. */
        @TearDown(Level.Trial)
        public void tearDown() {
            release();
        }
    }

    /**
     * Reads a random existing key.
     *
     * @param data the store
     * @return the value, consumed by JMH
     * @throws IllegalStateException if the key is missing
     */
    @Benchmark
    public byte[] get(Reopened data) {
        byte[] value = data.store.get(data.randomKey());
        if (value == null) {
            throw new IllegalStateException(data.engine + " lost a key");
        }
        return value;
    }
}
