package dev.skeleton.storage.benchmarks;

import dev.skeleton.storage.Config;
import dev.skeleton.storage.ExportOptions;
import dev.skeleton.storage.Transaction;
import dev.skeleton.storage.Transactional;
import dev.skeleton.storage.TransferReport;
import dev.skeleton.storage.core.ContentHash;
import dev.skeleton.storage.file.FileEngine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
import org.openjdk.jmh.infra.IterationParams;

/**
 * Export of a file engine store of {@code keys} (1,000,000) entries through
 * {@code MultiStore.exportStore} (uncompressed, the working data), against writing the same entries,
 * already sorted in memory, with the same framing to a plain file through one buffered stream
 * ({@link PlainFrameFile}): milliseconds per whole export or file, one shot per iteration. Each
 * shot's rates are printed ({@link ShotLog}: entries per second, and megabytes per second of the
 * file written, 132 bytes an entry in both), and at the end of the fork the rates at the mean time.
 * The dump is forced to disk before it is renamed into place, so {@link #plainFile} forces its file
 * too (the same durability); {@link #plainFileUnforced} leaves it to the operating system, the
 * fastest a file of this size can be written at all. Two more references split an export's time
 * into its parts: {@link #readStore} reads the store as the export does and only counts the
 * entries, {@link #contentHash} computes the content hash that every dump carries, over the
 * entries in memory.
 *
 * <p>The store is loaded once per fork through the multistore's handle (atomic commits of
 * {@value PersistentData#BATCH}, in random key order, the file engine's default configuration), then
 * closed and reopened, so that every export, warm-up included, reads a store as opened. Each shot
 * writes a new dump (or file) over the last one's name, deleted by the tear-down. The heap is 4 GB,
 * touched at start, as in {@link PersistentLoadBenchmark}.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g", "-XX:+AlwaysPreTouch"})
@Warmup(iterations = 3)
@Measurement(iterations = 5)
public class TransferExportBenchmark {

    private static final String DUMP_BYTES = "of the dump file";
    private static final String FILE_BYTES = "of the file";
    private static final String ENTRY_BYTES = "of keys and values";

    /** A file store holding the entries, and the name of the dump. */
    @State(Scope.Benchmark)
    public static class Loaded extends TransferData {

        /** How many entries the store holds. */
        @Param({"1000000"})
        public int keys;

        Path dump;
        final ShotLog log = new ShotLog();

        /** Loads the store, then closes it and opens it again. */
        @Setup(Level.Trial)
        public void setUp() {
            draw(keys);
            open("export", new FileEngine());
            fill(STORE, FileEngine.NAME, Config.empty());
            stores.closeAll();
            long start = System.nanoTime();
            stores.getStore(STORE);
            System.out.printf("# Reopened store %s in %,d ms%n", STORE, (System.nanoTime() - start) / 1_000_000);
            dump = directory.resolve("bench.dump");
        }

        /**
         * Prints the shot and deletes the dump.
         *
         * @param iteration the iteration, from JMH
         */
        @TearDown(Level.Iteration)
        public void deleteDump(IterationParams iteration) {
            log.printShot(iteration);
            delete(dump);
        }

        /** Prints the summary, deletes the store and the multistore's directory. */
        @TearDown(Level.Trial)
        public void tearDown() {
            log.summary();
            release();
        }
    }

    /** The same entries in memory, in key order, and the plain file to write them to. */
    @State(Scope.Benchmark)
    public static class InMemory extends TransferData {

        /** How many entries. */
        @Param({"1000000"})
        public int keys;

        int[] order;
        Path file;
        final ShotLog log = new ShotLog();

        /** Draws and sorts the entries. */
        @Setup(Level.Trial)
        public void setUp() {
            draw(keys);
            order = keyOrder();
            directory = BenchDirectories.create("plainfile");
            file = directory.resolve("bench.frames");
        }

        /**
         * Prints the shot and deletes the file.
         *
         * @param iteration the iteration, from JMH
         */
        @TearDown(Level.Iteration)
        public void deleteFile(IterationParams iteration) {
            log.printShot(iteration);
            delete(file);
        }

        /** Prints the summary and deletes the directory. */
        @TearDown(Level.Trial)
        public void tearDown() {
            log.summary();
            release();
        }
    }

    /**
     * Exports the store.
     *
     * @param data the store
     * @return the report, consumed by JMH
     * @throws IllegalStateException if the dump does not hold every entry
     */
    @Benchmark
    public TransferReport export(Loaded data) {
        long start = System.nanoTime();
        TransferReport report = data.stores.exportStore(TransferData.STORE, data.dump, ExportOptions.defaults());
        long nanos = System.nanoTime() - start;
        if (report.entries() != data.keys) {
            throw new IllegalStateException("the dump holds " + report.entries() + " entries, not " + data.keys);
        }
        data.log.done("export", DUMP_BYTES, report.entries(), size(data.dump), nanos);
        return report;
    }

    /**
     * Writes the entries to a plain file and forces it to disk.
     *
     * @param data the entries
     */
    @Benchmark
    public void plainFile(InMemory data) {
        long start = System.nanoTime();
        long bytes = PlainFrameFile.write(data.file, data.storedKeys, data.values, data.order, true);
        data.log.done("plain file, forced", FILE_BYTES, data.keys, bytes, System.nanoTime() - start);
    }

    /**
     * Writes the entries to a plain file without forcing it.
     *
     * @param data the entries
     */
    @Benchmark
    public void plainFileUnforced(InMemory data) {
        long start = System.nanoTime();
        long bytes = PlainFrameFile.write(data.file, data.storedKeys, data.values, data.order, false);
        data.log.done("plain file, not forced", FILE_BYTES, data.keys, bytes, System.nanoTime() - start);
    }

    /**
     * Reads the whole store as the export does, in a read-only transaction through the handle, and
     * does nothing with the entries but count them: the part of an export that the store sets.
     *
     * @param data the store
     * @return the bytes read, consumed by JMH
     * @throws IllegalStateException if the store does not hold every entry
     */
    @Benchmark
    public long readStore(Loaded data) {
        long[] counted = new long[2];
        long start = System.nanoTime();
        try (Transaction view = ((Transactional) data.stores.getStore(TransferData.STORE)).beginReadOnlyTx()) {
            view.iterate((key, value) -> {
                counted[0]++;
                counted[1] += key.length + value.length;
                return true;
            });
        }
        long nanos = System.nanoTime() - start;
        if (counted[0] != data.keys) {
            throw new IllegalStateException("the store holds " + counted[0] + " entries, not " + data.keys);
        }
        data.log.done("store read", ENTRY_BYTES, counted[0], counted[1], nanos);
        return counted[1];
    }

    /**
     * Computes the content hash of the entries in memory ({@code ContentHash}, engine-core's, the
     * hash every dump carries in its trailer and every transfer checks): the part of an export that
     * the hash sets. The entries go in the order they were drawn, which is also the order of their
     * arrays in the heap: the hash does not depend on the order, and this one costs no cache misses.
     *
     * @param data the entries
     * @return the hash, consumed by JMH
     */
    @Benchmark
    public byte[] contentHash(InMemory data) {
        long bytes = 0;
        long start = System.nanoTime();
        ContentHash hash = new ContentHash();
        for (int index = 0; index < data.keys; index++) {
            hash.add(data.storedKeys[index], data.values[index]);
            bytes += data.storedKeys[index].length + data.values[index].length;
        }
        byte[] digest = hash.digest();
        data.log.done("content hash", ENTRY_BYTES, data.keys, bytes, System.nanoTime() - start);
        return digest;
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
