package dev.skeleton.storage.benchmarks;

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
 * Random gets from a store of {@code count} (10,000,000) entries, loaded once by
 * {@link LargeDataset}, opened at the trial's start, in a JVM of 256 MiB heap: each operation
 * reads the value of an entry drawn uniformly among all loaded ones (its key computed then, some
 * 10 ns, the same for every engine), gets per second. Far more data than any engine's cache, so
 * most gets go to the files, which the operating system's page cache may still hold. 2 warm-up and
 * 3 measured iterations of 10 s, so the engines' caches have filled before the measurement.
 *
 * <p>The set-up prints the heap after the open ("# heap after open"), the tear-down the heap after
 * the gets ("# heap after gets"), both with the store open.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {LargeStoreParams.HEAP, LargeStoreParams.EXIT_ON_OUT_OF_MEMORY})
@Warmup(iterations = 2, time = 10)
@Measurement(iterations = 3, time = 10)
public class LargeGetBenchmark {

    /** The loaded store, open. */
    @State(Scope.Benchmark)
    public static class Opened extends LargeStoreParams {

        LargeTarget store;

        /** Finds (or loads) the store, opens it and prints the heap. */
        @Setup(Level.Trial)
        public void open() {
            store = LargeTarget.open(target, LargeDataset.loaded(this), cacheSize);
            LargeHeap.print("open", target, count);
        }

        /** Prints the heap and closes the store. */
        @TearDown(Level.Trial)
        public void close() {
            try {
                LargeHeap.print("gets", target, count);
            } finally {
                store.close();
            }
        }
    }

    /**
     * Reads a random loaded entry.
     *
     * @param data the store
     * @return the value, consumed by JMH
     * @throws IllegalStateException if the entry is missing
     */
    @Benchmark
    public byte[] get(Opened data) {
        byte[] value = data.store.get(LargeData.key(LargeData.randomIndex(data.count)));
        if (value == null) {
            throw new IllegalStateException(data.target + " lost a key");
        }
        return value;
    }
}
