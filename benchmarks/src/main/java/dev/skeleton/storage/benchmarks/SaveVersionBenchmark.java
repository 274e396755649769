package dev.skeleton.storage.benchmarks;

import java.nio.ByteBuffer;
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
 * The cost of a snapshot after {@value Changes#CHANGES} changes, as average time per snapshot in
 * milliseconds: the memory store's {@code saveVersion} (structure shared with the working tree,
 * content hash updated for what changed, the oldest of the default 100 versions pruned) against
 * the skip list copied whole, the cost of a snapshot without structural sharing.
 *
 * <p>Before each measured call an untimed {@link Level#Invocation} setup writes new values to
 * {@value Changes#CHANGES} distinct stored keys (all of them at 1,000 keys). JMH's per-invocation
 * timestamps cost well under a microsecond, small beside a snapshot. A single-threaded measure:
 * with two threads the shared setup and the snapshots interleave and the figure means little, so
 * the two-thread command excludes this class.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g", "-XX:+AlwaysPreTouch"})
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public class SaveVersionBenchmark {

    /** A filled ordered target, snapshot once, that changes before every measured snapshot. */
    @State(Scope.Benchmark)
    public static class Changes extends DataSet {

        /** Changes made before each snapshot. */
        static final int CHANGES = 1000;

        /** How many entries the target holds. */
        @Param({"1000", "1000000"})
        public int keys;

        /** Which map: see {@link KeyValueTarget#create(String)}; ordered ones only. */
        @Param({KeyValueTarget.MEMORY, KeyValueTarget.SKIP_LIST})
        public String target;

        OrderedTarget ordered;
        private long generation;
        private int nextChange;

        /**
         * Fills the target and takes a first snapshot, so that each measured one covers only the
         * changes since (for the memory store the first save hashes the whole content).
         */
        @Setup(Level.Trial)
        public void setUp() {
            fill(keys, target);
            if (!(map instanceof OrderedTarget o)) {
                throw new IllegalArgumentException("target " + target + " has no snapshots");
            }
            ordered = o;
            ordered.snapshot();
        }

        /**
         * Writes a value never stored before to the next {@value #CHANGES} stored keys, taken in
         * insertion order, which is random key order, so the changes spread over the whole map.
         */
        @Setup(Level.Invocation)
        public void change() {
            ByteBuffer.wrap(value).putLong(0, ++generation);
            for (int i = 0; i < CHANGES; i++) {
                map.set(storedKeys[nextChange], value);
                nextChange = (nextChange + 1) % storedKeys.length;
            }
        }

        /** Drops the target and its versions. */
        @TearDown(Level.Trial)
        public void tearDown() {
            ordered = null;
            release();
        }
    }

    /**
     * Takes one snapshot.
     *
     * @param changes the target, just changed
     * @return the version saved or the copy made, consumed by JMH
     */
    @Benchmark
    public Object saveVersion(Changes changes) {
        return changes.ordered.snapshot();
    }
}
