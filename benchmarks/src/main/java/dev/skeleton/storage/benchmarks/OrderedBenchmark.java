package dev.skeleton.storage.benchmarks;

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
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Operations only ordered targets have, as throughput: the memory store against the skip list
 * (the hash map has no ranges and no atomic batches).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g", "-XX:+AlwaysPreTouch"})
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class OrderedBenchmark {

    /** Keys visited by {@link #range100}. */
    static final int RANGE_LENGTH = 100;
    /** Keys written by {@link #txCommit10}. */
    static final int BATCH_SIZE = 10;

    /**
     * Commit attempts of {@link #txCommit10} that failed with {@code TX_CONFLICT} and were retried,
     * reported by JMH as a secondary result {@code conflicts} (a count per iteration; always 0 for
     * the skip list and for one thread).
     */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Conflicts {

        /** Retried commits in the current iteration. */
        public long conflicts;

        /** JMH does not reset counters itself. */
        @Setup(Level.Iteration)
        public void reset() {
            conflicts = 0;
        }
    }

    /**
     * Visits the {@value #RANGE_LENGTH} entries from a random existing key up (ascending, start
     * inclusive, every key and value a copy). The start is drawn among the keys that have at least
     * 99 successors, so every range holds exactly {@value #RANGE_LENGTH} entries.
     *
     * @param data the filled ordered target
     * @param sink consumes each key and value
     */
    @Benchmark
    public void range100(OrderedTargets data, Blackhole sink) {
        data.ordered.range(data.rangeStart(RANGE_LENGTH), RANGE_LENGTH, (key, value) -> {
            sink.consume(key);
            sink.consume(value);
            return true;
        });
    }

    /**
     * Writes {@value #BATCH_SIZE} random existing keys atomically: for the memory store one
     * transaction ({@code beginTx}, {@value #BATCH_SIZE} {@code set}s, {@code commit}), begun again
     * after a {@code TX_CONFLICT} until it commits (conflicts happen only with two threads); for the
     * skip list {@value #BATCH_SIZE} plain puts, the floor without isolation or atomicity.
     *
     * @param data      the filled ordered target
     * @param conflicts counts retried commits
     */
    @Benchmark
    public void txCommit10(OrderedTargets data, Conflicts conflicts) {
        byte[][] batch = new byte[BATCH_SIZE][];
        for (int i = 0; i < BATCH_SIZE; i++) {
            batch[i] = data.randomKey();
        }
        conflicts.conflicts += data.ordered.writeAtomically(batch, data.value);
    }
}
