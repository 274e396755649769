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
import org.openjdk.jmh.infra.Blackhole;

/**
 * The postgres engine against plain JDBC sending the same SQL ({@code -p target=postgres,jdbc}; see
 * {@link PostgresTarget} for exactly what each sends), as time per operation: the engine's
 * overhead is its time over the baseline's, less one. Single-row commits, a bulk load, random gets
 * and a 100-key range scan, each on a server of its own fork ({@link PostgresData}). Run with one
 * thread: {@link #load} is a single-threaded measure, and the others were sized for one.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 3)
public class PostgresBenchmark {

    /** Keys in one range of {@link #range100}. */
    static final int RANGE_LENGTH = 100;

    /** A filled store, for gets and ranges. */
    @State(Scope.Benchmark)
    public static class Loaded extends PostgresData {

        /** How many keys the store holds. */
        @Param({"100000"})
        public int keys;

        /** The engine or the baseline: see {@link PostgresTarget#connect}. */
        @Param({PostgresTarget.ENGINE, PostgresTarget.JDBC})
        public String target;

        /** One server ({@code single}), or a primary and a standby ({@code async}, {@code sync}): see {@link PostgresData}. */
        @Param({"single"})
        public String replication;

        /**
         * Where the engine reads ({@code read_from}): {@code primary}, or {@code standby} (on a pair;
         * the baseline reads the primary only).
         */
        @Param({"primary"})
        public String readFrom;

        /** Connects, creates and fills the store. */
        @Setup(Level.Trial)
        public void setUp() {
            connect(target, true, replication, readFrom);
            fill(keys);
        }

        /** Drops the store and the schema. */
        @TearDown(Level.Trial)
        public void tearDown() {
            release();
        }
    }

    /** A filled store for commits, durable ones or not. */
    @State(Scope.Benchmark)
    public static class Written extends PostgresData {

        /** How many keys the store holds (and the commits overwrite). */
        @Param({"100000"})
        public int keys;

        /** The engine or the baseline: see {@link PostgresTarget#connect}. */
        @Param({PostgresTarget.ENGINE, PostgresTarget.JDBC})
        public String target;

        /**
         * The sessions' {@code synchronous_commit}: {@code on} (the server's default) waits for the
         * WAL flush, so the disk sets the pace; {@code off} leaves the round trips and the work of
         * both ends, which is where an engine's overhead would show.
         */
        @Param({"on", "off"})
        public String synchronousCommit;

        /**
         * One server ({@code single}), or a primary and a standby that a commit does not wait for
         * ({@code async}) or does ({@code sync}, with {@code synchronousCommit=on}): see
         * {@link PostgresData}.
         */
        @Param({"single"})
        public String replication;

        /** Connects, creates and fills the store. */
        @Setup(Level.Trial)
        public void setUp() {
            connect(target, "on".equals(synchronousCommit), replication, "primary");
            fill(keys);
        }

        /** Drops the store and the schema. */
        @TearDown(Level.Trial)
        public void tearDown() {
            release();
        }
    }

    /** A new, empty store for every invocation of {@link #load}, and the rows to load into it. */
    @State(Scope.Benchmark)
    public static class Empty extends PostgresData {

        /** How many keys one load stores, in one commit. */
        @Param({"10000"})
        public int keys;

        /** The engine or the baseline: see {@link PostgresTarget#connect}. */
        @Param({PostgresTarget.ENGINE, PostgresTarget.JDBC})
        public String target;

        /** The values of {@link #storedKeys}, index for index, all different. */
        byte[][] values;
        /** Stores made so far, for their names. */
        private int stores;

        /** Connects and draws the keys and values, once. */
        @Setup(Level.Trial)
        public void setUp() {
            connect(target);
            storedKeys = RandomData.keys(keys);
            values = PersistentData.values(keys);
        }

        /** A new, empty store (its tables made untimed). */
        @Setup(Level.Invocation)
        public void createStore() {
            store = client.create("load-" + ++stores);
        }

        /** Drops the store just loaded, untimed. */
        @TearDown(Level.Invocation)
        public void dropStore() {
            store.drop();
            store = null;
        }

        /** Drops the schema. */
        @TearDown(Level.Trial)
        public void tearDown() {
            release();
        }
    }

    /**
     * One commit of one write: a random stored key overwritten with a 100-byte value (for the
     * engine a direct {@code set}); with {@code synchronousCommit=on} durable on return.
     *
     * @param data the filled store
     */
    @Benchmark
    public void commit(Written data) {
        data.store.set(data.randomKey(), data.value);
    }

    /**
     * A bulk load: {@code keys} (10,000) new keys with distinct values into an empty store as one
     * atomic commit (for the engine {@code beginTx}, the sets, {@code commit}).
     *
     * @param data the empty store and the rows
     */
    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public void load(Empty data) {
        data.store.load(data.storedKeys, data.values, 0, data.storedKeys.length);
    }

    /**
     * Reads a random stored key.
     *
     * @param data the filled store
     * @return the value, consumed by JMH
     */
    @Benchmark
    public byte[] get(Loaded data) {
        return data.store.get(data.randomKey());
    }

    /**
     * Visits the {@value #RANGE_LENGTH} entries from a random stored key up: the bounds are two
     * stored keys {@value #RANGE_LENGTH} apart, so every range holds exactly that many (for the
     * engine {@code iterateRange(start, end, true, visitor)}).
     *
     * @param data the filled store
     * @param sink consumes each key and value
     * @throws IllegalStateException if a range did not hold {@value #RANGE_LENGTH} entries
     */
    @Benchmark
    public void range100(Loaded data, Blackhole sink) {
        int first = data.rangeStart(RANGE_LENGTH);
        int visited = data.store.range(data.sortedKeys[first], data.sortedKeys[first + RANGE_LENGTH], sink);
        if (visited != RANGE_LENGTH) {
            throw new IllegalStateException(data.target + " visited " + visited + " entries, not " + RANGE_LENGTH);
        }
    }
}
