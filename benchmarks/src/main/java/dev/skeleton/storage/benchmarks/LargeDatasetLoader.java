package dev.skeleton.storage.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Loads one store for {@link LargeDataset}, in a JVM that {@link LargeDataset} starts: puts
 * entries {@code 0..count-1} of {@link LargeData} into a new store in {@code <directory>.partial},
 * checks the first and last, closes it and renames the directory to its final name. Not meant to
 * be run by hand, though it can be:
 * <pre>
 * java -Xmx2g -cp benchmarks/target/benchmarks.jar dev.skeleton.storage.benchmarks.LargeDatasetLoader TARGET COUNT CACHE_SIZE DIRECTORY
 * </pre>
 * with {@code ""} as CACHE_SIZE for none. Exits with a non-zero code when the load fails: 1 for an
 * exception, 3 when the engine runs out of heap ({@code -XX:+ExitOnOutOfMemoryError}, which
 * {@link LargeDataset} passes, or {@link LargeGcWatchdog}).
 */
final class LargeDatasetLoader {

    private LargeDatasetLoader() {
    }

    /**
     * Loads the store.
     *
     * @param args target, count, cache size (may be empty), final directory
     */
    public static void main(String[] args) {
        if (args.length != 4) {
            throw new IllegalArgumentException("usage: LargeDatasetLoader TARGET COUNT CACHE_SIZE DIRECTORY");
        }
        String target = args[0];
        int count = Integer.parseInt(args[1]);
        LargeGcWatchdog.start(String.format("loading %s, %,d keys", target, count));
        Path directory = Path.of(args[3]);
        Path partial = directory.resolveSibling(directory.getFileName() + ".partial");
        BenchDirectories.delete(partial);
        createDirectories(partial);
        long start = System.nanoTime();
        try (LargeTarget store = LargeTarget.open(target, partial, args[2])) {
            LargeData.putAll(store, count);
            LargeData.requireLoaded(store, count, target);
        }
        System.out.printf("# Loaded %,d keys into %s in %,d ms (with the close), %,d bytes on disk%n", count, target,
                (System.nanoTime() - start) / 1_000_000, BenchDirectories.size(partial));
        rename(partial, directory);
    }

    private static void createDirectories(Path directory) {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("creating " + directory, e);
        }
    }

    private static void rename(Path from, Path to) {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("renaming " + from + " to " + to, e);
        }
    }
}
