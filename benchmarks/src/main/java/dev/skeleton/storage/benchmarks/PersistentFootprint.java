package dev.skeleton.storage.benchmarks;

import java.nio.file.Path;
import java.util.List;

/**
 * Bytes on disk of each persistent engine holding the same entries, against the raw data
 * ({@code entries} &times; (16 + 100) bytes): once the load is done and the store closed, and
 * again after the engine's compaction ({@link PersistentTarget#compact}) and a close. Also
 * prints the largest files, so a figure can be explained. Not a JMH benchmark: a plain
 * {@code main}, run once.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.skeleton.storage.benchmarks.PersistentFootprint [entries [engine...]]
 * </pre>
 * Entries default to 1,000,000; engines to {@code file rocksdb mvstore}, one after the other. The
 * load is {@link PersistentData#load} with unsynced commits (the bytes on disk do not depend on
 * the sync mode), the values all different and incompressible; compression is off in every engine.
 * The stores live under {@link BenchDirectories} and are deleted afterwards.
 */
public final class PersistentFootprint {

    private static final int DEFAULT_ENTRIES = 1_000_000;

    private PersistentFootprint() {
    }

    /**
     * Loads, measures, compacts, measures again and prints.
     *
     * @param args optional: the number of entries, then engine names
     */
    public static void main(String[] args) {
        int entries = args.length > 0 ? Integer.parseInt(args[0]) : DEFAULT_ENTRIES;
        List<String> engines = args.length > 1 ? List.of(args).subList(1, args.length)
                : List.of(PersistentTarget.FILE, PersistentTarget.ROCKSDB, PersistentTarget.MVSTORE);
        long raw = (long) entries * (RandomData.KEY_LENGTH + RandomData.VALUE_LENGTH);
        System.out.printf("Bytes on disk, %,d entries of %d-byte keys and %d-byte values: raw data %,d bytes%n",
                entries, RandomData.KEY_LENGTH, RandomData.VALUE_LENGTH, raw);
        byte[][] keys = RandomData.keys(entries);
        byte[][] values = PersistentData.values(entries);
        for (String engine : engines) {
            measure(engine, keys, values, raw);
        }
    }

    private static void measure(String engine, byte[][] keys, byte[][] values, long raw) {
        Path directory = BenchDirectories.create(engine);
        try {
            long start = System.nanoTime();
            try (PersistentTarget store = PersistentTarget.open(engine, directory, false)) {
                PersistentData.load(store, keys, values);
            }
            long loadMillis = (System.nanoTime() - start) / 1_000_000;
            long loaded = BenchDirectories.size(directory);
            start = System.nanoTime();
            try (PersistentTarget store = PersistentTarget.open(engine, directory, false)) {
                store.compact();
            }
            long compactMillis = (System.nanoTime() - start) / 1_000_000;
            long compacted = BenchDirectories.size(directory);
            System.out.printf("%-8s loaded: %,14d bytes (%.2fx raw, %,d ms)   compacted: %,14d bytes (%.2fx raw,"
                    + " %,d ms)   largest files: %s%n", engine, loaded, (double) loaded / raw, loadMillis, compacted,
                    (double) compacted / raw, compactMillis, BenchDirectories.largest(directory, 3));
        } finally {
            BenchDirectories.delete(directory);
        }
    }
}
