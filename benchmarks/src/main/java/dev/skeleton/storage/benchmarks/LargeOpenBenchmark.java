package dev.skeleton.storage.benchmarks;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Opening a store of {@code count} (10,000,000) entries, loaded once by {@link LargeDataset} and
 * closed cleanly, and reading one random entry: milliseconds from the open call to the first value
 * in hand, in a JVM of 256 MiB heap. The close that follows is not measured; before it the
 * tear-down prints the heap the open store holds ("# heap after open").
 * <ul>
 *   <li>{@link #firstOpen}: one open per fork, five forks. This is the figure an application
 *       sees at start-up: a new JVM, no engine class loaded, no code compiled. JMH's score is the
 *       mean of the five forks.</li>
 *   <li>{@link #reopen}: one fork, the open repeated (2 warm-up, 10 measured): the open's own
 *       cost once the JVM is warm, each still a new open of the files.</li>
 * </ul>
 * Both read files the operating system may still cache from an earlier open or the load; a cold
 * disk needs the caches dropped before each fork, which JMH cannot do.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class LargeOpenBenchmark {

    /** A loaded, closed store and the key to read first. */
    @State(Scope.Benchmark)
    public static class Closed extends LargeStoreParams {

        Path directory;
        LargeTarget store;
        byte[] firstKey;

        /** Finds the loaded store, loading it in another JVM if there is none. */
        @Setup(Level.Trial)
        public void find() {
            directory = LargeDataset.loaded(this);
        }

        /** Draws the key to read after this iteration's open. */
        @Setup(Level.Iteration)
        public void drawKey() {
            firstKey = LargeData.key(LargeData.randomIndex(count));
        }

        /** Prints the heap of the open store and closes it. */
        @TearDown(Level.Iteration)
        public void close() {
            if (store == null) {
                return;
            }
            try {
                LargeHeap.print("open", target, count);
            } finally {
                store.close();
                store = null;
            }
        }
    }

    /**
     * The first open of the store in a new JVM, and a get.
     *
     * @param data the closed store
     * @return the value read, consumed by JMH
     */
    @Benchmark
    @Fork(value = 5, jvmArgsAppend = {LargeStoreParams.HEAP, LargeStoreParams.EXIT_ON_OUT_OF_MEMORY})
    @Warmup(iterations = 0)
    @Measurement(iterations = 1)
    public byte[] firstOpen(Closed data) {
        return openAndGet(data);
    }

    /**
     * An open of the store in a warm JVM, and a get.
     *
     * @param data the closed store
     * @return the value read, consumed by JMH
     */
    @Benchmark
    @Fork(value = 1, jvmArgsAppend = {LargeStoreParams.HEAP, LargeStoreParams.EXIT_ON_OUT_OF_MEMORY})
    @Warmup(iterations = 2)
    @Measurement(iterations = 10)
    public byte[] reopen(Closed data) {
        return openAndGet(data);
    }

    private static byte[] openAndGet(Closed data) {
        data.store = LargeTarget.open(data.target, data.directory, data.cacheSize);
        byte[] value = data.store.get(data.firstKey);
        if (value == null) {
            throw new IllegalStateException(data.target + " opened without its keys");
        }
        return value;
    }
}
