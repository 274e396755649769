package dev.skeleton.storage.multistore;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A {@link TransferCrashChild} as the test sees it: a JVM on the test's own class path whose output
 * lines (standard error merged in) are read by a thread of their own, so that the test can wait for
 * a line, with a bound, and kill the process with {@link Process#destroyForcibly()} (SIGKILL where
 * there are signals: no shutdown hook, no finally block runs).
 */
final class ChildProcess implements AutoCloseable {

    private static final String END = "\u0000end";

    private final Process process;
    private final BlockingQueue<String> unread = new LinkedBlockingQueue<>();
    private final List<String> transcript = new CopyOnWriteArrayList<>();
    private final Thread reader;

    private ChildProcess(Process process) {
        this.process = process;
        this.reader = new Thread(this::readLines, "transfer-crash-child-output");
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Starts a child.
     *
     * @param environment variables added to the child's environment
     * @param args        the child's arguments
     */
    static ChildProcess start(Map<String, String> environment, String... args) throws IOException {
        // The child may install a security manager (see TransferCrashChild.HALT_AT): allowed explicitly,
        // since runtimes after 17 refuse it unless told so. A small heap needs no parallel collector,
        // whose threads only compete for the two cores with the parent and the database.
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xmx256m", "-XX:+UseSerialGC",
                "-Djava.security.manager=allow", "-cp", System.getProperty("java.class.path"),
                TransferCrashChild.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        return new ChildProcess(builder.start());
    }

    private void readLines() {
        try (BufferedReader in = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                transcript.add(line);
                unread.add(line);
            }
        } catch (IOException e) {
            transcript.add("(output unreadable: " + e + ")");
        } finally {
            unread.add(END);
        }
    }

    /**
     * Waits for the next line that begins with one of {@code prefixes}, skipping others.
     *
     * @return the line
     * @throws AssertionError with everything the child printed if it ends, fails or takes longer than {@code millis}
     */
    String await(long millis, String... prefixes) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        while (true) {
            String line = unread.poll(Math.max(0, until - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (line == null || line.equals(END) || line.startsWith("FAILED")) {
                unread.add(END);
                return fail("the child did not print " + String.join(" or ", prefixes)
                        + (line == null ? " within " + millis + " ms" : "") + "; it printed:\n" + transcript());
            }
            for (String prefix : prefixes) {
                if (line.startsWith(prefix)) {
                    return line;
                }
            }
        }
    }

    /** The last line that begins with {@code prefix}, or "none". */
    String last(String prefix) {
        String found = "none";
        for (String line : transcript) {
            if (line.startsWith(prefix)) {
                found = line;
            }
        }
        return found;
    }

    /** Whether the child printed a line that begins with {@code prefix}. */
    boolean printed(String prefix) {
        return transcript.stream().anyMatch(line -> line.startsWith(prefix));
    }

    /** What the child printed, for messages. */
    String transcript() {
        return String.join("\n", transcript);
    }

    /**
     * Waits, bounded, for the child to end by itself.
     *
     * @return its exit code
     */
    int awaitExit(long millis) throws InterruptedException {
        assertTrue(process.waitFor(millis, TimeUnit.MILLISECONDS), () -> "the child did not end; it printed:\n"
                + transcript());
        reader.join(5_000);
        return process.exitValue();
    }

    /** Kills the child at once and waits, bounded, until it is gone. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        assertTrue(process.waitFor(20, TimeUnit.SECONDS), "the child did not die");
        reader.join(5_000);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
