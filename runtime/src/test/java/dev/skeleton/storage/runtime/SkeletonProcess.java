package dev.skeleton.storage.runtime;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The packaged runtime ({@code java -jar skeleton.jar}) as a separate process, the way
 * {@code ./skeleton} runs it: standard output and error are collected as they come, standard input
 * can be written line by line. Every wait is bounded; {@link #close()} destroys the process if it
 * still runs, so that no test leaves one behind.
 *
 * <p>The JaCoCo agent of the test JVM, if it has one, is passed on, so that code only a real process
 * reaches (the console, the shutdown hook) is measured too.
 */
final class SkeletonProcess implements AutoCloseable {

    private final Process process;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final OutputStream in;

    private SkeletonProcess(Process process) {
        this.process = process;
        this.in = process.getOutputStream();
        collect(process.getInputStream(), out, "stdout");
        collect(process.getErrorStream(), err, "stderr");
    }

    /**
     * Starts the runtime.
     *
     * @param workingDir where {@code data/}, {@code deploy/} and {@code etc/} are by default
     * @param args       the launcher's arguments; leading {@code -Dname=value} go to the JVM
     * @return the running process
     */
    static SkeletonProcess start(Path workingDir, String... args) {
        return start(workingDir, Map.of(), args);
    }

    /**
     * Starts the runtime with more environment variables than this JVM has.
     *
     * @param workingDir  where {@code data/}, {@code deploy/} and {@code etc/} are by default
     * @param environment variables added to (or replacing) those this JVM passes on
     * @param args        the launcher's arguments; leading {@code -Dname=value} go to the JVM
     * @return the running process
     */
    static SkeletonProcess start(Path workingDir, Map<String, String> environment, String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(agentArguments());
        List<String> rest = new ArrayList<>(Arrays.asList(args));
        while (!rest.isEmpty() && rest.get(0).startsWith("-D")) {
            command.add(rest.remove(0));
        }
        command.add("-jar");
        command.add(Layout.root().resolve("skeleton.jar").toString());
        command.addAll(rest);
        try {
            ProcessBuilder builder = new ProcessBuilder(command).directory(workingDir.toFile());
            builder.environment().putAll(environment);
            return new SkeletonProcess(builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
    }

    /**
     * Runs the runtime to its end, with nothing on standard input.
     *
     * @param workingDir where {@code data/}, {@code deploy/} and {@code etc/} are by default
     * @param timeout    how long it may take
     * @param args       the launcher's arguments
     * @return its exit status and output
     */
    static Result run(Path workingDir, Duration timeout, String... args) throws InterruptedException, IOException {
        try (SkeletonProcess process = start(workingDir, args)) {
            process.endInput();
            int status = process.exitStatus(timeout);
            return new Result(status, process.out(), process.err());
        }
    }

    /**
     * How a run ended.
     *
     * @param status the exit status
     * @param out    standard output
     * @param err    standard error
     */
    record Result(int status, String out, String err) {
        /** The lines of standard error, without blank ones. */
        List<String> errLines() {
            return err.lines().filter(line -> !line.isBlank()).toList();
        }

        @Override
        public String toString() {
            return "status " + status + "\nout:\n" + out + "\nerr:\n" + err;
        }
    }

    private static List<String> agentArguments() {
        return ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(argument -> argument.startsWith("-javaagent:") && argument.contains("jacoco"))
                .toList();
    }

    private static void collect(InputStream stream, ByteArrayOutputStream sink, String name) {
        Thread reader = new Thread(() -> {
            byte[] buffer = new byte[8192];
            try {
                for (int n; (n = stream.read(buffer)) >= 0; ) {
                    synchronized (sink) {
                        sink.write(buffer, 0, n);
                    }
                }
            } catch (IOException e) {
                // The process ended.
            }
        }, "skeleton-" + name);
        reader.setDaemon(true);
        reader.start();
    }

    /** Everything written to standard output so far. */
    String out() {
        synchronized (out) {
            return out.toString(StandardCharsets.UTF_8);
        }
    }

    /** Everything written to standard error so far. */
    String err() {
        synchronized (err) {
            return err.toString(StandardCharsets.UTF_8);
        }
    }

    /** Writes a line to the process's standard input. */
    SkeletonProcess type(String line) {
        try {
            in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            in.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to the runtime: " + e + "; err: " + err(), e);
        }
        return this;
    }

    /** Closes standard input: the console sees the end of its input. */
    void endInput() throws IOException {
        in.close();
    }

    /** Waits until standard output satisfies a condition. */
    void awaitOut(Predicate<String> condition, Duration timeout, String what) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.test(out())) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no " + what + " within " + timeout.toSeconds() + " s; out:\n" + out()
                        + "\nerr:\n" + err());
            }
            if (!process.isAlive() && !condition.test(out())) {
                throw new AssertionError("the runtime ended (" + process.exitValue() + ") before " + what
                        + "; out:\n" + out() + "\nerr:\n" + err());
            }
            Thread.sleep(50);
        }
    }

    /** Waits for the process to end and returns its exit status. */
    int exitStatus(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("the runtime did not end within " + timeout.toSeconds() + " s; out:\n" + out()
                    + "\nerr:\n" + err());
        }
        // Let the readers take the last bytes.
        Thread.sleep(100);
        return process.exitValue();
    }

    /** The operating system's process id, to send it signals. */
    long pid() {
        return process.pid();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
