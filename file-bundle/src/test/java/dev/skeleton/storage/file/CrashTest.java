package dev.skeleton.storage.file;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.skeleton.storage.Store;
import dev.skeleton.storage.Versioned;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
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

    /** What one child process printed. */
    private static final class Transcript {
        final Map<Integer, Operation> inFlight = new HashMap<>();
        final List<Long> savedVersions = new ArrayList<>();
        int acknowledged;

        void read(List<String> lines, Map<String, String> expected) {
            for (String line : lines) {
                String[] parts = line.split(" ");
                switch (parts[0]) {
                    case "BEGIN" -> inFlight.put(Integer.parseInt(parts[1]), operation(parts));
                    case "ACK" -> acknowledge(parts, expected);
                    case "CONFLICT" -> inFlight.remove(Integer.parseInt(parts[1]));
                    default -> { }
                }
            }
        }

        private void acknowledge(String[] parts, Map<String, String> expected) {
            Operation done = inFlight.remove(Integer.parseInt(parts[1]));
            acknowledged++;
            if (done.kind().equals("SAVE")) {
                savedVersions.add(Long.parseLong(parts[3]));
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
        long lastVersion = 0;
        long deadline = System.currentTimeMillis() + BUDGET_MILLIS;
        int rounds = 0;
        int acknowledged = 0;
        while (rounds < MAX_ROUNDS && System.currentTimeMillis() < deadline) {
            Transcript transcript = runAndKill(store, seed + rounds, rounds, 50 + random.nextInt(1200));
            transcript.read(transcriptLines, expected);
            acknowledged += transcript.acknowledged;
            String tail = String.join("\n", transcriptLines.subList(Math.max(0, transcriptLines.size() - 12),
                    transcriptLines.size()));
            expected = verifyAfterCrash(store, expected, transcript, "round " + rounds + " (seed " + seed
                    + "), transcript ending\n" + tail + "\n");
            lastVersion = Math.max(lastVersion, transcript.savedVersions.stream().mapToLong(v -> v).max().orElse(0));
            rounds++;
        }
        System.out.printf("crash test: %d kills, %d acknowledged operations, %d versions saved%n", rounds,
                acknowledged, lastVersion);
        assertTrue(rounds >= 5, "only " + rounds + " rounds ran");
        assertTrue(acknowledged > rounds, "the child acknowledged almost nothing: " + acknowledged);
    }

    private List<String> transcriptLines;

    /** Runs the child until {@code millis} after it is ready, kills it, and keeps what it printed. */
    private Transcript runAndKill(Path store, long seed, int round, long millis) throws Exception {
        Path transcript = directory.resolve("transcript-" + round);
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx128m", "-cp", System.getProperty("java.class.path"), CrashChild.class.getName(),
                store.toString(), Long.toString(seed), Integer.toString(round), transcript.toString())
                .redirectErrorStream(true).redirectOutput(directory.resolve("output-" + round).toFile()).start();
        long until = System.currentTimeMillis() + 20_000;
        while (!isReady(transcript) && child.isAlive() && System.currentTimeMillis() < until) {
            Thread.sleep(20);
        }
        if (!child.isAlive() || !isReady(transcript)) {
            child.destroyForcibly();
            fail("the child did not start writing: " + Files.readString(directory.resolve("output-" + round)));
        }
        Thread.sleep(millis);
        child.destroyForcibly();
        assertTrue(child.waitFor(20, TimeUnit.SECONDS), "the child did not die");
        transcriptLines = Files.readAllLines(transcript);
        return new Transcript();
    }

    private static boolean isReady(Path transcript) throws IOException {
        return Files.exists(transcript) && Files.readString(transcript).startsWith("READY");
    }

    /** Reopens the store and checks it; returns its content as the expectation of the next round. */
    private static Map<String, String> verifyAfterCrash(Path path, Map<String, String> expected,
            Transcript transcript, String round) {
        try (Store store = new FileEngine(CrashChild.TUNING).open(CrashChild.STORE, path.toString())) {
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
            verifyVersions((Versioned) store, transcript.savedVersions, round);
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

    /** Every acknowledged version that retention (max_versions 5) keeps is listed. */
    private static void verifyVersions(Versioned store, List<Long> saved, String round) {
        long[] listed = store.listVersions();
        long newest = listed.length == 0 ? 0 : listed[listed.length - 1];
        for (long version : saved) {
            if (version > newest - 5) {
                assertTrue(Arrays.stream(listed).anyMatch(v -> v == version),
                        round + ": acknowledged version " + version + " is missing from " + Arrays.toString(listed));
            }
        }
    }
}
