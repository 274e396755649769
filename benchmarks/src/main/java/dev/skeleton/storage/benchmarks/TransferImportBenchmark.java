package dev.skeleton.storage.benchmarks;

import dev.skeleton.storage.Config;
import dev.skeleton.storage.ExportOptions;
import dev.skeleton.storage.ImportOptions;
import dev.skeleton.storage.Store;
import dev.skeleton.storage.Transaction;
import dev.skeleton.storage.Transactional;
import dev.skeleton.storage.TransferReport;
import dev.skeleton.storage.file.FileEngine;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
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
 * Import of a dump of {@code keys} (1,000,000) entries into a new file engine store through
 * {@code MultiStore.importStore}, against the file engine's own bulk load of the same entries into a
 * new store, as {@link PersistentLoadBenchmark} loads it (atomic commits of
 * {@value PersistentData#BATCH}, in random key order): milliseconds per whole import or load, one
 * shot per iteration (a new store each). Each shot's rates are printed ({@link ShotLog}: entries per
 * second, and megabytes per second of keys and values, 116 bytes an entry), and at the end of the
 * fork the rates at the mean time. {@link #bulkLoadSorted}
 * loads in key order, the order of a dump, so that what the import gains from the order alone shows.
 *
 * <p>The import does more than the load: it reads and checks the dump (checksums, count, content
 * hash), writes in commits of up to 16,384 entries, then checks the new store's content hash (the
 * file engine tells it, {@code ContentHashReader}, from the hash it brings up to date at each
 * checkpoint), and records the store in the multistore's catalog. Both use the same store
 * configuration, {@code -p sync=...}: {@code default} is the file engine's default ({@code
 * sync=interval}: the log forced once a second, not per commit), {@code never} leaves it to the
 * operating system; {@code always} (a force per commit) is accepted too, but then the import's
 * larger commits force 16 times less often than the load's, which measures the batch size more
 * than anything else.
 *
 * <p>The dump is made once per fork: the entries are loaded into a file store, exported, and the
 * store deleted. Each import's store is deleted by the tear-down, which prints its size on disk.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g", "-XX:+AlwaysPreTouch"})
@Warmup(iterations = 3)
@Measurement(iterations = 5)
public class TransferImportBenchmark {

    /** The {@code sync} parameter value that gives the file engine no {@code sync} setting at all. */
    static final String DEFAULT_SYNC = "default";
    private static final String ENTRY_BYTES = "of keys and values";

    /** A dump of the entries, and the multistore to import it into. */
    @State(Scope.Benchmark)
    public static class Dumped extends TransferData {

        /** How many entries the dump holds. */
        @Param({"1000000"})
        public int keys;

        /** The new store's {@code sync} setting, or {@value #DEFAULT_SYNC} for none. */
        @Param({DEFAULT_SYNC, "never"})
        public String sync;

        Path dump;
        final ShotLog log = new ShotLog();

        /** Loads a store, exports it and deletes it, leaving the dump. */
        @Setup(Level.Trial)
        public void setUp() {
            draw(keys);
            open("import", new FileEngine());
            String source = "source";
            fill(source, FileEngine.NAME, Config.of("sync", "never"));
            dump = directory.resolve("bench.dump");
            TransferReport exported = stores.exportStore(source, dump, ExportOptions.defaults());
            stores.deleteStore(source);
            System.out.printf("# Dump of %,d entries, %,d bytes of keys and values, in %s%n", exported.entries(),
                    exported.bytes(), dump.getFileName());
        }

        /**
         * Prints the shot and the imported store's size on disk, and deletes the store.
         *
         * @param iteration the iteration, from JMH
         */
        @TearDown(Level.Iteration)
        public void deleteImported(IterationParams iteration) {
            log.printShot(iteration);
            if (stores.storeExists(STORE)) {
                System.out.printf("# imported store holds %,d bytes on disk%n",
                        BenchDirectories.size(directory.resolve(STORE)));
                stores.deleteStore(STORE);
            }
        }

        /** Prints the summary, deletes the dump and the multistore's directory. */
        @TearDown(Level.Trial)
        public void tearDown() {
            log.summary();
            release();
        }
    }

    /** The entries in memory, and a new, empty file store for each shot. */
    @State(Scope.Benchmark)
    public static class Empty extends TransferData {

        /** How many entries one load stores. */
        @Param({"1000000"})
        public int keys;

        /** The store's {@code sync} setting, or {@value #DEFAULT_SYNC} for none. */
        @Param({DEFAULT_SYNC, "never"})
        public String sync;

        int[] random;
        int[] sorted;
        Store store;
        final ShotLog log = new ShotLog();

        /** Draws the entries, once. */
        @Setup(Level.Trial)
        public void draw() {
            draw(keys);
            random = IntStream.range(0, keys).toArray();
            sorted = keyOrder();
        }

        /** A new, empty file store, straight from the engine. */
        @Setup(Level.Iteration)
        public void create() {
            directory = BenchDirectories.create("bulkload");
            store = new FileEngine().create(STORE, directory.resolve("store").toString(), config(sync));
        }

        /**
         * Prints the shot and the size on disk, closes the store and deletes it.
         *
         * @param iteration the iteration, from JMH
         */
        @TearDown(Level.Iteration)
        public void delete(IterationParams iteration) {
            log.printShot(iteration);
            System.out.printf("# loaded store holds %,d bytes on disk%n", BenchDirectories.size(directory));
            try {
                store.close();
            } finally {
                store = null;
                release();
            }
        }

        /** Prints the summary. */
        @TearDown(Level.Trial)
        public void summary() {
            log.summary();
        }
    }

    /**
     * Imports the dump into a new file store.
     *
     * @param data the dump and the multistore
     * @return the report, consumed by JMH
     * @throws IllegalStateException if the store does not hold every entry
     */
    @Benchmark
    public TransferReport importStore(Dumped data) {
        ImportOptions options = ImportOptions.defaults().onEngine(FileEngine.NAME).withConfig(config(data.sync));
        long start = System.nanoTime();
        TransferReport report = data.stores.importStore(data.dump, TransferData.STORE, options);
        long nanos = System.nanoTime() - start;
        if (report.entries() != data.keys) {
            throw new IllegalStateException("the import made " + report.entries() + " entries, not " + data.keys);
        }
        data.log.done("import", ENTRY_BYTES, report.entries(), report.bytes(), nanos);
        return report;
    }

    /**
     * Loads the entries in random key order, as {@link PersistentLoadBenchmark} does.
     *
     * @param data the entries and the empty store
     */
    @Benchmark
    public void bulkLoad(Empty data) {
        load(data, data.random, "bulk load, random order");
    }

    /**
     * Loads the entries in key order, the order of a dump.
     *
     * @param data the entries and the empty store
     */
    @Benchmark
    public void bulkLoadSorted(Empty data) {
        load(data, data.sorted, "bulk load, key order");
    }

    private static void load(Empty data, int[] order, String what) {
        Transactional transactions = (Transactional) data.store;
        long bytes = 0;
        long start = System.nanoTime();
        for (int from = 0; from < order.length; from += PersistentData.BATCH) {
            try (Transaction tx = transactions.beginTx()) {
                for (int i = from; i < Math.min(order.length, from + PersistentData.BATCH); i++) {
                    byte[] key = data.storedKeys[order[i]];
                    byte[] value = data.values[order[i]];
                    tx.set(key, value);
                    bytes += key.length + value.length;
                }
                tx.commit();
            }
        }
        data.log.done(what, ENTRY_BYTES, order.length, bytes, System.nanoTime() - start);
    }

    /** The store configuration of a {@code sync} parameter value. */
    static Config config(String sync) {
        return DEFAULT_SYNC.equals(sync) ? Config.empty() : Config.of("sync", sync);
    }
}
