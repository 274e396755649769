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
 * Commits of one write each (a random existing key of {@code keys} overwritten with a 100-byte
 * value), as commits per second: {@link #durable} with every engine's synced setting and
 * {@link #unsynced} with its unsynced one (see {@link PersistentTarget} for exactly what each
 * engine does). Run with {@code -t 1} for one writer and {@code -t 8} for eight: all threads
 * share one store, and engines that group concurrent commits into one {@code fsync} (the file
 * engine, RocksDB) gain from more writers. The store is loaded untimed before the trial and
 * deleted after it.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 2)
public class PersistentCommitBenchmark {

    /** A loaded store whose commits are durable against power loss. */
    @State(Scope.Benchmark)
    public static class Synced extends PersistentData {

        /** How many keys the store holds (and the commits overwrite). */
        @Param({"100000"})
        public int keys;

        /** Which store: see {@link PersistentTarget#open}. */
        @Param({PersistentTarget.FILE, PersistentTarget.ROCKSDB, PersistentTarget.MVSTORE})
        public String engine;

        /** Creates and loads the store. */
        @Setup(Level.Trial)
        public void setUp() {
            create(engine, true);
            fill(keys, engine);
        }

        /** Deletes the store. */
        @TearDown(Level.Trial)
        public void tearDown() {
            release();
        }
    }

    /** A loaded store whose commits reach the operating system, not the disk. */
    @State(Scope.Benchmark)
    public static class Unsynced extends PersistentData {

        /** How many keys the store holds (and the commits overwrite). */
        @Param({"100000"})
        public int keys;

        /** Which store: see {@link PersistentTarget#open}. */
        @Param({PersistentTarget.FILE, PersistentTarget.ROCKSDB, PersistentTarget.MVSTORE})
        public String engine;

        /** Creates and loads the store. */
        @Setup(Level.Trial)
        public void setUp() {
            create(engine, false);
            fill(keys, engine);
        }

        /** Deletes the store. */
        @TearDown(Level.Trial)
        public void tearDown() {
            release();
        }
    }

    /**
     * One durable commit of one write.
     *
     * @param data the store
     */
    @Benchmark
    public void durable(Synced data) {
        data.store.put(data.randomKey(), data.value);
    }

    /**
     * One unsynced commit of one write.
     *
     * @param data the store
     */
    @Benchmark
    public void unsynced(Unsynced data) {
        data.store.put(data.randomKey(), data.value);
    }
}
