package dev.skeleton.storage.benchmarks;

import dev.skeleton.storage.Config;
import dev.skeleton.storage.ExportOptions;
import dev.skeleton.storage.ImportOptions;
import dev.skeleton.storage.MultiStore;
import dev.skeleton.storage.MultiStoreConfig;
import dev.skeleton.storage.Transaction;
import dev.skeleton.storage.Transactional;
import dev.skeleton.storage.TransferReport;
import dev.skeleton.storage.multistore.DefaultMultiStore;
import dev.skeleton.storage.postgres.PostgresEngine;
import dev.skeleton.storage.postgres.PostgresSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
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
import org.openjdk.jmh.annotations.Timeout;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Export and import of a postgres store far larger than the heap, in a JVM of
 * {@value #HEAP}: {@code count} (2,000,000) entries of {@link LargeData} (16-byte keys, 100-byte
 * values: 232 MB of keys and values, 1.7 times the heap) exported through
 * {@code MultiStore.exportStore} to a dump, and the dump imported through {@code importStore} into a
 * new postgres store. One shot per fork, seconds for both; beside it ({@link Heap}) each step's time
 * and the heap it needed ({@link HeapPeak}: the peak used, garbage included, and the peak right after
 * a collection, which is what the step kept reachable). That the shot completes is the proof that
 * neither step holds the store in memory: the fork ends with {@code -XX:+ExitOnOutOfMemoryError},
 * or by {@link LargeGcWatchdog} if it only collects garbage, and JMH then reports it failed.
 *
 * <p>The store is filled once per fork, unmeasured: through the multistore's handle, in atomic
 * commits of {@value #FILL_BATCH}, the entries computed as they go (none held); then the database is
 * vacuumed and checkpointed ({@link PostgresData}). The server is {@link PostgresData}'s (the one
 * {@code SKELETON_PG_URL} names, or a throw-away server of this fork), with its default durability.
 * The tear-down prints the heap after a collection, checks that both stores report the same content
 * hash, and drops both stores, the dump and the schema.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {TransferHeapBenchmark.HEAP, LargeStoreParams.EXIT_ON_OUT_OF_MEMORY})
@Warmup(iterations = 0)
@Measurement(iterations = 1)
@Timeout(time = 1, timeUnit = TimeUnit.HOURS)
public class TransferHeapBenchmark {

    /** The heap of the fork: well under the data. */
    static final String HEAP = "-Xmx128m";
    /** Entries per commit of the fill. */
    static final int FILL_BATCH = 10_000;
    static final String SOURCE = "big";
    static final String IMPORTED = "big-imported";

    /** A server, a multistore with the postgres engine, and a filled store. */
    @State(Scope.Benchmark)
    public static class Filled extends PostgresData {

        /** How many entries of {@link LargeData} the store holds. */
        @Param({"2000000"})
        public int count;

        Path directory;
        PostgresEngine engine;
        MultiStore stores;
        Path dump;
        TransferReport exported;
        TransferReport imported;

        /** Starts the server, opens the multistore and fills the store. */
        @Setup(Level.Trial)
        public void setUp() {
            LargeGcWatchdog.start(String.format("export and import of %,d postgres entries", count));
            startServer(true);
            engine = PostgresEngine.connect(PostgresSettings.of(url, login.user(), login.password()).withSchema(schema));
            directory = BenchDirectories.create("heap");
            stores = new DefaultMultiStore(MultiStoreConfig.of(directory));
            stores.registerEngine(engine);
            System.out.printf("# postgres engine, schema %s, on %s; heap max %.0f MiB%n", schema, describeServer(),
                    HeapPeak.maxMiB());
            fillStreaming();
            LargeHeap.print("fill", PostgresEngine.NAME, count);
            dump = directory.resolve("big.dump");
        }

        private void fillStreaming() {
            stores.createStore(SOURCE, PostgresEngine.NAME, Config.empty());
            Transactional handle = (Transactional) stores.getStore(SOURCE);
            long start = System.nanoTime();
            for (int from = 0; from < count; from += FILL_BATCH) {
                try (Transaction tx = handle.beginTx()) {
                    for (int i = from; i < Math.min(count, from + FILL_BATCH); i++) {
                        tx.set(LargeData.key(i), LargeData.value(i));
                    }
                    tx.commit();
                }
            }
            long filled = System.nanoTime();
            settle();
            System.out.printf("# Loaded %,d entries into store %s in %,d s, vacuumed and checkpointed in %,d s%n", count,
                    SOURCE, (filled - start) / 1_000_000_000, (System.nanoTime() - filled) / 1_000_000_000);
        }

        /**
         * Checks the shot's outcome, prints the heap, drops the stores, the dump, the multistore,
         * the engine and the schema.
         */
        @TearDown(Level.Trial)
        public void tearDown() {
            try {
                LargeHeap.print("export and import", PostgresEngine.NAME, count);
                checkTransfers();
            } finally {
                try {
                    closeStores();
                } finally {
                    BenchDirectories.delete(directory);
                    release();
                }
            }
        }

        private void closeStores() {
            try {
                if (stores != null) {
                    for (String name : new String[] {SOURCE, IMPORTED}) {
                        if (stores.storeExists(name)) {
                            stores.deleteStore(name);
                        }
                    }
                    stores.close();
                }
            } finally {
                if (engine != null) {
                    engine.close();
                }
            }
        }

        private void checkTransfers() {
            if (exported == null || imported == null) {
                return;
            }
            if (exported.entries() != count || imported.entries() != count
                    || !Arrays.equals(exported.hash(), imported.hash())) {
                throw new IllegalStateException("export " + exported + " and import " + imported + " differ");
            }
            System.out.printf("# exported and imported %,d entries, %,d bytes of keys and values, content hash %s%n",
                    count, exported.bytes(), exported.hashHex());
        }
    }

    /**
     * Each step's time and heap, reported by JMH beside the shot's time. Per thread, as JMH
     * requires of counters; run with one thread.
     */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Heap {

        /** Seconds of the export. */
        public double exportSeconds;
        /** Seconds of the import. */
        public double importSeconds;
        /** The dump's size, megabytes (10^6 bytes). */
        public double dumpMegabytes;
        /** The heap's maximum, MiB. */
        public double heapMaxMiB;
        /** The peak heap used during the export, garbage included, MiB. */
        public double exportPeakUsedMiB;
        /** The peak heap right after a collection during the export, MiB. */
        public double exportPeakAfterGcMiB;
        /** The peak heap used during the import, garbage included, MiB. */
        public double importPeakUsedMiB;
        /** The peak heap right after a collection during the import, MiB. */
        public double importPeakAfterGcMiB;
    }

    /**
     * Exports the store, then imports the dump as a new store.
     *
     * @param data the filled store
     * @param heap receives each step's time and heap
     */
    @Benchmark
    public void exportThenImport(Filled data, Heap heap) {
        heap.heapMaxMiB = HeapPeak.maxMiB();
        long start = System.nanoTime();
        try (HeapPeak watch = new HeapPeak()) {
            data.exported = data.stores.exportStore(SOURCE, data.dump, ExportOptions.defaults());
            heap.exportSeconds = (System.nanoTime() - start) / 1e9;
            heap.exportPeakUsedMiB = watch.peakUsedMiB();
            heap.exportPeakAfterGcMiB = watch.peakAfterCollectionMiB();
        }
        heap.dumpMegabytes = size(data.dump) / 1e6;
        long imported = System.nanoTime();
        try (HeapPeak watch = new HeapPeak()) {
            data.imported = data.stores.importStore(data.dump, IMPORTED,
                    ImportOptions.defaults().onEngine(PostgresEngine.NAME));
            heap.importSeconds = (System.nanoTime() - imported) / 1e9;
            heap.importPeakUsedMiB = watch.peakUsedMiB();
            heap.importPeakAfterGcMiB = watch.peakAfterCollectionMiB();
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
