package dev.skeleton.storage.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The directories of the persistent benchmarks: each store lives in a new directory under
 * {@code benchmarks/target/bench-data} (found from where the benchmark classes were loaded, so
 * the working directory does not matter; {@code -Dskeleton.bench.dir=...} chooses another parent,
 * which should be on the disk to measure), and is deleted again by the benchmark's tear-down.
 */
final class BenchDirectories {

    /** The system property that overrides the parent directory. */
    static final String PROPERTY = "skeleton.bench.dir";

    private BenchDirectories() {
    }

    /**
     * A new, empty directory for one store.
     *
     * @param prefix the start of its name, e.g. the engine
     * @return the directory
     */
    static Path create(String prefix) {
        try {
            Path parent = parent();
            Files.createDirectories(parent);
            return Files.createTempDirectory(parent, prefix + "-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code benchmarks/target/bench-data}, or the directory named by {@value #PROPERTY}. */
    static Path parent() {
        String configured = System.getProperty(PROPERTY);
        if (configured != null) {
            return Path.of(configured);
        }
        try {
            // benchmarks/target/benchmarks.jar, or benchmarks/target/classes when run from the build.
            Path loadedFrom = Path.of(BenchDirectories.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return loadedFrom.toAbsolutePath().getParent().resolve("bench-data");
        } catch (URISyntaxException | RuntimeException e) {
            return Path.of("benchmarks", "target", "bench-data");
        }
    }

    /**
     * Deletes a directory and everything in it; a missing one is no error.
     *
     * @param directory the directory
     */
    static void delete(Path directory) {
        if (directory == null || !Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The bytes of every file under a directory.
     *
     * @param directory the directory
     * @return the sum of the file sizes
     */
    static long size(Path directory) {
        long[] total = {0};
        walk(directory, (path, bytes) -> total[0] += bytes);
        return total[0];
    }

    /**
     * The largest files under a directory, as "name size" text, for the figures' explanation.
     *
     * @param directory the directory
     * @param count     how many
     * @return e.g. {@code "checkpoint-9 121.4 MB, 000012.sst 64.1 MB"}
     */
    static String largest(Path directory, int count) {
        List<Object[]> files = new ArrayList<>();
        walk(directory, (path, bytes) -> files.add(new Object[] {directory.relativize(path).toString(), bytes}));
        files.sort((a, b) -> Long.compare((Long) b[1], (Long) a[1]));
        StringBuilder text = new StringBuilder();
        for (Object[] file : files.subList(0, Math.min(count, files.size()))) {
            text.append(text.length() == 0 ? "" : ", ").append(file[0]).append(' ')
                    .append(String.format("%.1f MB", (Long) file[1] / 1e6));
        }
        return text.toString();
    }

    private interface FileVisitor {
        void visit(Path path, long bytes);
    }

    private static void walk(Path directory, FileVisitor visitor) {
        try {
            Files.walkFileTree(directory, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                    visitor.visit(file, attributes.size());
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
