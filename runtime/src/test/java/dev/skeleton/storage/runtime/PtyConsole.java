package dev.skeleton.storage.runtime;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The packaged runtime's console on a pseudo-terminal, as a person at a terminal has it: the
 * runtime runs under util-linux {@code script} ({@code script -qfec <command> /dev/null}), which
 * gives it a pseudo-terminal for standard input and output and passes on, byte for byte, what is
 * typed here and what the runtime writes (terminal control sequences included); {@code -e} makes
 * the runtime's exit status its own. {@code TERM} is {@code xterm}, so the keys to send are an
 * xterm's (in the mode the line editor puts it in, the Up arrow is {@code ESC O A}).
 *
 * <p>Every wait is bounded; {@link #close()} destroys the process tree if it still runs.
 */
final class PtyConsole implements AutoCloseable {

    /** The Up arrow of an xterm in keypad transmit mode, the mode JLine sets while it reads a line. */
    static final String UP = "\033OA";
    static final String TAB = "\t";
    static final String ENTER = "\r";
    static final String CTRL_C = "\003";
    static final String CTRL_D = "\004";

    private static final Path SCRIPT = Path.of("/usr/bin/script");
    /** Terminal control sequences: CSI, OSC, and the two-character ones such as ESC =. */
    private static final Pattern CONTROL = Pattern.compile("\033\\[[0-?]*[ -/]*[@-~]|\033\\][^\007]*\007|\033[=>()][0-9A-B]?");

    private final Process process;
    private final ByteArrayOutputStream screen = new ByteArrayOutputStream();
    private final OutputStream keys;

    private PtyConsole(Process process) {
        this.process = process;
        this.keys = process.getOutputStream();
        Thread reader = new Thread(() -> copy(process.getInputStream()), "pty-console");
        reader.setDaemon(true);
        reader.start();
    }

    /** Whether this machine has util-linux's {@code script} (Debian: bsdutils, always installed). */
    static boolean available() {
        return System.getProperty("os.name").startsWith("Linux") && Files.isExecutable(SCRIPT);
    }

    /**
     * Starts the runtime's console on a pseudo-terminal.
     *
     * @param workingDir where the runtime runs
     * @param args       the launcher's arguments
     * @return the running console
     */
    static PtyConsole start(Path workingDir, String... args) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(argument -> argument.startsWith("-javaagent:") && argument.contains("jacoco")).toList());
        command.add("-jar");
        command.add(Layout.root().resolve("skeleton.jar").toString());
        command.addAll(List.of(args));
        String shellCommand = "exec " + String.join(" ", command.stream().map(PtyConsole::quote).toList());
        ProcessBuilder builder = new ProcessBuilder(SCRIPT.toString(), "-qfec", shellCommand, "/dev/null")
                .directory(workingDir.toFile()).redirectErrorStream(true);
        builder.environment().put("TERM", "xterm");
        builder.environment().put("SHELL", "/bin/sh");
        try {
            return new PtyConsole(builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + builder.command(), e);
        }
    }

    private static String quote(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }

    private void copy(InputStream in) {
        byte[] buffer = new byte[8192];
        try {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                synchronized (screen) {
                    screen.write(buffer, 0, n);
                }
            }
        } catch (IOException e) {
            // The process ended.
        }
    }

    /** Everything written to the terminal so far, as it came. */
    String raw() {
        synchronized (screen) {
            return screen.toString(StandardCharsets.UTF_8);
        }
    }

    /** Everything written to the terminal so far, without control sequences and carriage returns. */
    String text() {
        return CONTROL.matcher(raw()).replaceAll("").replace("\r", "");
    }

    /** How many times the console has prompted for a line so far. */
    int prompts() {
        return text().split("skeleton> ", -1).length - 1;
    }

    /** Types keys, as they are (no line end added). */
    PtyConsole type(String keys) {
        try {
            this.keys.write(keys.getBytes(StandardCharsets.UTF_8));
            this.keys.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot type into the console: " + e + "; screen:\n" + text(), e);
        }
        return this;
    }

    /** Waits for the next prompt after {@code seen} prompts, so that what is typed next goes to the line editor. */
    int awaitPrompt(int seen, Duration timeout) throws InterruptedException {
        await(text -> text.split("skeleton> ", -1).length - 1 > seen, timeout, "prompt " + (seen + 1));
        return prompts();
    }

    /** Waits until the text on the terminal satisfies a condition. */
    void await(Predicate<String> condition, Duration timeout, String what) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.test(text())) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no " + what + " within " + timeout.toSeconds() + " s; screen:\n" + text());
            }
            if (!process.isAlive() && !condition.test(text())) {
                throw new AssertionError("the console ended (" + process.exitValue() + ") before " + what
                        + "; screen:\n" + text());
            }
            Thread.sleep(50);
        }
    }

    /** Waits for the runtime to end and returns its exit status. */
    int exitStatus(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("the console did not end within " + timeout.toSeconds() + " s; screen:\n" + text());
        }
        Thread.sleep(100);
        return process.exitValue();
    }

    @Override
    public void close() throws InterruptedException {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        if (process.isAlive()) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
