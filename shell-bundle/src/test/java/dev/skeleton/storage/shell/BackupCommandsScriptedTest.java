package dev.skeleton.storage.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.skeleton.storage.Config;
import dev.skeleton.storage.ErrorCode;
import dev.skeleton.storage.ExportOptions;
import dev.skeleton.storage.ImportOptions;
import dev.skeleton.storage.StorageException;
import dev.skeleton.storage.TransferProgress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.apache.felix.service.command.Job;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The commands' side of the transfer commands through a real Gogo session, over a multistore whose
 * transfers follow a script ({@link ScriptedTransfers}): what each command passes to the
 * multistore, its summary line, its progress on the console, stopping, and the failures it
 * reshapes. The transfers themselves are tested in {@link BackupCommandsTest}.
 */
class BackupCommandsScriptedTest extends ShellTestBase {

    private static final String HASH = "3f".repeat(32);
    private static final String TOTALS = "1,000 entries, 11.7 KiB, hash " + HASH + ", 4.1 s";

    private ScriptedTransfers transfers;

    @BeforeEach
    void scriptTheTransfers() {
        transfers = new ScriptedTransfers(stores);
        transfers.report = ScriptedTransfers.report("users", "memory", "memory", 1000, 11_980,
                Duration.ofMillis(4_100), Duration.ZERO);
        shell.close();
        shell = new GogoShell(new StoreCommands(stores), new BackupCommands(transfers.multiStore()));
        shell.run("store:create users");
    }

    @Test
    void exportPassesTheStoreTheAbsoluteFileAndNoOptions() {
        String line = shell.print("store:export users backups/users.dump");

        Path file = absolute("backups/users.dump");
        assertEquals("exported users (memory) to " + file + ": " + TOTALS, line);
        List<Object> arguments = call("exportStore");
        assertEquals("users", arguments.get(0));
        assertEquals(file, arguments.get(1), "relative to the JVM's current directory");
        ExportOptions options = (ExportOptions) arguments.get(2);
        assertEquals(0, options.version(), "the working data");
        assertFalse(options.compress());
        assertInstanceOf(ProgressPrinter.class, options.listener());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
            "store:export -z --version 3 users f.dump",
            "store:export users f.dump -v 3 --compress",
            "store:export users --compress f.dump --version 003"})
    void exportOptionsAreRecognisedAnywhere(String command) {
        String line = shell.print(command);

        ExportOptions options = (ExportOptions) call("exportStore").get(2);
        assertEquals(3, options.version());
        assertTrue(options.compress());
        assertEquals("exported version 3 of users (memory) to " + absolute("f.dump") + ", compressed: " + TOTALS, line);
    }

    @Test
    void importPassesEngineReplaceAndConfigWordsAsCreateTakesThem() {
        String line = shell.print(
                "store:import --engine memory users.dump users max_versions=3 --replace max_size=100");

        List<Object> arguments = call("importStore");
        assertEquals(absolute("users.dump"), arguments.get(0));
        assertEquals("users", arguments.get(1));
        ImportOptions options = (ImportOptions) arguments.get(2);
        assertEquals("memory", options.engine());
        assertTrue(options.replace());
        assertEquals(Config.of("max_versions", "3", "max_size", "100"), options.config());
        assertEquals("imported users (memory) from " + absolute("users.dump") + ", replacing the store of that name: "
                + TOTALS, line);
    }

    @Test
    void importWithoutOptionsUsesTheDefaultEngineAndReplacesNothing() {
        transfers.report = ScriptedTransfers.report("fresh", "file", "memory", 1000, 11_980,
                Duration.ofMillis(4_100), Duration.ZERO);

        String line = shell.print("store:import users.dump fresh");

        ImportOptions options = (ImportOptions) call("importStore").get(2);
        assertEquals("", options.engine(), "empty: the default engine");
        assertFalse(options.replace());
        assertEquals(Config.empty(), options.config());
        assertEquals("imported fresh (memory) from " + absolute("users.dump") + ": " + TOTALS, line);
    }

    @Test
    void importReplacingNoStoreSaysNothingOfReplacing() {
        transfers.report = ScriptedTransfers.report("fresh", "file", "memory", 1000, 11_980,
                Duration.ofMillis(4_100), Duration.ZERO);

        assertEquals("imported fresh (memory) from " + absolute("d") + ": " + TOTALS,
                shell.print("store:import -r d fresh"));
    }

    @Test
    void verifyNamesTheFileAndTheStoreOfTheDump() {
        transfers.report = ScriptedTransfers.report("users", "file", null, 1000, 11_980,
                Duration.ofMillis(4_100), Duration.ZERO);

        String line = shell.print("store:verify users.dump");

        assertEquals(absolute("users.dump"), call("verifyDump").get(0));
        assertEquals(absolute("users.dump") + " is a good dump of users (file): " + TOTALS, line);
    }

    @Test
    void copyPassesTheEngineOrNone() {
        transfers.report = ScriptedTransfers.report("backup", "memory", "other", 1000, 11_980,
                Duration.ofMillis(4_100), Duration.ZERO);

        assertEquals("copied users (memory) to backup (other): " + TOTALS,
                shell.print("store:copy users backup -e other"));
        assertEquals(List.of("users", "backup", "other"), call("copyStore").subList(0, 3));

        transfers.calls.clear();
        shell.run("store:copy users backup");
        assertEquals("", call("copyStore").get(2), "empty: the source's engine");
    }

    @Test
    void moveTellsTheLongestWriterPause() {
        transfers.report = ScriptedTransfers.report("users", "memory", "other", 1000, 11_980,
                Duration.ofMillis(4_100), Duration.ofMillis(12));

        assertEquals("moved users from memory to other: " + TOTALS + ", longest writer pause 12 ms",
                shell.print("store:move users other"));
        assertEquals(List.of("users", "other"), call("moveStore").subList(0, 2));
    }

    @Test
    void progressGoesToTheSessionConsoleAndTheResultIsTheSummaryAlone() {
        transfers.script = listener -> {
            listener.progress(progress(100));
            Thread.sleep(ProgressPrinter.INTERVAL.toMillis() + 100);
            listener.progress(progress(400));
        };

        Object result = shell.run("store:export users f.dump");

        assertEquals("exported users (memory) to " + absolute("f.dump") + ": " + TOTALS, result);
        String line = TransferFormat.progress("export", progress(400));
        assertEquals("\r" + line + "\r" + " ".repeat(line.length()) + "\r", shell.console(),
                "one progress line, blanked at the end for the summary");
    }

    @Test
    void aQuickTransferPrintsNoProgress() {
        transfers.script = listener -> listener.progress(progress(1000));

        shell.run("store:export users f.dump");

        assertEquals("", shell.console());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
            "store:export users f.dump;export of store users stopped: {f.dump} was left as it was",
            "store:import f.dump fresh;import of {f.dump} into store fresh stopped: no store was made",
            "store:verify f.dump;verification of {f.dump} stopped before its end (a verification changes nothing)",
            "store:copy users backup;copy of store users to backup stopped: no store backup was made, users is unchanged",
            "store:move users other;move of store users to engine other stopped: users stays on engine memory"})
    void anInterruptStopsTheTransferWithOneLineSayingWhatIsAsItWas(String command, String message) {
        transfers.script = listener -> {
            Thread.currentThread().interrupt();
            listener.progress(progress(1));
        };

        CommandException e = shell.fail(command);

        String expected = message.replace("{f.dump}", absolute("f.dump").toString());
        assertEquals(ErrorCode.IO, e.code());
        assertEquals("IO: " + expected, e.getMessage());
        StorageException stop = assertInstanceOf(StorageException.class, e.failure().getCause());
        assertEquals(ProgressPrinter.INTERRUPTED, stop.getMessage(), "the listener's stop is the cause");
        assertEquals("\rstore: IO: " + expected + System.lineSeparator(), shell.console(),
                "said on the console too, since Ctrl-C would discard the job's result");
    }

    @Test
    void aStopTheEngineNoticedItselfIsAStopToo() {
        transfers.script = listener -> {
            Thread.currentThread().interrupt();
            throw new StorageException(ErrorCode.IO, "engine: interrupted while reading");
        };

        assertEquals("IO: export of store users stopped: " + absolute("f.dump") + " was left as it was",
                shell.fail("store:export users f.dump").getMessage());
    }

    @Test
    void ctrlCEndsTheJobAtOnceAndTheCommandTellsTheOutcomeOnTheConsole() throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        AtomicReference<Job> job = new AtomicReference<>();
        transfers.script = listener -> {
            job.set(Job.Utils.current());
            running.countDown();
            while (!Thread.currentThread().isInterrupted()) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
            }
            listener.progress(progress(1));
        };
        CompletableFuture<Object> line = CompletableFuture.supplyAsync(() -> {
            try {
                return shell.session().execute("store:export users f.dump");
            } catch (Exception e) {
                return e;
            }
        });
        assertTrue(running.await(10, TimeUnit.SECONDS));

        job.get().interrupt(); // what the JLine shell does on Ctrl-C

        assertInstanceOf(InterruptedException.class, line.get(10, TimeUnit.SECONDS),
                "Gogo ends the job without the command's result");
        String told = "\rstore: IO: export of store users stopped: " + absolute("f.dump") + " was left as it was"
                + System.lineSeparator();
        awaitConsole(told);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
            "store:export users f.dump", "store:import f.dump users", "store:verify f.dump",
            "store:copy users backup", "store:move users other"})
    void otherFailuresOfTheMultistorePassUnchanged(String command) {
        transfers.failure = new StorageException(ErrorCode.CORRUPTED, "dump f.dump: bad frame at byte 12");

        CommandException e = shell.fail(command);

        assertEquals("CORRUPTED: dump f.dump: bad frame at byte 12", e.getMessage());
        assertEquals("", shell.console());
    }

    @Test
    void aFailedReplacingImportTellsWhetherTheOldStoreIsGone() {
        transfers.failure = new StorageException(ErrorCode.CORRUPTED, "bad dump");
        assertEquals("CORRUPTED: bad dump; store users is unchanged",
                shell.fail("store:import --replace f.dump users").getMessage());

        transfers.script = listener -> stores.deleteStore("users");
        transfers.failure = new StorageException(ErrorCode.STORE_FULL, "store users is full");
        assertEquals("STORE_FULL: store users is full; store users, which it was to replace, had already been deleted",
                shell.fail("store:import --replace f.dump users").getMessage());
    }

    @Test
    void aStoppedReplacingImportTellsWhetherTheOldStoreIsGone() {
        transfers.script = listener -> {
            stores.deleteStore("users");
            Thread.currentThread().interrupt();
            listener.progress(progress(1));
        };

        assertEquals("IO: import of " + absolute("f.dump") + " into store users stopped: nothing was imported; "
                        + "store users, which it was to replace, had already been deleted",
                shell.fail("store:import --replace f.dump users").getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
            "store:export --version 0 users f;version must be a whole number of 1 or more, was \"0\"",
            "store:export --version x users f;version must be a whole number of 1 or more, was \"x\"",
            "store:export users '';the file name must not be empty",
            "store:export users ' ';the file name must not be empty",
            "store:export users $unset;no value given for the file",
            "store:verify '';the file name must not be empty",
            "store:import '' fresh;the file name must not be empty",
            "store:import f fresh max_size;engine config must be given as key=value, got \"max_size\"",
            "store:import f fresh a=1 a=2;engine config key a is given twice"})
    void badArgumentsReachNoTransfer(String command, String message) {
        CommandException e = shell.fail(command);

        assertEquals("INVALID_ARGUMENT: " + message, e.getMessage());
        assertEquals(List.of(), transfers.calls);
    }

    private List<Object> call(String method) {
        ScriptedTransfers.Call call = transfers.call();
        assertEquals(method, call.method());
        return call.arguments();
    }

    private void awaitConsole(String expected) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!shell.console().equals(expected)) {
            if (System.nanoTime() > deadline) {
                fail("console: expected <" + expected + "> but was <" + shell.console() + ">");
            }
            Thread.sleep(10);
        }
    }

    private static Path absolute(String file) {
        return Path.of(file).toAbsolutePath();
    }

    private static TransferProgress progress(long entries) {
        return new TransferProgress("users", entries, 1000, entries * 12, Duration.ofMillis(entries * 4));
    }
}
