package dev.skeleton.storage.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The loaded stores that the open and get benchmarks read: one directory per target, count and
 * (for the file engine, which saves it at create) cache size, under
 * {@code <BenchDirectories.parent()>/large}, e.g. {@code benchmarks/target/bench-data/large/rocksdb-10000000}.
 * They outlive the JMH forks on purpose: a store of 10,000,000 entries takes minutes to load, and
 * the open benchmark wants a JVM that has done nothing but open it. Delete the {@code large}
 * directory (or run {@code mvn clean}) to load them again, for example after the engine's format
 * changed.
 *
 * <p>A missing store is loaded by {@link LargeDatasetLoader} in a JVM of its own, started here,
 * so the fork that asked for it has loaded none of the engine's classes nor run its code when it
 * measures. That JVM has a heap of its own, {@value #DEFAULT_LOADER_HEAP} unless
 * {@code -D}{@value #LOADER_HEAP_PROPERTY} says otherwise: loading within 256 MiB is what
 * {@link LargeLoadBenchmark} measures, and an engine that fails it (MVStore at its defaults can run
 * out of heap there: see {@code benchmarks/LARGE.md}) should still have a store to open and read.
 * The loader writes into {@code <name>.partial} and renames it when the store is closed, so a
 * directory under its final name is always a complete store, and an interrupted load is started
 * over. A load that fails leaves {@code <name>.failed}, holding the reason, and is not tried again
 * while that file is newer than the benchmark jar: otherwise every fork of a run would spend
 * minutes repeating a load that cannot succeed (an engine that runs out of heap even in the
 * loader's). Rebuilding the jar, or deleting the file, tries again.
 *
 * <p>Thread safety: call from a JMH set-up, which runs on one thread; two runs at once would load
 * the same directory twice.
 */
final class LargeDataset {

    /** The system property that sets the loader's {@code -Xmx}, e.g. {@code 4g}. */
    static final String LOADER_HEAP_PROPERTY = "skeleton.bench.loaderHeap";
    /** The loader's {@code -Xmx} when the property is not set. */
    static final String DEFAULT_LOADER_HEAP = "2g";

    private static final long LOAD_TIMEOUT_HOURS = 2;

    private LargeDataset() {
    }

    /**
     * The directory of a loaded store.
     *
     * @param params the target, count and cache size
     * @return the directory, which need not exist
     */
    static Path directory(LargeStoreParams params) {
        String name = params.target + "-" + params.count;
        if (PersistentTarget.FILE.equals(params.target) && !params.cacheSize.isEmpty()) {
            name += "-cache" + params.cacheSize;
        }
        return BenchDirectories.parent().resolve("large").resolve(name);
    }

    /**
     * The directory of a loaded store, loading it first if there is none.
     *
     * @param params the target, count and cache size
     * @return the directory, holding a complete store
     * @throws IllegalStateException if the loader fails or runs over its time limit
     */
    static Path loaded(LargeStoreParams params) {
        Path directory = directory(params);
        if (Files.isDirectory(directory)) {
            System.out.println("# Reusing the store loaded in " + directory);
            return directory;
        }
        Path failed = directory.resolveSibling(directory.getFileName() + ".failed");
        if (failedWithThisBuild(failed)) {
            throw new IllegalStateException("loading " + directory + " failed earlier with this build: "
                    + read(failed) + "; rebuild the benchmarks or delete " + failed + " to try again");
        }
        try {
            runLoader(params, directory);
        } catch (RuntimeException e) {
            write(failed, e.getMessage());
            throw e;
        }
        return directory;
    }

    /** Whether a failure marker exists that is newer than the classes now running. */
    private static boolean failedWithThisBuild(Path failed) {
        if (!Files.exists(failed)) {
            return false;
        }
        try {
            Path classes = Path.of(LargeDataset.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return Files.getLastModifiedTime(failed).compareTo(Files.getLastModifiedTime(classes)) > 0;
        } catch (IOException | URISyntaxException | RuntimeException e) {
            // Where the classes came from is unknown: trying again costs time, never a wrong figure.
            return false;
        }
    }

    private static void runLoader(LargeStoreParams params, Path directory) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx" + System.getProperty(LOADER_HEAP_PROPERTY, DEFAULT_LOADER_HEAP));
        // An engine's background thread may be the one to run out of heap; the load must then end, not hang.
        command.add("-XX:+ExitOnOutOfMemoryError");
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), LargeDatasetLoader.class.getName(),
                params.target, Integer.toString(params.count), params.cacheSize, directory.toString()));
        System.out.println("# Loading " + directory + " in a JVM of its own");
        try {
            Process loader = new ProcessBuilder(command).inheritIO().start();
            if (!loader.waitFor(LOAD_TIMEOUT_HOURS, TimeUnit.HOURS)) {
                loader.destroyForcibly();
                throw new IllegalStateException("loading " + directory + " took over " + LOAD_TIMEOUT_HOURS + " h");
            }
            if (loader.exitValue() != 0 || !Files.isDirectory(directory)) {
                throw new IllegalStateException("loading " + directory + " failed (exit code " + loader.exitValue()
                        + "; its output is above)");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("starting the loader of " + directory, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while loading " + directory, e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + file, e);
        }
    }

    private static void write(Path file, String text) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, String.valueOf(text));
        } catch (IOException e) {
            throw new UncheckedIOException("writing " + file, e);
        }
    }
}
