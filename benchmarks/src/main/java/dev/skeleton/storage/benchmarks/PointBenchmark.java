package dev.skeleton.storage.benchmarks;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Single-key operations on a random existing key, as throughput, for every target: the memory
 * store against the skip list and the hash map in the same run. Every operation leaves the number
 * of keys unchanged, so the trial measures one size throughout. The random index (a
 * {@link java.util.concurrent.ThreadLocalRandom} draw) is part of every measured operation, for
 * every target alike.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g", "-XX:+AlwaysPreTouch"})
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class PointBenchmark {

    /**
     * Reads a random existing key (the value is copied out).
     *
     * @param data the filled target
     * @return the value, consumed by JMH
     */
    @Benchmark
    public byte[] get(AllTargets data) {
        return data.map.get(data.randomKey());
    }

    /**
     * Asks whether a random existing key is present.
     *
     * @param data the filled target
     * @return true, consumed by JMH
     */
    @Benchmark
    public boolean has(AllTargets data) {
        return data.map.has(data.randomKey());
    }

    /**
     * Overwrites a random existing key (key and value are copied in). Also the reference for
     * {@link #deleteThenReinsert}: the time of one delete is about the time of one
     * {@code deleteThenReinsert} minus the time of one {@code set}.
     *
     * @param data the filled target
     */
    @Benchmark
    public void set(AllTargets data) {
        data.map.set(data.randomKey(), data.value);
    }

    /**
     * Deletes a random existing key and inserts it again, so the size stays constant: a delete
     * cannot be measured alone without emptying the map. Read the delete cost off against
     * {@link #set}. With two threads, both may pick the same key; the second delete then finds it
     * absent (cheap) and the map stays full all the same.
     *
     * @param data the filled target
     */
    @Benchmark
    public void deleteThenReinsert(AllTargets data) {
        byte[] key = data.randomKey();
        data.map.delete(key);
        data.map.set(key, data.value);
    }
}
