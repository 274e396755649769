package dev.skeleton.storage.benchmarks;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * A full pass over every entry, as average time per pass, for every target. Each visited key and
 * value is a copy (the store contract) and goes to a {@link Blackhole}. The memory store iterates a
 * point-in-time snapshot in key order, the skip list is weakly consistent in key order, the hash
 * map weakly consistent in no order.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g", "-XX:+AlwaysPreTouch"})
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class IterateBenchmark {

    /**
     * Visits every entry once.
     *
     * @param data the filled target
     * @param sink consumes each key and value
     */
    @Benchmark
    public void iterate(AllTargets data, Blackhole sink) {
        data.map.iterate((key, value) -> {
            sink.consume(key);
            sink.consume(value);
            return true;
        });
    }
}
