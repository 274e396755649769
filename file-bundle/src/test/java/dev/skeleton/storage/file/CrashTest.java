package dev.skeleton.storage.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.skeleton.storage.Store;
import dev.skeleton.storage.Versioned;
import dev.skeleton.storage.testkit.ContentHashReference;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a writing process ({@link CrashChild}, {@code sync=always}) at random moments, again and
 * again on the same store, and checks after each kill that the store reopens with every write the
 * child saw acknowledged, the one operation per thread that was in flight either wholly applied or
 * not at all (a transaction's three keys together), nothing else, and every acknowledged version
 * that retention keeps.
 *
 * <h2>Versions</h2>
 * The child reports the number and content hash of every {@code saveVersion()} it saw return. After
 * each reopen, with {@code N} the newest version listed:
 * <ul>
 *   <li>{@code N} is the newest version acknowledged (or seen listed) so far, or the one more that
 *       was being saved when the child died;</li>
 *   <li>every version acknowledged (or seen listed after an earlier reopen) above
 *       {@code N - max_versions} is listed, and nothing else is;</li>
 *   <li>each listed version loads ({@code loadVersion}) and the content loaded has the acknowledged
 *       hash, computed from scratch by {@link ContentHashReference}; the version in flight, if it
 *       was saved, becomes a version every later reopen must keep too;</li>
 *   <li>version numbers never go backwards: each version acknowledged is above every version
 *       acknowledged or seen before it, across kills, so no number is handed out twice;</li>
 *   <li>recovery never warns that a version is lost (a kill damages no file; the version files a
 *       save prunes are deleted newest first, so no delta outlives its base).</li>
 * </ul>
 * After the checks the working data is put back as it was reopened, for the next round.
 */
class CrashTest {

    private static final long BUDGET_MILLIS = 35_000;
    private static final int MAX_ROUNDS = 30;

    @TempDir
    Path directory;

    /** One operation the child began: what it does to which keys. */
    private record Operation(String kind, List<String> keys, String value) {
        void applyTo(Map<String, String> state) {
            for (String key : keys) {
                if (kind.equals("DEL")) {
                    state.remove(key);
                } else {
                    state.put(key, value);
                }
            }
        }
    }

    /** A version the child saw {@code saveVersion()} return. */
    private record Saved(long number, String hash) {
    }

    /** What one child process printed. */
    private static final class Transcript {
        final Map<Integer, Operation> inFlight = new HashMap<>();
        final List<Saved> savedVersions = new ArrayList<>();
        int acknowledged;
        /** The file the child died just before deleting, or null if it was killed. */
        String halted;
        boolean haltUnsupported;

        /** Whether the child died inside {@code saveVersion()} (only thread 0 saves). */
        boolean savingWhenKilled() {
            Operation operation = inFlight.get(0);
            return operation != null && operation.kind().equals("SAVE");
        }

        void read(List<String> lines, Map<String, String> expected) {
            for (String line : lines) {
                String[] parts = line.split(" ");
                switch (parts[0]) {
                    case "BEGIN" -> inFlight.put(Integer.parseInt(parts[1]), operation(parts));
                    case "ACK" -> acknowledge(parts, expected);
                    case "CONFLICT" -> inFlight.remove(Integer.parseInt(parts[1]));
                    case "HALT" -> halted = parts[1];
                    case "NOHALT" -> haltUnsupported = true;
                    default -> { }
                }
            }
        }

        private void acknowledge(String[] parts, Map<String, String> expected) {
            Operation done = inFlight.remove(Integer.parseInt(parts[1]));
            acknowledged++;
            if (done.kind().equals("SAVE")) {
                savedVersions.add(new Saved(Long.parseLong(parts[3]), parts[4]));
            } else {
                done.applyTo(expected);
            }
        }

        private static Operation operation(String[] parts) {
            return switch (parts[3]) {
                case "SET" -> new Operation("SET", List.of(parts[4]), parts[5]);
                case "DEL" -> new Operation("DEL", List.of(parts[4]), null);
                case "TX" -> new Operation("TX", Arrays.asList(parts[4].split(",")), parts[5]);
                default -> new Operation("SAVE", List.of(), null);
            };
        }
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void everyAcknowledgedWriteSurvivesAKill() throws Exception {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        Path store = directory.resolve(CrashChild.STORE);
        Map<String, String> expected = new TreeMap<>();
        VersionLedger ledger = new VersionLedger();
        long deadline = System.currentTimeMillis() + BUDGET_MILLIS;
        int rounds = 0;
        int acknowledged = 0;
        List<String> halts = new ArrayList<>();
        boolean haltUnsupported = false;
        while (rounds < MAX_ROUNDS && System.currentTimeMillis() < deadline) {
            Transcript transcript = runAndKill(store, seed + rounds, rounds, 50 + random.nextInt(1200));
            transcript.read(transcriptLines, expected);
            acknowledged += transcript.acknowledged;
            if (transcript.halted != null) {
                halts.add(transcript.halted);
            }
            haltUnsupported |= transcript.haltUnsupported;
            String tail = String.join("\n", transcriptLines.subList(Math.max(0, transcriptLines.size() - 12),
                    transcriptLines.size()));
            String round = "round " + rounds + " (seed " + seed + "), transcript ending\n" + tail + "\n";
            ledger.acknowledge(transcript.savedVersions, round);
            expected = verifyAfterCrash(store, expected, transcript, ledger, round);
            rounds++;
        }
        System.out.printf("crash test: %d kills, %d acknowledged operations, %d versions acknowledged (newest %d),"
                + " %d version loads checked against their hash, %d saves in flight at a kill%n", rounds, acknowledged,
                ledger.acknowledged, ledger.highest, ledger.loadsChecked, ledger.savesInFlight);
        System.out.printf("crash test: %d children died just before deleting a file (%d of them a checkpoint or a"
                + " log segment a checkpoint superseded, %d a page file a compaction replaced)%s%n",
                halts.size(), halts.stream().filter(CrashTest::supersededByACheckpoint).count(),
                halts.stream().filter(name -> name.startsWith(StoreFiles.PAGES)).count(),
                haltUnsupported ? "; this runtime has no security manager, so the others could not" : "");
        assertTrue(rounds >= 5, "only " + rounds + " rounds ran");
        assertTrue(acknowledged > rounds, "the child acknowledged almost nothing: " + acknowledged);
        assertTrue(ledger.acknowledged > 0, "the child acknowledged no version");
        assertTrue(haltUnsupported || rounds < 10 || halts.stream().anyMatch(CrashTest::supersededByACheckpoint),
                "no child died in the middle of deleting what a checkpoint superseded: " + halts);
    }

    private static boolean supersededByACheckpoint(String file) {
        return file.startsWith(StoreFiles.CHECKPOINT) || file.startsWith(StoreFiles.LOG);
    }

    /** The versions known across rounds: acknowledged by a child, or listed after a reopen. */
    private static final class VersionLedger {
        /** Number to content hash (hex) of every version acknowledged or seen listed, not yet pruned. */
        final TreeMap<Long, String> known = new TreeMap<>();
        /** The highest version number acknowledged or seen listed so far. */
        long highest;
        int acknowledged;
        int loadsChecked;
        int savesInFlight;

        /** Takes a round's acknowledged saves; each number must be above every number before it. */
        void acknowledge(List<Saved> saves, String round) {
            for (Saved saved : saves) {
                assertTrue(saved.number() > highest, round + ": version " + saved.number()
                        + " was acknowledged after version " + highest + " was known: a number went backwards or"
                        + " was handed out twice");
                assertEquals(64, saved.hash().length(), round + ": hash of version " + saved.number());
                known.put(saved.number(), saved.hash());
                highest = saved.number();
                acknowledged++;
            }
        }
    }

    private List<String> transcriptLines;

    /** Runs the child until {@code millis} after it is ready, kills it, and keeps what it printed. */
    private Transcript runAndKill(Path store, long seed, int round, long millis) throws Exception {
        Path transcript = directory.resolve("transcript-" + round);
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                // The child may install a security manager (see CrashChild.haltAtDelete): allowed
                // explicitly, since runtimes after 17 refuse it unless told so.
                "-Xmx128m", "-Djava.security.manager=allow", "-cp", System.getProperty("java.class.path"),
                CrashChild.class.getName(),
                store.toString(), Long.toString(seed), Integer.toString(round), transcript.toString())
                .redirectErrorStream(true).redirectOutput(directory.resolve("output-" + round).toFile()).start();
        long until = System.currentTimeMillis() + 20_000;
        while (!isReady(transcript) && child.isAlive() && System.currentTimeMillis() < until) {
            Thread.sleep(20);
        }
        if (!isReady(transcript)) {
            child.destroyForcibly();
            fail("the child did not start writing: " + Files.readString(directory.resolve("output-" + round)));
        }
        Thread.sleep(millis);
        child.destroyForcibly();
        assertTrue(child.waitFor(20, TimeUnit.SECONDS), "the child did not die");
        transcriptLines = Files.readAllLines(transcript);
        return new Transcript();
    }

    /** The child is writing, or died by itself at a deletion (maybe while opening the store). */
    private static boolean isReady(Path transcript) throws IOException {
        if (!Files.exists(transcript)) {
            return false;
        }
        String text = Files.readString(transcript);
        return text.startsWith("READY") || text.contains("HALT ");
    }

    /** Reopens the store and checks it; returns its content as the expectation of the next round. */
    private static Map<String, String> verifyAfterCrash(Path path, Map<String, String> expected,
            Transcript transcript, VersionLedger ledger, String round) {
        try (TestStores.LogCapture warnings = new TestStores.LogCapture();
                Store store = new FileEngine(CrashChild.TUNING).open(CrashChild.STORE, path.toString())) {
            for (String warning : warnings.warnings()) {
                assertTrue(!warning.contains(" is lost"), round + ": recovery lost a version: " + warning);
            }
            Map<String, byte[]> actual = new TreeMap<>();
            store.iterate((key, value) -> {
                actual.put(new String(key, StandardCharsets.UTF_8), value);
                return true;
            });
            Map<String, String> outcome = new TreeMap<>();
            for (int thread = 0; thread < CrashChild.THREADS; thread++) {
                outcome.putAll(verifyThread(thread, actual, expected, transcript.inFlight.get(thread), round));
            }
            assertEquals(outcome.keySet(), actual.keySet(), round + ": keys nobody wrote");
            if (verifyVersions(store, ledger, transcript.savingWhenKilled(), round)) {
                restore(store, actual);
            }
            return outcome;
        }
    }

    /** The thread's keys hold what it acknowledged, with its in-flight operation applied wholly or not at all. */
    private static Map<String, String> verifyThread(int thread, Map<String, byte[]> actual,
            Map<String, String> expected, Operation inFlight, String round) {
        String prefix = "t" + thread + "-";
        Map<String, String> without = restrict(expected, prefix);
        Map<String, String> with = new TreeMap<>(without);
        if (inFlight != null) {
            inFlight.applyTo(with);
        }
        if (matches(actual, without, prefix)) {
            return without;
        }
        if (matches(actual, with, prefix)) {
            return with;
        }
        fail(round + ": thread " + thread + " keys " + describe(actual, prefix) + " match neither "
                + without + " nor, with the operation in flight (" + inFlight + "), " + with);
        return null;
    }

    private static boolean matches(Map<String, byte[]> actual, Map<String, String> expected, String prefix) {
        Map<String, byte[]> own = new TreeMap<>();
        actual.forEach((key, value) -> {
            if (key.startsWith(prefix)) {
                own.put(key, value);
            }
        });
        if (!own.keySet().equals(expected.keySet())) {
            return false;
        }
        return expected.entrySet().stream()
                .allMatch(e -> Arrays.equals(CrashChild.valueOf(e.getValue()), own.get(e.getKey())));
    }

    private static Map<String, String> restrict(Map<String, String> map, String prefix) {
        Map<String, String> own = new TreeMap<>();
        map.forEach((key, value) -> {
            if (key.startsWith(prefix)) {
                own.put(key, value);
            }
        });
        return own;
    }

    private static String describe(Map<String, byte[]> actual, String prefix) {
        Map<String, String> shown = new TreeMap<>();
        actual.forEach((key, value) -> {
            if (key.startsWith(prefix)) {
                shown.put(key, value.length > 100 ? "<" + value.length + " bytes>"
                        : new String(value, StandardCharsets.UTF_8));
            }
        });
        return shown.toString();
    }

    /**
     * Checks the listed versions against the ledger (see the class comment), loading each one;
     * returns whether any was loaded, which replaced the working data.
     */
    private static boolean verifyVersions(Store store, VersionLedger ledger, boolean saving, String round) {
        Versioned versioned = (Versioned) store;
        long[] listed = versioned.listVersions();
        long newest = listed.length == 0 ? 0 : listed[listed.length - 1];
        long inFlight = saving ? ledger.highest + 1 : -1;
        assertTrue(newest == ledger.highest || newest == inFlight, round + ": the newest version listed is " + newest
                + ", but the newest acknowledged is " + ledger.highest + (saving ? " (and " + inFlight
                + " was being saved)" : "") + "; listed: " + Arrays.toString(listed));
        for (long version : listed) {
            assertTrue(ledger.known.containsKey(version) || version == inFlight, round + ": version " + version
                    + " is listed but was never acknowledged, or was pruned before; listed: " + Arrays.toString(listed)
                    + ", known: " + ledger.known.keySet());
        }
        for (long version : ledger.known.keySet()) {
            if (version > newest - CrashChild.MAX_VERSIONS) {
                assertTrue(Arrays.stream(listed).anyMatch(v -> v == version), round + ": acknowledged version "
                        + version + " is missing from " + Arrays.toString(listed));
            }
        }
        for (long version : listed) {
            versioned.loadVersion(version);
            String hash = HexFormat.of().formatHex(ContentHashReference.hashOf(store));
            if (version == inFlight) {
                // Saved after all, though never acknowledged: from now on it must stay like any other.
                ledger.known.put(version, hash);
                ledger.savesInFlight++;
            } else {
                assertEquals(ledger.known.get(version), hash, round + ": the content loaded from version " + version
                        + " has another hash than the one acknowledged");
            }
            ledger.loadsChecked++;
        }
        ledger.highest = Math.max(ledger.highest, newest);
        ledger.known.headMap(newest - CrashChild.MAX_VERSIONS, true).clear();
        return listed.length > 0;
    }

    /** Puts the working data back to {@code content} after versions were loaded over it. */
    private static void restore(Store store, Map<String, byte[]> content) {
        Map<String, byte[]> present = new TreeMap<>();
        store.iterate((key, value) -> {
            present.put(new String(key, StandardCharsets.UTF_8), value);
            return true;
        });
        present.keySet().stream().filter(key -> !content.containsKey(key))
                .forEach(key -> store.delete(key.getBytes(StandardCharsets.UTF_8)));
        content.entrySet().stream().filter(e -> !Arrays.equals(e.getValue(), present.get(e.getKey())))
                .forEach(e -> store.set(e.getKey().getBytes(StandardCharsets.UTF_8), e.getValue()));
    }
}
