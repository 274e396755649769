package dev.skeleton.storage.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged runtime as a separate process, as {@code ./skeleton} runs it: commands and scripts
 * with their exit statuses, a restart on the same data, the console, Ctrl-C.
 *
 * <p>With the persistent {@code file} engine in the layout, the second run reads back what the
 * first wrote; with the memory engine alone, nothing survives a run, and the second run shows
 * that reading a store that is gone fails with status 1 and one line.
 */
@Timeout(120)
class RuntimeProcessIT {

    private static final Duration RUN = Duration.ofSeconds(60);

    @TempDir
    Path work;

    private Result run(String... args) throws InterruptedException {
        try (SkeletonProcess process = SkeletonProcess.start(work, args)) {
            int status = process.exitStatus(RUN);
            return new Result(status, process.out(), process.err());
        }
    }

    private record Result(int status, String out, String err) {
        @Override
        public String toString() {
            return "status " + status + "\nout:\n" + out + "\nerr:\n" + err;
        }
    }

    @Test
    void whatARunWritesTheNextReadsWhenTheEngineIsPersistent() throws InterruptedException {
        Result first = run("-c", "store:create users; store:set users alice admin; store:set users bob user; "
                + "store:get users alice");
        assertEquals(ExitStatus.OK, first.status(), first.toString());
        assertTrue(first.out().contains("created store users (engine " + Layout.defaultEngine() + ")"), first.toString());
        assertTrue(first.out().contains("admin"), first.toString());

        Result second = run("-c", "store:get users alice; store:get users bob");
        if (Layout.hasFileEngine()) {
            assertEquals(ExitStatus.OK, second.status(), second.toString());
            assertTrue(second.out().contains("admin") && second.out().contains("user"), second.toString());
        } else {
            // A memory store ends with the run that made it.
            assertEquals(ExitStatus.COMMAND_FAILED, second.status(), second.toString());
            assertOneErrorLine(second, "-c:1: CommandException: STORE_NOT_FOUND");
        }
    }

    private static void assertOneErrorLine(Result result, String start) {
        assertTrue(result.err().startsWith(start), result.toString());
        assertEquals(1, result.err().strip().lines().count(), "one line, no stack trace: " + result);
    }

    @Test
    void aScriptStopsAtItsFirstFailureWithStatusOne() throws IOException, InterruptedException {
        Path script = Files.writeString(work.resolve("setup.gogo"), "store:create s memory\nstore:get s missing\n"
                + "store:delete s\n");

        Result result = run(script.toString());

        assertEquals(ExitStatus.COMMAND_FAILED, result.status(), result.toString());
        assertTrue(result.out().contains("created store s"), result.toString());
        assertFalse(result.out().contains("deleted"), result.toString());
        assertOneErrorLine(result, script + ":2: CommandException: KEY_NOT_FOUND");
    }

    /**
     * Issue 15, defect 8: Felix stops asynchronously, so the statements after {@code stop 0} used to
     * run, or not, depending on a race, and the run then failed with status 1. Several runs, since
     * one could pass by luck.
     */
    @Test
    void nothingRunsAfterStop0InAScript() throws IOException, InterruptedException {
        String script = "store:create sa memory\nstore:set sa k value-of-k\nstore:get sa k\nstop 0\necho AFTER\n"
                + "store:get sa nokey\n";
        for (int run = 0; run < 3; run++) {
            try (SkeletonProcess process = SkeletonProcess.start(work, "-")) {
                process.type(script);
                process.endInput();

                Result result = new Result(process.exitStatus(RUN), process.out(), process.err());
                assertEquals(ExitStatus.OK, result.status(), "run " + run + ": " + result);
                assertTrue(result.out().contains("value-of-k"), result.toString());
                assertFalse(result.out().contains("AFTER"), "run " + run + ": " + result);
                assertFalse(result.err().contains("stdin:") || result.err().contains("Exception"), "run " + run + ": " + result);
            }
        }
    }

    /**
     * Issue 15, defect 6: a garbage line in a {@code .cfg} file of {@code etc/} gave FileInstall's
     * stack trace, some 30 lines, on standard output among the commands' results. Now one line on
     * standard error names the file and the problem; the commands run.
     */
    @Test
    void aGarbageLineInACfgFileGivesOneLineNamingTheFile() throws IOException, InterruptedException {
        Path cfg = Files.writeString(Files.createDirectories(work.resolve("etc")).resolve("x.cfg"), "=oops\n");

        Result result = run("-c", "store:engines");

        assertEquals(ExitStatus.OK, result.status(), result.toString());
        assertTrue(result.out().contains("memory"), result.toString());
        assertFalse(result.out().contains("x.cfg") || result.out().contains("\tat "), "no trace among the results: " + result);
        assertEquals(1, result.err().strip().lines().count(), "one line: " + result);
        assertTrue(result.err().contains(cfg.toRealPath().toString()), result.toString());
        assertTrue(result.err().contains("must not be an empty string"), "the problem: " + result);
    }

    @Test
    void aBareRefreshWorks() throws InterruptedException {
        // Gogo's own felix:refresh failed here with a NullPointerException (no bundles given).
        Result result = run("-c", "refresh; felix:refresh; store:engines");

        assertEquals(ExitStatus.OK, result.status(), result.toString());
        assertTrue(result.out().contains("refreshed the bundles pending removal"), result.toString());
        assertTrue(result.out().contains("memory"), result.toString());
        assertEquals("", result.err().strip(), result.toString());
    }

    @Test
    void aBadCommandLineGivesStatusTwo() throws InterruptedException {
        Result result = run("--no-such-option");

        assertEquals(ExitStatus.USAGE, result.status(), result.toString());
        assertOneErrorLine(result, "skeleton: unknown option --no-such-option");
    }

    @Test
    void theConsoleRunsCommandsUntilStop0() throws InterruptedException {
        try (SkeletonProcess console = SkeletonProcess.start(work, "-v")) {
            console.awaitOut(out -> out.contains("'stop 0' or Ctrl-D quits"), RUN, "the banner");
            console.type("store:create s memory").type("store:set s k value-of-k").type("store:get s k");
            console.awaitOut(out -> out.contains("value-of-k"), RUN, "the value");
            console.type("stop 0");

            assertEquals(ExitStatus.OK, console.exitStatus(RUN), console.err());
            assertTrue(console.out().matches("(?s)Skeleton Storage .*, started in \\d+ ms; heap \\d+ MiB used.*"),
                    console.out());
        }
    }

    @Test
    void theConsoleStopsThePlatformAtTheEndOfItsInput() throws IOException, InterruptedException {
        try (SkeletonProcess console = SkeletonProcess.start(work)) {
            console.type("store:engines");
            console.endInput();

            assertEquals(ExitStatus.OK, console.exitStatus(RUN), console.err());
            assertTrue(console.out().contains("memory"), console.out());
        }
    }

    @Test
    void ctrlCStopsThePlatformCleanly() throws IOException, InterruptedException {
        assumeTrue(Files.isExecutable(Path.of("/bin/kill")), "needs kill to send SIGINT");
        try (SkeletonProcess console = SkeletonProcess.start(work)) {
            console.awaitOut(out -> out.contains("'stop 0' or Ctrl-D quits"), RUN, "the banner");
            console.type("store:create kept").type("store:set kept k v").type("store:get kept k");
            console.awaitOut(out -> out.lines().anyMatch(line -> line.endsWith("v")), RUN, "the value");

            new ProcessBuilder("/bin/kill", "-INT", Long.toString(console.pid())).start().waitFor();

            // 130: ended by SIGINT, after the shutdown hook stopped the framework.
            assertEquals(130, console.exitStatus(RUN), console.err());
            assertFalse(console.err().contains("did not stop cleanly"), console.err());
        }
        if (Layout.hasFileEngine()) {
            Result after = run("-c", "store:get kept k");
            assertEquals(ExitStatus.OK, after.status(), after.toString());
            assertTrue(after.out().contains("v"), after.toString());
        }
    }
}
