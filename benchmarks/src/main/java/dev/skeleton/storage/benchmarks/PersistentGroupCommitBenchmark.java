package dev.skeleton.storage.benchmarks;

import dev.skeleton.storage.file.BenchmarkGroupCommit;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
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
 * What group commit alone gets out of the machine's disk: each operation appends a 150-byte frame
 * (about a file engine record of a 16-byte key and a 100-byte value) to one file under a lock and
 * waits for an fsync that covers it, through the file engine's own group commit, with no engine
 * around it ({@link BenchmarkGroupCommit}). Run with {@code -t 1} and {@code -t 8}, next to
 * {@link PersistentCommitBenchmark#durable}: the ratio of the two is what 8 durable writers gain
 * over one on this disk from sharing one fsync at a time, and the engine's own ratio can be read
 * against it. Part of the persistent suite ({@code Persistent} in a JMH pattern), which the memory
 * suite's command excludes.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 5, time = 2)
public class PersistentGroupCommitBenchmark {

    /** The file all threads append to. */
    @State(Scope.Benchmark)
    public static class Log {
        Path directory;
        FileChannel channel;
        BenchmarkGroupCommit group;

        /** Creates the file. */
        @Setup(Level.Trial)
        public void open() throws IOException {
            directory = BenchDirectories.create("group-commit");
            channel = FileChannel.open(directory.resolve("log"), StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE);
            group = new BenchmarkGroupCommit(channel);
        }

        /** Deletes the file. */
        @TearDown(Level.Trial)
        public void close() throws IOException {
            channel.close();
            BenchDirectories.delete(directory);
        }
    }

    /** One thread's frame. */
    @State(Scope.Thread)
    public static class Frame {
        final ByteBuffer bytes = ByteBuffer.allocate(150);
    }

    /**
     * Appends one frame and waits until it is durable.
     *
     * @param log   the file
     * @param frame this thread's frame
     */
    @Benchmark
    public void appendDurably(Log log, Frame frame) {
        frame.bytes.clear();
        try {
            log.group.appendDurably(frame.bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
