package dev.skeleton.storage.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The interactive console keeps nothing of the commands it has run: the heap after a full garbage
 * collection is the same after 10,000 and after 100,000 commands typed into the console, the way a
 * person's commands reach it (the console reading standard input, here a pipe; the pseudo-terminal
 * path is {@link ConsoleTerminalIT}'s).
 *
 * <p>The heap is measured from outside, with {@code jcmd <pid> GC.class_histogram}, which collects
 * garbage first and counts what is still reachable. Gogo's plain console (gogo.shell 1.1.4) kept
 * every finished command as a child of its own job, with the command's streams: about 50 KB and 2
 * {@code BufferedWriter}s a command (5,000 commands: 260 MB), which fails here at the 10,000 mark.
 */
@Timeout(600)
class ConsoleMemoryIT {

    /** The most the live heap may grow from 10,000 to 100,000 commands: 45 bytes a command. */
    private static final long BOUND = 4L << 20;
    private static final Duration START = Duration.ofSeconds(60);
    private static final Duration STEP = Duration.ofSeconds(240);
    private static final Pattern TOTAL = Pattern.compile("(?m)^Total\\s+(\\d+)\\s+(\\d+)");
    private static final Pattern WRITERS = Pattern.compile("(?m)^\\s*\\d+:\\s+(\\d+)\\s+\\d+\\s+java\\.io\\.BufferedWriter\\s");

    @TempDir
    Path work;

    /**
     * The live heap of a process.
     *
     * @param bytes           the bytes of reachable objects
     * @param bufferedWriters how many {@code BufferedWriter}s are reachable (two per command leaked)
     */
    private record LiveHeap(long bytes, long bufferedWriters) {
        static LiveHeap of(long pid) throws IOException, InterruptedException {
            Process jcmd = new ProcessBuilder(jcmd().toString(), Long.toString(pid), "GC.class_histogram")
                    .redirectErrorStream(true).start();
            String histogram = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(jcmd.waitFor(60, TimeUnit.SECONDS) && jcmd.exitValue() == 0, histogram);
            Matcher total = TOTAL.matcher(histogram);
            assertTrue(total.find(), histogram);
            Matcher writers = WRITERS.matcher(histogram);
            return new LiveHeap(Long.parseLong(total.group(2)), writers.find() ? Long.parseLong(writers.group(1)) : 0);
        }

        @Override
        public String toString() {
            return String.format("%.1f MB live, %d BufferedWriters", bytes / 1e6, bufferedWriters);
        }
    }

    private static Path jcmd() {
        return Path.of(System.getProperty("java.home"), "bin", "jcmd");
    }

    @Test
    void theHeapStaysFlatOverAHundredThousandConsoleCommands() throws Exception {
        assumeTrue(Files.isExecutable(jcmd()), "needs the JDK's jcmd to measure the console's heap");
        // A heap that holds the old console's leak up to the 10,000 mark, so that it fails there by
        // measure rather than by running out of memory.
        try (SkeletonProcess console = SkeletonProcess.start(work, Map.of("JDK_JAVA_OPTIONS", "-Xmx1g"), "--engine", "memory")) {
            console.awaitOut(out -> out.contains("Ctrl-D quits"), START, "the banner");
            console.type("store:create s memory");

            type(console, 0, 1_000);
            LiveHeap warm = LiveHeap.of(console.pid());
            type(console, 1_000, 10_000);
            LiveHeap at10k = LiveHeap.of(console.pid());
            assertTrue(at10k.bytes() - warm.bytes() < BOUND, "1,000 commands: " + warm + "; 10,000: " + at10k);
            type(console, 10_000, 100_000);
            LiveHeap at100k = LiveHeap.of(console.pid());

            String figures = "1,000 commands: " + warm + "; 10,000: " + at10k + "; 100,000: " + at100k;
            System.out.println("console heap: " + figures);
            assertTrue(at100k.bytes() - at10k.bytes() < BOUND, figures);
            assertTrue(at100k.bufferedWriters() - at10k.bufferedWriters() < 10, figures);
            console.type("stop 0");
            assertEquals(ExitStatus.OK, console.exitStatus(START), console.err());
        }
    }

    /** Types commands {@code from} to {@code to} (excluded) and waits until the console ran them all. */
    private static void type(SkeletonProcess console, int from, int to) throws InterruptedException {
        for (int i = from; i < to; i++) {
            console.type("store:has s k" + i);
        }
        // The console echoes what it reads: the mark counts only as the output of echo, without the quotes.
        String mark = "reached-" + to;
        console.type("echo '" + mark + "'");
        Pattern output = Pattern.compile("(?<!')" + mark + "(?!')");
        long deadline = System.nanoTime() + STEP.toNanos();
        while (!output.matcher(console.out()).find()) {
            if (System.nanoTime() > deadline) {
                String out = console.out();
                throw new AssertionError("the console did not run " + to + " commands within " + STEP.toSeconds()
                        + " s; last output:\n" + out.substring(Math.max(0, out.length() - 2000)) + "\nerr:\n" + console.err());
            }
            Thread.sleep(200);
        }
    }
}
