package dev.skeleton.storage.benchmarks;

import java.nio.ByteBuffer;
import java.util.SplittableRandom;
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
 * One value of {@code megabytes} MiB (64) of random bytes: {@link #write}, a durable commit of it
 * under a new key (synced: see {@link PersistentTarget}), and {@link #read}, reading one back
 * (written untimed at setup), milliseconds per value (MiB/s = megabytes &times; 1000 / ms). The
 * engine {@code rawfile} writes the value to a plain file and forces it and its directory, and
 * reads it back with one channel: the disk's own speed in the same run, the reference for "at disk
 * speed". Reads come from the page cache for every engine.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 1)
@Measurement(iterations = 3)
public class PersistentLargeValueBenchmark {

    /** A store holding one large value to read, and the value to write. */
    @State(Scope.Benchmark)
    public static class Large extends PersistentData {

        /** The value's size in MiB. */
        @Param({"64"})
        public int megabytes;

        /** Which store: see {@link PersistentTarget#open}; {@code rawfile} is the disk's own speed. */
        @Param({PersistentTarget.FILE, PersistentTarget.ROCKSDB, PersistentTarget.MVSTORE, PersistentTarget.RAW_FILE})
        public String engine;

        /** The key of the value {@link #read} reads. */
        final byte[] readKey = new byte[RandomData.KEY_LENGTH];
        /** The key {@link #write} writes in this iteration: a new one each time. */
        final byte[] writeKey = new byte[RandomData.KEY_LENGTH];
        private long written;

        /** Creates the store and writes the value to read. */
        @Setup(Level.Trial)
        public void setUp() {
            value = new byte[megabytes << 20];
            new SplittableRandom(64).nextBytes(value);
            create(engine, true);
            store.put(readKey, value);
        }

        /** Takes a new key for this iteration's write. */
        @Setup(Level.Iteration)
        public void nextKey() {
            ByteBuffer.wrap(writeKey).putLong(0, ++written);
        }

        /** Deletes the store. */
        @TearDown(Level.Trial)
        public void tearDown() {
            release();
        }
    }

    /**
     * Writes the value under a new key, durably.
     *
     * @param data the store and the value
     */
    @Benchmark
    public void write(Large data) {
        data.store.put(data.writeKey, data.value);
    }

    /**
     * Reads the stored value back.
     *
     * @param data the store
     * @return the value, consumed by JMH
     * @throws IllegalStateException if it is missing or of the wrong length
     */
    @Benchmark
    public byte[] read(Large data) {
        byte[] value = data.store.get(data.readKey);
        if (value == null || value.length != data.value.length) {
            throw new IllegalStateException(data.engine + " returned " + (value == null ? "nothing" : value.length
                    + " bytes") + " for a value of " + data.value.length);
        }
        return value;
    }
}
