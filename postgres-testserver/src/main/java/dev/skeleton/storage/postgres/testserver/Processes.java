package dev.skeleton.storage.postgres.testserver;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs one external program to its end and keeps what it printed. */
final class Processes {

    /** How one program ended: its exit code and its standard output and error, interleaved. */
    record Result(int exitCode, String output) {

        /** True when the program exited with code 0. */
        boolean ok() {
            return exitCode == 0;
        }
    }

    private Processes() {
    }

    /**
     * Runs {@code command} in {@code workDir} with exactly the environment {@code env}.
     *
     * <p>The output goes to a temporary file rather than a pipe: {@code pg_ctl start} leaves a
     * server running behind it, and a pipe that a daemon inherited would never reach its end.
     *
     * @throws IllegalStateException if the program cannot be started or outlives {@code timeout}
     */
    static Result run(List<String> command, Map<String, String> env, Path workDir, Duration timeout) {
        Path out = null;
        try {
            out = Files.createTempFile("skeleton-pg-cmd-", ".out");
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(out.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            builder.environment().clear();
            builder.environment().putAll(env);
            Process process = builder.start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("timed out after " + timeout.toSeconds() + " s: "
                        + String.join(" ", command) + "\n" + read(out));
            }
            return new Result(process.exitValue(), read(out));
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + String.join(" ", command) + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command.get(0), e);
        } finally {
            deleteQuietly(out);
        }
    }

    /**
     * The current environment without the libpq variables ({@code PGHOST}, {@code PGPORT},
     * {@code PGDATA}, ...): a developer's own settings must not point our commands elsewhere.
     */
    static Map<String, String> cleanEnvironment() {
        Map<String, String> env = new HashMap<>(System.getenv());
        env.keySet().removeIf(name -> name.startsWith("PG"));
        return env;
    }

    private static String read(Path file) {
        try {
            // Decoded leniently: a stray byte in a log must not hide the rest of it.
            return new String(Files.readAllBytes(file), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            return "(output unreadable: " + e + ")";
        }
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // A leftover few bytes in the temp directory are not worth failing a test for.
            }
        }
    }
}
