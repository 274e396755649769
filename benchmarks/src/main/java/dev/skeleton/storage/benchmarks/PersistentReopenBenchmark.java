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
 * The time to open a store of {@code keys} (1,000,000) keys that was loaded and closed cleanly,
 * milliseconds per open (one shot per iteration; the store is closed again, untimed, after each).
 * What an open does differs: the file engine reads its newest checkpoint into its in-heap index
 * and replays the log after it; RocksDB reads its manifest and replays its write-ahead log (the
 * first open after the load also flushes what it replayed); MVStore reads its file header and the
 * chunk metadata and loads pages lazily. The files are in the page cache (just written).
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g", "-XX:+AlwaysPreTouch"})
@Warmup(iterations = 1)
@Measurement(iterations = 5)
public class PersistentReopenBenchmark {

    /** A loaded store, closed between the opens. */
    @State(Scope.Benchmark)
    public static class Closed extends PersistentData {

        /** How many keys the store holds. */
        @Param({"1000000"})
        public int keys;

        /** Which store: see {@link PersistentTarget#open}. */
        @Param({PersistentTarget.FILE, PersistentTarget.ROCKSDB, PersistentTarget.MVSTORE})
        public String engine;

        /** Creates, loads and closes the store. */
        @Setup(Level.Trial)
        public void setUp() {
            create(engine, false);
            fill(keys, engine);
            store.close();
            store = null;
        }

        /**
         * Checks that the store opened holds the keys, and closes it.
         *
         * @throws IllegalStateException if a key is missing
         */
        @TearDown(Level.Iteration)
        public void closeAgain() {
            try {
                if (store.get(storedKeys[0]) == null || store.get(storedKeys[storedKeys.length - 1]) == null) {
                    throw new IllegalStateException(engine + " reopened without its keys");
                }
            } finally {
                store.close();
                store = null;
            }
        }

        /** Deletes the store. */
        @TearDown(Level.Trial)
        public void tearDown() {
            release();
        }
    }

    /**
     * Opens the store.
     *
     * @param data the closed store
     * @return the open store, consumed by JMH
     */
    @Benchmark
    public Object reopen(Closed data) {
        data.store = PersistentTarget.open(data.engine, data.directory, false);
        return data.store;
    }
}
