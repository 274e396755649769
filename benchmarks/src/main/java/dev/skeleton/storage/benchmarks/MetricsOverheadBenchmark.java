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
 * What the multistore's metrics cost: {@code get} and {@code set} of a random existing key on a
 * memory engine's store through the handle, with metrics on and off in the same run, in a heap
 * that holds a {@link Ballast} of the same size. The target is the issue's: on costs at most 3%.
 *
 * <p>Four forks rather than more iterations: on a small store a fork's JIT and memory layout settle
 * in one of two modes about 20% apart, so the spread between forks, not within one, decides.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 4, jvmArgsAppend = {"-Xms4g", "-Xmx4g", "-XX:+AlwaysPreTouch"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 2)
public class MetricsOverheadBenchmark {

    /** A store behind a handle with metrics on or off, filled once per trial. */
    @State(Scope.Benchmark)
    public static class Handles extends DataSet {

        /** How many entries the store holds. */
        @Param({"1000", "1000000"})
        public int keys;

        /** Metrics on or off. */
        @Param({KeyValueTarget.HANDLE_METRICS, KeyValueTarget.HANDLE_NO_METRICS})
        public String target;

        /** Fills the store. */
        @Setup(Level.Trial)
        public void setUp() {
            fill(keys, target);
        }

        /** Drops the store. */
        @TearDown(Level.Trial)
        public void tearDown() {
            release();
        }
    }

    /**
     * Reads a random existing key.
     *
     * @param data the filled store
     * @return the value, consumed by JMH
     */
    @Benchmark
    public byte[] get(Handles data) {
        return data.map.get(data.randomKey());
    }

    /**
     * Overwrites a random existing key.
     *
     * @param data the filled store
     */
    @Benchmark
    public void set(Handles data) {
        data.map.set(data.randomKey(), data.value);
    }
}
