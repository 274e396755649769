package dev.skeleton.storage.multistore;

import static dev.skeleton.storage.multistore.TransferTestSupport.bytes;
import static dev.skeleton.storage.multistore.TransferTestSupport.hashOf;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import dev.skeleton.storage.Config;
import dev.skeleton.storage.ErrorCode;
import dev.skeleton.storage.ExportOptions;
import dev.skeleton.storage.ImportOptions;
import dev.skeleton.storage.StorageException;
import dev.skeleton.storage.Store;
import dev.skeleton.storage.file.FileEngine;
import dev.skeleton.storage.memory.MemoryEngine;
import dev.skeleton.storage.postgres.PostgresEngine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Kills a process ({@link TransferCrashChild}, SIGKILL) in the middle of an import or a move of a
 * store, at random moments and at chosen ones, and checks what a multistore opening the root
 * afterwards finds once the cleanups the crash left have run:
 * <ul>
 *   <li>the store whole on exactly one engine: its content hash, computed here by reading it, is the
 *       source's, and the other engine holds nothing of it; or, where the transfer had not reached
 *       its point of no return and its source is not in the root (an import, whose dump is elsewhere;
 *       a memory store, which died with the process), no store and nothing left of it: no directory
 *       at its path, nothing in {@code rootPath/.transfers};</li>
 *   <li>the name can be used again.</li>
 * </ul>
 *
 * <h2>Kill moments</h2>
 * One run to the end first measures, on this machine, the copy (from the child's {@code READY} to
 * its last progress report) and the rest (the switch and the checks, to its {@code DONE}). Then each
 * of the rounds kills a child: even rounds a share of the copy's time after {@code READY} (10 % to
 * 100 %), odd rounds a share of the rest's time after the last progress report (0 % to 100 %); each
 * round draws its share from a slice of its own, so that the rounds spread over the whole transfer
 * whatever the draws. The seed, each kill moment, the last progress the child printed and the
 * outcome are printed to the test output.
 *
 * <p>The chosen moments are on either side of the point of no return, where random kills seldom
 * land: the child dies by itself ({@link TransferCrashChild#HALT_AT}) as the transfer opens the new
 * catalog for writing, and as it deletes its intent once done.
 *
 * <h2>Size</h2>
 * The import takes {@value #ENTRIES} entries; the move from memory half as many, since each of its
 * processes first fills the memory store; the moves through PostgreSQL, whose writes are slower, a
 * fifth, and two thirds of the {@value #ROUNDS} rounds. That keeps the class within about 40 s on
 * two cores; the system properties {@code transfer.crash.entries} (the import's; the others in
 * proportion) and {@code transfer.crash.rounds} make a longer run.
 */
class TransferCrashTest {

    static final int ENTRIES = 100_000;
    static final int ROUNDS = 6;
    /** The entries of the stores that die at a chosen moment. */
    private static final int SMALL = 2_000;
    private static final String NAME = "crashed";
    private static final String MEMORY = MemoryEngine.NAME;
    private static final String FILE = FileEngine.NAME;
    private static final String POSTGRES = PostgresEngine.NAME;
    /** Dumps of a memory store by entry count, and their hashes, made once per class. */
    private static final Map<Integer, Path> DUMPS = new HashMap<>();
    private static final Map<Integer, byte[]> HASHES = new HashMap<>();

    @TempDir
    static Path dumps;

    @TempDir
    Path work;

    private final int roundCount = Integer.getInteger("transfer.crash.rounds", ROUNDS);
    private final long seed = System.nanoTime();
    private final Random random = new Random(seed);
    private Path dump;
    private byte[] dumpHash;

    /** What one round left, checked: {@code whole} (and on which engine) or {@code absent}. */
    private interface Settle {
        String check() throws Exception;
    }

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void anImportKilledAnywhereLeavesTheWholeStoreOnItsEngineOrNothingAndTheNameFree() throws Exception {
        int entries = useDump(entries(1));
        Path root = work.resolve("root");
        Supplier<String[]> args = () -> new String[] {root.toString(), NAME, "import", dump.toString(), FILE};
        Settle settle = () -> settleWholeOnFileOrAbsent(root);
        Map<String, Timing> timing = Map.of(FILE, runToTheEnd(Map.of(), args.get()));
        assertEquals("whole on file", settle.check());
        report("import into the file engine", entries, timing,
                killRounds(roundCount, Map.of(), args, timing, settle));
    }

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void aMoveFromMemoryToFileKilledAnywhereLeavesTheWholeStoreOnFileOrNothingAndTheNameFree() throws Exception {
        // The child fills its memory store as the dump was filled: the dump's hash is the store's.
        int entries = useDump(entries(2));
        Path root = work.resolve("root");
        Supplier<String[]> args = () -> new String[] {root.toString(), NAME, "fill-move", Integer.toString(entries),
            MEMORY, FILE};
        Settle settle = () -> settleWholeOnFileOrAbsent(root);
        Map<String, Timing> timing = Map.of(FILE, runToTheEnd(Map.of(), args.get()));
        assertEquals("whole on file", settle.check());
        report("move from memory to file", entries, timing, killRounds(roundCount, Map.of(), args, timing, settle));
    }

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void aMoveBetweenFileAndPostgresKilledAnywhereLeavesTheWholeStoreOnExactlyOneOfThem() throws Exception {
        try (TestPostgres postgres = TestPostgres.create()) {
            int entries = useDump(entries(5));
            Path root = work.resolve("root");
            PostgresEngine engine = postgres.engine();
            try (DefaultMultiStore stores = TransferCrashChild.open(root, engine)) {
                stores.importStore(dump, NAME, ImportOptions.defaults().onEngine(FILE));
            }
            String[] on = {FILE};
            // Each round moves the store to the engine it is not on.
            Supplier<String[]> args = () -> new String[] {root.toString(), NAME, "move",
                on[0].equals(FILE) ? POSTGRES : FILE};
            Settle settle = () -> {
                on[0] = settleWholeOnOneOf(root, engine);
                return "whole on " + on[0];
            };
            Map<String, String> environment = postgres.childEnvironment();
            Map<String, Timing> timing = new HashMap<>();
            for (String to : List.of(POSTGRES, FILE)) {
                timing.put(to, runToTheEnd(environment, args.get()));
                assertEquals("whole on " + to, settle.check());
            }
            report("move between file and postgres", entries, timing,
                    killRounds(roundCount * 2 / 3, environment, args, timing, settle));
        }
    }

    /** The entries of the stores that rounds of kills transfer, divided by {@code divisor}. */
    private static int entries(int divisor) {
        return Integer.getInteger("transfer.crash.entries", ENTRIES) / divisor;
    }

    /**
     * Makes {@link #dump} a dump of a memory store that {@link TransferCrashChild#fill} filled with
     * {@code entries} entries.
     *
     * @return the number of entries
     */
    private int useDump(int entries) {
        synchronized (DUMPS) {
            if (!DUMPS.containsKey(entries)) {
                Path file = dumps.resolve(entries + ".dump");
                HASHES.put(entries, writeDump(file, entries));
                DUMPS.put(entries, file);
            }
            dump = DUMPS.get(entries);
            dumpHash = HASHES.get(entries);
        }
        return entries;
    }

    private static byte[] writeDump(Path file, int entries) {
        try (DefaultMultiStore stores = TransferCrashChild.open(dumps.resolve("root-" + entries), null)) {
            stores.createStore("source", MEMORY, Config.empty());
            Store source = stores.getStore("source");
            TransferCrashChild.fill(source, entries);
            byte[] hash = hashOf(source);
            assertArrayEquals(hash, stores.exportStore("source", file, ExportOptions.defaults()).hash());
            return hash;
        }
    }

    // ---- deaths on either side of the point of no return ----

    @ParameterizedTest(name = "killed as it {0}")
    @CsvSource({"writes the catalog, absent", "removes its intent, whole on file"})
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void anImportKilledAtItsEndLeavesTheWholeStoreOrNothing(String moment, String expected) throws Exception {
        useDump(SMALL);
        Path root = work.resolve("root");
        haltAt(moment, root, Map.of(), root.toString(), NAME, "import", dump.toString(), FILE);
        assertEquals(expected, settleWholeOnFileOrAbsent(root));
    }

    /**
     * As the catalog is written, the move has renamed the new file store from
     * {@code .transfers/NAME} to the store's path; the memory store died with the process, so the
     * store is absent, and the copy at its path must go with the rest of the interrupted move.
     */
    @ParameterizedTest(name = "killed as it {0}")
    @CsvSource({"writes the catalog, absent", "removes its intent, whole on file"})
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aMoveFromMemoryToFileKilledAtItsSwitchLeavesTheWholeStoreOrNothingAtItsPath(String moment, String expected)
            throws Exception {
        useDump(SMALL);
        Path root = work.resolve("root");
        haltAt(moment, root, Map.of(), root.toString(), NAME, "fill-move", Integer.toString(SMALL), MEMORY, FILE);
        assertEquals(expected, settleWholeOnFileOrAbsent(root));
    }

    @ParameterizedTest(name = "killed as it {0}")
    @CsvSource({"writes the catalog, file", "removes its intent, postgres"})
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void aMoveFromFileToPostgresKilledAtItsSwitchLeavesTheWholeStoreOnOneOfThem(String moment, String expected)
            throws Exception {
        try (TestPostgres postgres = TestPostgres.create()) {
            useDump(SMALL);
            Path root = work.resolve("root");
            PostgresEngine engine = postgres.engine();
            try (DefaultMultiStore stores = TransferCrashChild.open(root, engine)) {
                stores.importStore(dump, NAME, ImportOptions.defaults().onEngine(FILE));
            }
            haltAt(moment, root, postgres.childEnvironment(), root.toString(), NAME, "move", POSTGRES);
            assertEquals(expected, settleWholeOnOneOf(root, engine));
        }
    }

    /**
     * Runs a child that dies by itself as its transfer opens {@code catalog.txt.tmp} for writing (the
     * point of no return) or deletes its intent (after it).
     */
    private static void haltAt(String moment, Path root, Map<String, String> environment, String... args)
            throws Exception {
        String haltAt = moment.equals("writes the catalog") ? "write " + root.resolve(Catalog.TEMP_FILE_NAME)
                : "delete " + root.resolve(Intents.FOLDER).resolve(NAME + ".intent");
        Map<String, String> halting = new HashMap<>(environment);
        halting.put(TransferCrashChild.HALT_AT, haltAt);
        try (ChildProcess child = ChildProcess.start(halting, args)) {
            child.await(60_000, "READY");
            assumeFalse(child.printed("NOHALT"), "this runtime has no security manager to die at a file with");
            child.await(60_000, "HALT");
            assertEquals(137, child.awaitExit(20_000), child::transcript);
        }
    }

    /** How long a transfer took uninterrupted: its copy up to its last progress report, and the rest. */
    private record Timing(int progressReports, long copyMillis, long restMillis) {
    }

    /** Runs a transfer to its end (then kills the child, which only waits by then). */
    private Timing runToTheEnd(Map<String, String> environment, String[] args) throws Exception {
        try (ChildProcess child = ChildProcess.start(environment, args)) {
            child.await(60_000, "READY");
            long started = System.nanoTime();
            long lastReport = started;
            int reports = 0;
            for (String line = child.await(120_000, "PROGRESS", "DONE"); line.startsWith("PROGRESS");
                    line = child.await(120_000, "PROGRESS", "DONE")) {
                reports++;
                lastReport = System.nanoTime();
            }
            long ended = System.nanoTime();
            assertEquals(HexFormat.of().formatHex(dumpHash), child.last("DONE").split(" ")[1],
                    "the hash the child's transfer reported");
            child.kill();
            return new Timing(reports, TimeUnit.NANOSECONDS.toMillis(lastReport - started),
                    TimeUnit.NANOSECONDS.toMillis(ended - lastReport));
        }
    }

    /**
     * Kills a child in each round at its moment, and checks what it left. Even rounds kill during the
     * copy (measured from {@code READY}), odd rounds after it (measured from the last progress report,
     * so that a slower run here than in the measured one still dies after its copy).
     */
    private List<String> killRounds(int count, Map<String, String> environment, Supplier<String[]> args,
            Map<String, Timing> timings, Settle settle) throws Exception {
        List<String> rounds = new ArrayList<>();
        int slices = (count + 1) / 2;
        for (int round = 0; round < count; round++) {
            boolean afterCopy = round % 2 == 1;
            double share = (round / 2 + random.nextDouble()) / slices;
            double fraction = afterCopy ? share : 0.1 + 0.9 * share;
            String[] roundArgs = args.get();
            Timing timing = timings.get(roundArgs[roundArgs.length - 1]);
            long delay = Math.round((afterCopy ? timing.restMillis() : timing.copyMillis()) * fraction);
            String what;
            try (ChildProcess child = ChildProcess.start(environment, roundArgs)) {
                child.await(60_000, "READY");
                for (int i = 0; afterCopy && i < timing.progressReports(); i++) {
                    child.await(120_000, "PROGRESS");
                }
                Thread.sleep(delay);
                child.kill();
                what = String.format("round %d (%s to %s): killed %d ms (%.0f %%) after %s, last %s%s", round,
                        roundArgs[2], roundArgs[roundArgs.length - 1], delay, fraction * 100,
                        afterCopy ? "the copy" : "READY", child.last("PROGRESS"),
                        child.printed("DONE") ? ", after DONE" : "");
            }
            try {
                rounds.add(what + ": " + settle.check());
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError(what + " (seed " + seed + "): " + e.getMessage(), e);
            }
        }
        return rounds;
    }

    private void report(String what, int entries, Map<String, Timing> timings, List<String> rounds) {
        System.out.println("TransferCrashTest, " + what + " of " + entries + " entries (seed " + seed + "):");
        timings.forEach((to, timing) -> System.out.println("  uninterrupted, to " + to + ": " + timing.copyMillis()
                + " ms to the end of the copy and " + timing.restMillis() + " ms more"));
        rounds.forEach(round -> System.out.println("  " + round));
    }

    /**
     * After an import into the file engine or a move from memory to file: the store whole on file, or
     * absent with nothing left; deleted if whole, and the name used again either way.
     */
    private String settleWholeOnFileOrAbsent(Path root) throws Exception {
        try (DefaultMultiStore stores = TransferCrashChild.open(root, null)) {
            awaitCleanups(stores);
            assertNothingUnderTransfers(root);
            String outcome = "absent";
            if (stores.storeExists(NAME)) {
                assertEquals(FILE, stores.storeInfo(NAME).engine());
                assertArrayEquals(dumpHash, hashOf(stores.getStore(NAME)), "the store is whole");
                stores.deleteStore(NAME);
                outcome = "whole on file";
            }
            Path path = root.resolve(NAME);
            assertFalse(Files.exists(path), "nothing is left at the path of store " + NAME + " once it is "
                    + (outcome.equals("absent") ? "absent" : "deleted") + ": " + listing(path));
            stores.createStore(NAME, FILE, Config.empty());
            stores.getStore(NAME).set(bytes("again"), bytes("used"));
            assertArrayEquals(bytes("used"), stores.getStore(NAME).get(bytes("again")));
            stores.deleteStore(NAME);
            return outcome;
        }
    }

    /** After a move between file and postgres: the store whole on one of them, and the other holding nothing of it. */
    private String settleWholeOnOneOf(Path root, PostgresEngine postgres) throws Exception {
        try (DefaultMultiStore stores = TransferCrashChild.open(root, postgres)) {
            awaitCleanups(stores);
            assertNothingUnderTransfers(root);
            assertTrue(stores.storeExists(NAME), "a move between persistent engines never loses the store");
            String on = stores.storeInfo(NAME).engine();
            assertArrayEquals(dumpHash, hashOf(stores.getStore(NAME)), "the store on " + on + " is whole");
            if (on.equals(FILE)) {
                assertNotFound(() -> postgres.open(NAME, work.resolve("probe").toString()), "on the postgres engine");
            } else {
                assertEquals(POSTGRES, on);
                assertNotFound(() -> new FileEngine().open(NAME, root.resolve(NAME).toString()), "on the file engine");
            }
            return on;
        }
    }

    private static void assertNotFound(Supplier<Store> open, String where) {
        try {
            open.get().close();
            fail("store " + NAME + " is left " + where + " too");
        } catch (StorageException e) {
            assertEquals(ErrorCode.STORE_NOT_FOUND, e.code(), e::getMessage);
        }
    }

    private static void awaitCleanups(DefaultMultiStore stores) throws InterruptedException {
        for (int i = 0; i < 400 && !stores.pendingCleanups().isEmpty(); i++) {
            Thread.sleep(25);
        }
        assertEquals(Set.of(), stores.pendingCleanups(), "cleanups still pending after 10 s");
    }

    /**
     * No intent, staging directory or retired copy is left. A temporary file of an intent that a kill
     * caught before its rename is no intent (recovery never reads it, the next intent of the name
     * replaces it), so it is not counted.
     */
    private static void assertNothingUnderTransfers(Path root) throws IOException {
        Path folder = root.resolve(Intents.FOLDER);
        if (!Files.isDirectory(folder)) {
            return;
        }
        try (Stream<Path> files = Files.list(folder)) {
            List<String> left = files.map(file -> file.getFileName().toString()).filter(file -> !file.endsWith(".tmp"))
                    .sorted().toList();
            assertEquals(List.of(), left, "left in " + folder);
        }
    }

    private static String listing(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            return Files.exists(directory) ? directory.toString() : "";
        }
        try (Stream<Path> files = Files.list(directory)) {
            return String.join(", ", files.map(file -> file.getFileName().toString()).sorted().toList());
        }
    }
}
