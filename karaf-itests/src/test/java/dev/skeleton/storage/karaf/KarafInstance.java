package dev.skeleton.storage.karaf;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A Karaf instance of its own: a copy of the unpacked distribution, run as a child process with
 * {@code bin/karaf server} (no local console, the SSH console on) and stopped with {@code bin/stop},
 * as a user runs it.
 *
 * <p>Not thread safe: one test drives it.
 */
final class KarafInstance implements AutoCloseable {

    private final Path home;
    private Process process;

    private KarafInstance(Path home) {
        this.home = home;
    }

    /**
     * A fresh instance: the folder is emptied and the distribution copied into it.
     *
     * @param distribution the unpacked distribution ({@code apache-karaf-<version>})
     * @param home         the instance folder
     * @return the instance, not started
     * @throws IOException if the copy fails
     */
    static KarafInstance copyOf(Path distribution, Path home) throws IOException {
        if (!Files.isRegularFile(distribution.resolve("bin/karaf"))) {
            throw new IllegalStateException("no Karaf distribution at " + distribution);
        }
        deleteTree(home);
        try (Stream<Path> files = Files.walk(distribution)) {
            for (Path source : files.toList()) {
                Path target = home.resolve(distribution.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        return new KarafInstance(home);
    }

    Path home() {
        return home;
    }

    /** Karaf's data folder: its cache, its log, its temporary files, and by our feature the stores. */
    Path data() {
        return home.resolve("data");
    }

    Path etc() {
        return home.resolve("etc");
    }

    KarafLog log() {
        return new KarafLog(data().resolve("log/karaf.log"));
    }

    /**
     * Starts Karaf in the background; what it prints goes to {@code karaf.out} beside {@code data/}
     * (appended over restarts).
     *
     * @throws IOException if the process cannot be started
     */
    void start() throws IOException {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException("Karaf already runs in " + home);
        }
        process = KarafScripts.script(home, "karaf", "server")
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(home.resolve("karaf.out").toFile()))
                .start();
    }

    /**
     * Stops Karaf as a user does ({@code bin/stop}: the shutdown command on Karaf's shutdown port),
     * and waits for its process to end.
     *
     * @param timeout how long Karaf may take to stop
     * @throws IOException          if {@code bin/stop} cannot run
     * @throws InterruptedException if interrupted while waiting
     * @throws AssertionError       if Karaf did not stop in time (it is then killed)
     */
    void stop(Duration timeout) throws IOException, InterruptedException {
        Process stop = KarafScripts.script(home, "stop").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(home.resolve("karaf.out").toFile())).start();
        boolean stopped = stop.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)
                && process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (!stopped) {
            stop.destroyForcibly();
            close();
            throw new AssertionError("Karaf in " + home + " did not stop within " + timeout);
        }
    }

    /** Kills Karaf, its JVM and the script that started it, if they still run. */
    @Override
    public void close() {
        if (process == null) {
            return;
        }
        // bin/karaf server is a shell script that runs the JVM as its child: kill the whole tree.
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Deletes a folder and everything in it; nothing if it is not there. */
    static void deleteTree(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(KarafInstance::delete);
        }
    }

    private static void delete(Path file) {
        try {
            Files.delete(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + file, e);
        }
    }
}
