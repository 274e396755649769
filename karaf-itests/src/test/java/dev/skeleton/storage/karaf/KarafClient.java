package dev.skeleton.storage.karaf;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Karaf's console over SSH, through the distribution's own {@code bin/client} in batch mode: the
 * commands go to its standard input, one a line, and it ends after the last one or at the first that
 * fails (then with exit status 1).
 *
 * <p>In batch mode Karaf prints what commands print, not the values they return: a store command's
 * value is printed by wrapping it, {@code echo (store:get s k)}, where a user at the interactive
 * console just types {@code store:get s k}.
 */
final class KarafClient {

    /** ANSI escapes: Karaf colours its output even without a terminal. */
    private static final Pattern ANSI = Pattern.compile("\u001B\\[[0-9;?]*[A-Za-z]");
    /** How long one client run may take: connecting, logging in, running the commands. */
    private static final Duration RUN_TIMEOUT = Duration.ofSeconds(90);

    private final Path home;
    private final int port;

    KarafClient(Path home, int port) {
        this.home = home;
        this.port = port;
    }

    /**
     * What a client run printed and how it ended.
     *
     * @param exitCode the client's exit status: 0 when every command ran
     * @param output   standard output and error, without ANSI escapes
     */
    record Result(int exitCode, String output) {

        /** Whether every command ran: exit status 0, and no command unknown (which Karaf lets pass). */
        boolean ok() {
            return exitCode == 0 && !output.contains("Command not found");
        }
    }

    /**
     * Runs commands in one console session; the client retries the connection for a while, so
     * that it can be the first thing after a start.
     *
     * @param commands the commands, one a line
     * @return what happened
     * @throws IOException          if the client cannot be started
     * @throws InterruptedException if interrupted while waiting
     * @throws AssertionError       if the client does not end in time (it is then killed)
     */
    Result run(String... commands) throws IOException, InterruptedException {
        Path out = Files.createTempFile(home, "client-", ".out");
        try {
            Process client = KarafScripts.script(home, "client", "-b", "-a", Integer.toString(port), "-h", "127.0.0.1",
                            "-u", "karaf", "-p", "karaf", "-r", "60", "-d", "1")
                    .redirectErrorStream(true).redirectOutput(out.toFile()).start();
            try (OutputStream in = client.getOutputStream()) {
                in.write((String.join("\n", commands) + "\n").getBytes(StandardCharsets.UTF_8));
            }
            if (!client.waitFor(RUN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                client.destroyForcibly();
                throw new AssertionError("bin/client did not end within " + RUN_TIMEOUT + " for "
                        + String.join("; ", commands) + "; it printed:\n" + Files.readString(out));
            }
            return new Result(client.exitValue(), ANSI.matcher(Files.readString(out)).replaceAll(""));
        } finally {
            Files.delete(out);
        }
    }

    /**
     * Runs commands in one session and requires that all of them ran.
     *
     * @param commands the commands, one a line
     * @return what they printed
     * @throws IOException          if the client cannot be started
     * @throws InterruptedException if interrupted while waiting
     * @throws AssertionError       naming the commands and the output, if one failed
     */
    String require(String... commands) throws IOException, InterruptedException {
        Result result = run(commands);
        if (!result.ok()) {
            throw new AssertionError("Karaf console: " + String.join("; ", commands) + " failed (exit "
                    + result.exitCode() + "):\n" + result.output());
        }
        return result.output();
    }

    /**
     * Runs commands again and again until their output shows what is expected: for what Karaf does
     * in the background after a start (installing features, registering commands).
     *
     * @param timeout  how long to try
     * @param expected what a good output is
     * @param commands the commands, one a line
     * @return the good output
     * @throws IOException          if the client cannot be started
     * @throws InterruptedException if interrupted while waiting
     * @throws AssertionError       with the last output, if the time is up
     */
    String await(Duration timeout, Predicate<String> expected, String... commands)
            throws IOException, InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            Result result = run(commands);
            if (result.ok() && expected.test(result.output())) {
                return result.output();
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("Karaf console: " + String.join("; ", commands) + " did not show what was"
                        + " expected within " + timeout + "; last output (exit " + result.exitCode() + "):\n"
                        + result.output());
            }
            Thread.sleep(500);
        }
    }
}
