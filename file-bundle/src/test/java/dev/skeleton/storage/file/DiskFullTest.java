package dev.skeleton.storage.file;

import static dev.skeleton.storage.file.TestStores.content;
import static dev.skeleton.storage.file.TestStores.utf8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.skeleton.storage.Config;
import dev.skeleton.storage.ErrorCode;
import dev.skeleton.storage.StorageException;
import dev.skeleton.storage.Store;
import dev.skeleton.storage.Transaction;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A store whose disk fills up ({@code ENOSPC}) keeps every acknowledged write and works again once
 * space returns. The disk is a small tmpfs mounted for each test (which needs root; elsewhere the
 * tests are skipped), filled with a filler file until about a mebibyte is left, and freed again by
 * deleting the filler.
 *
 * <h2>What the engine does, as asserted here</h2>
 * <ul>
 *   <li>Every failure is {@link ErrorCode#IO} with a one-line message naming the store; no write
 *       that returned is ever lost, in the open store, after a reopen, or after a close made while
 *       the disk was still full.</li>
 *   <li>{@code sync=always}: the first log write the disk refuses breaks the log (the group commit
 *       cannot know which buffered frames reached the file), so from then on every write of the
 *       open store fails fast with {@code IO} saying to close and reopen it, <em>also after space
 *       returns</em>; reads keep answering from memory, and an explicit checkpoint succeeds once
 *       there is space (it makes the in-memory state durable). After close and reopen, writes work
 *       again. A write that failed may still have been applied (its record was appended before the
 *       force failed), but only whole: a failed transaction's keys are all there or none.</li>
 *   <li>{@code sync=never}: an append the disk refuses is cut off again and fails alone, and the
 *       write is not applied; background checkpoints fail and are logged. If a failed checkpoint
 *       could not start its new log segment, the log is broken as above and writes fail until the
 *       store is reopened; otherwise writes work again on the open store as soon as space returns.
 *       Either way a checkpoint succeeds after space returns, and close and reopen keep every write
 *       that returned.</li>
 *   <li>A store closed while the disk is full (its checkpoint at close fails, which is logged)
 *       opens again on the still full disk, with the torn tail of its log cut off, and answers
 *       reads; once space returns it works as before. Closed stores hold no file open, so deleted
 *       files give their space back.</li>
 * </ul>
 *
 * <p>Two tests guard defects this test found: a writer held back by a background checkpoint that
 * failed to start its log segment must not wait for ever, and a checkpoint that cannot write a new
 * page file's header must leave no file open.
 */
class DiskFullTest {

    private static final String NAME = "diskfull";
    private static final String DISK_SIZE = "16m";
    /** What the filler leaves free: room for a few hundred writes, not for a 2 MiB value. */
    private static final long LEFT_FREE = 1 << 20;
    /** A writer stops after this many failures (or at the deadline). */
    private static final int FAILURES_TO_STOP = 20;
    private static final long WRITE_PHASE_MILLIS = 8_000;

    /** Small sizes for sync=never: checkpoints every 64 KiB of log, compactions past 256 KiB of pages. */
    private static final Tuning FREQUENT_CHECKPOINTS = new Tuning(1 << 20, 64 * 1024, 3, 256 * 1024, true);

    @TempDir
    Path temp;

    private Path disk;
    private boolean mounted;
    private final List<Store> stores = new ArrayList<>();
    private final TestStores.LogCapture log = new TestStores.LogCapture();

    @BeforeEach
    void mountSmallDisk() throws Exception {
        disk = Files.createDirectory(temp.resolve("disk"));
        int exit;
        try {
            exit = run("mount", "-t", "tmpfs", "-o", "size=" + DISK_SIZE, "tmpfs", disk.toString());
        } catch (IOException e) {
            exit = -1;
        }
        mounted = exit == 0;
        Assumptions.assumeTrue(mounted, "cannot mount a tmpfs here (needs root): exit " + exit);
    }

    @AfterEach
    void unmount() throws Exception {
        log.close();
        for (Store store : stores) {
            try {
                store.close();
            } catch (StorageException e) {
                // A close that cannot force is reported by the test that made it; the disk must still go.
            }
        }
        if (mounted && run("umount", disk.toString()) != 0) {
            // Something still holds a file open; detach it so that the temporary directory goes.
            run("umount", "-l", disk.toString());
        }
    }

    private static int run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return -1;
        }
        return process.exitValue();
    }

    // ---- sync=always ----

    @Test
    void syncAlwaysKeepsEveryAcknowledgedWriteAndWritesAgainAfterReopen() throws Exception {
        Path path = disk.resolve("s");
        FileStore store = track(new FileEngine().create(NAME, path.toString(), Config.of("sync", "always")));
        Path filler = fill();
        Outcomes outcomes = new Outcomes();

        writeUntilFull(store, outcomes);
        tryEachKindOfWrite(store, outcomes, "while-full");
        outcomes.assertClean();
        assertHasEveryAcknowledgedWrite(store, outcomes);

        Files.delete(filler);
        assertWritesRefusedUntilReopen(store, outcomes);
        assertNothingHalfApplied(store, outcomes);
        store.checkpoint();
        store.close();

        FileStore reopened = reopenHoldingEveryAcknowledgedWrite(path, outcomes);
        assertEveryKindOfWriteSucceeds(reopened, outcomes, "after-reopen");
        reopened.checkpoint();
        reopened.close();

        reopenHoldingEveryAcknowledgedWrite(path, outcomes).close();
        assertNoFileHeldOpen();
    }

    @Test
    void syncAlwaysClosedWhileFullKeepsEveryAcknowledgedWrite() throws Exception {
        Path path = disk.resolve("s");
        FileStore store = track(new FileEngine().create(NAME, path.toString(), Config.of("sync", "always")));
        Path filler = fill();
        Outcomes outcomes = new Outcomes();

        writeUntilFull(store, outcomes);
        outcomes.assertClean();
        // The checkpoint at close fails for want of space: logged, and the log holds everything.
        store.close();
        assertTrue(log.warnings().stream().anyMatch(w -> w.contains("checkpoint at close failed")),
                log.warnings()::toString);

        // Opening needs no space: the torn tail of the log is cut off, and every write that returned is there.
        FileStore whileFull = reopenHoldingEveryAcknowledgedWrite(path, outcomes);
        tryEachKindOfWrite(whileFull, outcomes, "reopened-full");
        outcomes.assertClean();
        whileFull.close();
        Files.delete(filler);

        FileStore reopened = reopenHoldingEveryAcknowledgedWrite(path, outcomes);
        assertEveryKindOfWriteSucceeds(reopened, outcomes, "space-back");
        reopened.close();
        reopenHoldingEveryAcknowledgedWrite(path, outcomes).close();
        assertNoFileHeldOpen();
    }

    /**
     * Four writers, until each has seen {@value #FAILURES_TO_STOP} failures: three set keys of 1 KiB
     * values, one commits transactions of three such keys and saves a version now and then.
     */
    private void writeUntilFull(FileStore store, Outcomes outcomes) throws InterruptedException {
        runWriters(4, outcomes, writer -> {
            long deadline = System.currentTimeMillis() + WRITE_PHASE_MILLIS;
            int failures = 0;
            for (int i = 0; failures < FAILURES_TO_STOP && System.currentTimeMillis() < deadline; i++) {
                boolean ok;
                if (writer > 0) {
                    ok = outcomes.set(store, "w" + writer + "-" + i);
                } else {
                    ok = outcomes.commit(store, "tx" + i);
                    if (i % 25 == 0) {
                        ok &= outcomes.saveVersion(store);
                    }
                }
                failures += ok ? 0 : 1;
            }
        });
        assertFalse(outcomes.failedKeys.isEmpty(), "the disk never filled up");
        assertFalse(outcomes.acknowledged.isEmpty(), "nothing was written before the disk filled up");
    }

    /** A 1 KiB set, a 2 MiB set (a value file), a transaction and a version save. */
    private static void tryEachKindOfWrite(FileStore store, Outcomes outcomes, String prefix) {
        outcomes.set(store, prefix + "-small");
        outcomes.setLarge(store, prefix + "-large");
        outcomes.commit(store, prefix + "-tx");
        outcomes.saveVersion(store);
    }

    /** Every kind of write on a store with space again, each of which must succeed. */
    private static void assertEveryKindOfWriteSucceeds(FileStore store, Outcomes outcomes, String prefix) {
        tryEachKindOfWrite(store, outcomes, prefix);
        outcomes.assertClean();
        assertTrue(outcomes.failedKeys.stream().noneMatch(k -> k.startsWith(prefix)), outcomes.failures::toString);
    }

    /** Opens the store again and checks it holds every acknowledged write and no half-applied one. */
    private FileStore reopenHoldingEveryAcknowledgedWrite(Path path, Outcomes outcomes) {
        FileStore store = reopen(path);
        assertHasEveryAcknowledgedWrite(store, outcomes);
        assertNothingHalfApplied(store, outcomes);
        return store;
    }

    /** The log broke when the disk filled up: the open store refuses writes, but reads and checkpoints work. */
    private static void assertWritesRefusedUntilReopen(FileStore store, Outcomes outcomes) {
        Outcomes after = new Outcomes();
        tryEachKindOfWrite(store, after, "space-back");
        after.assertClean();
        assertTrue(after.acknowledged.isEmpty() && after.versions.isEmpty(), "writes of a broken log succeeded");
        assertEquals(4, after.failures.size(), after.failures::toString);
        for (String message : after.failures) {
            assertTrue(message.contains("reopen"), message);
        }
        assertHasEveryAcknowledgedWrite(store, outcomes);
    }

    // ---- sync=never ----

    @Test
    void syncNeverSurvivesFailedCheckpointsAndKeepsWhatReturned() throws Exception {
        Path path = disk.resolve("s");
        FileStore store = track(new FileEngine(FREQUENT_CHECKPOINTS).create(NAME, path.toString(),
                Config.of("sync", "never", "cache_size", 1 << 20, "max_versions", 3)));
        Overwrites overwrites = new Overwrites(2, 1_000);
        overwrites.load(store);
        store.checkpoint();
        Path filler = fill();

        overwrites.writeUntilFull(store);
        overwrites.outcomes.assertClean();
        assertFalse(overwrites.outcomes.failures.isEmpty(), "the disk never filled up");
        List<String> checkpointFailures = checkpointFailuresOnFullDisk(store);
        overwrites.assertContent(store);

        Files.delete(filler);
        store.checkpoint();
        overwrites.assertContent(store);
        assertWritesWorkUnlessTheLogBroke(store, overwrites, checkpointFailures);
        store.close();

        FileStore reopened = reopen(path);
        overwrites.assertContent(reopened);
        reopened.set(overwrites.key(0, 0), overwrites.value(0, 0, 999));
        overwrites.acknowledge(0, 0, 999);
        reopened.checkpoint();
        reopened.close();
        FileStore again = reopen(path);
        overwrites.assertContent(again);
        again.close();
        assertNoFileHeldOpen();
    }

    @Test
    void syncNeverCheckpointThatCannotStartItsLogSegmentBreaksTheLogUntilReopen() throws Exception {
        Path path = disk.resolve("s");
        FileStore store = track(new FileEngine(FREQUENT_CHECKPOINTS).create(NAME, path.toString(),
                Config.of("sync", "never", "cache_size", 1 << 20)));
        Overwrites overwrites = new Overwrites(1, 500);
        overwrites.load(store);
        Path filler = fillCompletely();

        // A new segment needs a page of its own, which a full tmpfs has not.
        StorageException roll = TestStores.assertCode(ErrorCode.IO, store::checkpoint);
        assertTrue(roll.getMessage().contains("starting log segment"), roll.getMessage());
        overwrites.assertContent(store);
        Files.delete(filler);

        Outcomes after = new Outcomes();
        assertFalse(after.attempt("set", () -> store.set(overwrites.key(0, 1), overwrites.value(0, 1, 1))));
        after.assertClean();
        assertTrue(after.failures.peek().contains("reopen"), after.failures::toString);
        store.checkpoint();
        overwrites.assertContent(store);
        store.close();

        FileStore reopened = reopen(path);
        overwrites.assertContent(reopened);
        reopened.set(overwrites.key(0, 1), overwrites.value(0, 1, 1));
        overwrites.acknowledge(0, 1, 1);
        reopened.close();
        FileStore again = reopen(path);
        overwrites.assertContent(again);
        again.close();
        assertNoFileHeldOpen();
    }

    /**
     * What made the checkpoints fail on the full disk. The writers' log appends may fill the disk
     * before a background checkpoint is due (a failed append leaves the log as it was, so none
     * becomes due after it either); then a checkpoint made here must fail, with {@code IO}.
     */
    private List<String> checkpointFailuresOnFullDisk(FileStore store) {
        List<String> failures = log.warnings().stream().filter(w -> w.contains("checkpoint failed")).toList();
        if (!failures.isEmpty()) {
            return failures;
        }
        return List.of(TestStores.assertCode(ErrorCode.IO, store::checkpoint).getMessage());
    }

    /**
     * After space returns, a set works on the open store exactly when no failed checkpoint broke the
     * log by failing to start its log segment; when one did, the set fails saying to reopen.
     */
    private void assertWritesWorkUnlessTheLogBroke(FileStore store, Overwrites overwrites,
            List<String> checkpointFailures) {
        List<String> reasons = new ArrayList<>(checkpointFailures);
        reasons.addAll(log.warnings());
        boolean broken = reasons.stream().anyMatch(w -> w.contains("starting log segment"));
        try {
            store.set(overwrites.key(1, 0), overwrites.value(1, 0, 998));
            assertFalse(broken, "a set succeeded on a broken log");
            overwrites.acknowledge(1, 0, 998);
        } catch (StorageException e) {
            assertEquals(ErrorCode.IO, e.code(), e::getMessage);
            assertTrue(broken && e.getMessage().contains("reopen"), e.getMessage() + "; " + reasons);
        }
        overwrites.assertContent(store);
    }

    /**
     * A background checkpoint that cannot start its log segment must not hold writers back for
     * good. Here one set copies a stored leaf heavy enough (43 entries of 16 KiB) to pass both
     * bounds on unwritten pages at once: a quarter of {@code cache_size} starts a background
     * checkpoint, half of it makes the next writer wait for that checkpoint to end. The disk is
     * full, so the checkpoint fails while starting its log segment; the next set must then return
     * or fail with {@code IO}, not wait.
     */
    @Test
    void aWriteIsNotHeldForeverByABackgroundCheckpointThatCouldNotStartItsLogSegment() throws Exception {
        Path path = disk.resolve("s");
        Store created = track(new FileEngine().create(NAME, path.toString(),
                Config.of("sync", "never", "cache_size", 1 << 20)));
        for (int k = 0; k < 100; k++) {
            created.set(heavyKey(k), new byte[16 * 1024]);
        }
        created.close();
        FileStore store = reopen(path);
        Path filler = fillCompletely();

        Outcomes outcomes = new Outcomes();
        Thread writer = new Thread(() -> {
            outcomes.attempt("first set", () -> store.set(heavyKey(0), utf8("small")));
            outcomes.attempt("second set", () -> store.set(heavyKey(50), utf8("small")));
        }, "disk-full-held-writer");
        writer.setDaemon(true);
        writer.start();
        writer.join(5_000);
        boolean held = writer.isAlive();
        // The background checkpoint that the writes queued must meet the full disk before space
        // returns: the writer need not have waited for it (its changed pages may stay under
        // cache_size), and on a busy machine it may not have run yet.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!segmentStartFailed() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        // Space back, so that the checkpoint at close succeeds and releases a held writer.
        Files.delete(filler);
        store.close();
        writer.join(5_000);
        assertTrue(segmentStartFailed(), log.warnings()::toString);
        assertFalse(held, "the second set still waited 5 s after the checkpoint it waited for had failed");
        outcomes.assertClean();
    }

    private boolean segmentStartFailed() {
        return log.warnings().stream().anyMatch(w -> w.contains("starting log segment"));
    }

    /**
     * A checkpoint that cannot start its new page file fails with {@code IO} and leaves no file
     * open. Every checkpoint starts a new page file here (page files of one byte), and the disk is
     * left one page: the new log segment takes it, so the page file's header finds none.
     */
    @Test
    void aCheckpointThatCannotStartItsPageFileLeavesNoFileOpen() throws Exception {
        Path path = disk.resolve("s");
        FileStore store = track(new FileEngine(new Tuning(1 << 20, 16L << 20, 3, 1, true)).create(NAME,
                path.toString(), Config.of("sync", "never")));
        for (int k = 0; k < 200; k++) {
            store.set(heavyKey(k), utf8("first " + k));
        }
        store.checkpoint();
        for (int k = 0; k < 200; k += 10) {
            store.set(heavyKey(k), utf8("second " + k));
        }
        Path filler = fillCompletely();
        try (FileChannel channel = FileChannel.open(filler, StandardOpenOption.WRITE)) {
            channel.truncate(channel.size() - 4096);
        }

        Exception failure = assertThrows(Exception.class, store::checkpoint);
        assertTrue(failure instanceof IOException
                || failure instanceof StorageException e && e.code() == ErrorCode.IO, failure::toString);
        Files.delete(filler);
        store.close();
        assertNoFileHeldOpen();
    }

    private static byte[] heavyKey(int k) {
        return utf8(String.format("heavy-%05d", k));
    }

    /** Writers that overwrite keys of their own, each remembering the last value that returned. */
    private static final class Overwrites {
        final Outcomes outcomes = new Outcomes();
        final int writers;
        final int keysEach;
        /** Per key, the round of the last set that returned. */
        final Map<String, Integer> rounds = new ConcurrentHashMap<>();

        Overwrites(int writers, int keysEach) {
            this.writers = writers;
            this.keysEach = keysEach;
        }

        byte[] key(int writer, int k) {
            return utf8(String.format("n%d-%05d", writer, k));
        }

        byte[] value(int writer, int k, int round) {
            String text = "value of key " + k + " of writer " + writer + " in round " + round + " ";
            return utf8(text.repeat(300 / text.length() + 1));
        }

        void acknowledge(int writer, int k, int round) {
            rounds.put(new String(key(writer, k), StandardCharsets.UTF_8), round);
        }

        void load(FileStore store) {
            for (int w = 0; w < writers; w++) {
                for (int k = 0; k < keysEach; k++) {
                    store.set(key(w, k), value(w, k, 0));
                    acknowledge(w, k, 0);
                }
            }
        }

        /** Rounds of overwrites until each writer has seen failures; each checks its reads as it goes. */
        void writeUntilFull(FileStore store) throws InterruptedException {
            runWriters(writers, outcomes, w -> {
                long deadline = System.currentTimeMillis() + WRITE_PHASE_MILLIS;
                int failures = 0;
                for (int i = 0; failures < FAILURES_TO_STOP && System.currentTimeMillis() < deadline; i++) {
                    int k = (int) ((i * 7919L) % keysEach);
                    int round = 1 + i / keysEach;
                    if (!outcomes.attempt("set " + k, () -> store.set(key(w, k), value(w, k, round)))) {
                        failures++;
                        continue;
                    }
                    acknowledge(w, k, round);
                    int other = (k * 31 + 17) % keysEach;
                    String otherKey = new String(key(w, other), StandardCharsets.UTF_8);
                    outcomes.checkRead(store, key(w, k), value(w, k, round));
                    outcomes.checkRead(store, key(w, other), value(w, other, rounds.get(otherKey)));
                }
            });
        }

        void assertContent(FileStore store) {
            Map<String, String> actual = content(store);
            assertEquals(rounds.size(), actual.size(), "entries");
            for (int w = 0; w < writers; w++) {
                for (int k = 0; k < keysEach; k++) {
                    String key = new String(key(w, k), StandardCharsets.UTF_8);
                    String expected = new String(value(w, k, rounds.get(key)), StandardCharsets.UTF_8);
                    assertEquals(expected, actual.get(key), key);
                    assertArrayEquals(utf8(expected), store.get(key(w, k)), key);
                }
            }
        }
    }

    // ---- helpers ----

    /** Runs writers on threads of their own and waits for them, failing if one does not end. */
    private static void runWriters(int count, Outcomes outcomes, IntConsumer writer) throws InterruptedException {
        List<Thread> threads = new ArrayList<>();
        for (int w = 0; w < count; w++) {
            int id = w;
            Thread thread = new Thread(() -> {
                try {
                    writer.accept(id);
                } catch (Throwable e) {
                    outcomes.problems.add("writer " + id + " died: " + e);
                }
            }, "disk-full-writer-" + w);
            thread.setDaemon(true);
            thread.start();
            threads.add(thread);
        }
        for (Thread thread : threads) {
            thread.join(WRITE_PHASE_MILLIS + 10_000);
            if (thread.isAlive()) {
                fail(thread.getName() + " still runs long after its deadline: a write hangs");
            }
        }
    }

    /** Fills the disk with zeros until about {@link #LEFT_FREE} bytes are left. */
    private Path fill() throws IOException {
        Path filler = disk.resolve("filler");
        ByteBuffer zeros = ByteBuffer.allocate(64 * 1024);
        try (FileChannel channel = FileChannel.open(filler, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            while (disk.toFile().getUsableSpace() > LEFT_FREE + zeros.capacity()) {
                zeros.clear();
                StoreFiles.writeFully(channel, zeros);
            }
        }
        return filler;
    }

    /** Fills the disk with zeros until it takes no more. */
    private Path fillCompletely() throws IOException {
        Path filler = disk.resolve("filler");
        ByteBuffer zeros = ByteBuffer.allocate(4096);
        try (FileChannel channel = FileChannel.open(filler, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            while (true) {
                zeros.clear();
                StoreFiles.writeFully(channel, zeros);
            }
        } catch (IOException e) {
            assertTrue(disk.toFile().getUsableSpace() < 4096, "the disk is not full: " + e);
        }
        return filler;
    }

    /**
     * No file of the disk is still open once its stores are closed: a file held open keeps its
     * space after it is deleted, so space would not return (Linux's view of the open descriptors).
     */
    private void assertNoFileHeldOpen() throws IOException {
        Path descriptors = Path.of("/proc/self/fd");
        if (!Files.isDirectory(descriptors)) {
            return;
        }
        List<String> held = new ArrayList<>();
        try (var entries = Files.list(descriptors)) {
            for (Path entry : entries.toList()) {
                try {
                    String target = Files.readSymbolicLink(entry).toString();
                    if (target.startsWith(disk.toString())) {
                        held.add(target);
                    }
                } catch (IOException e) {
                    // Closed while listing (the directory stream's own descriptor): not ours.
                }
            }
        }
        assertEquals(List.of(), held, "files held open after close");
    }

    private FileStore reopen(Path path) {
        return track(new FileEngine().open(NAME, path.toString()));
    }

    private FileStore track(Store store) {
        stores.add(store);
        return (FileStore) store;
    }

    private static byte[] value(String key) {
        return utf8((key + " ").repeat(1000 / (key.length() + 1) + 1));
    }

    private static byte[] largeValue(String key) {
        byte[] value = new byte[2 << 20];
        byte[] seed = utf8(key);
        for (int i = 0; i < value.length; i++) {
            value[i] = (byte) (seed[i % seed.length] + i / 4096);
        }
        return value;
    }

    private static byte[] expectedValue(String key) {
        return key.endsWith("-large") ? largeValue(key) : value(key);
    }

    private static void assertHasEveryAcknowledgedWrite(FileStore store, Outcomes outcomes) {
        for (String key : outcomes.acknowledged) {
            assertArrayEquals(expectedValue(key), store.get(utf8(key)), key);
        }
        List<Long> kept = new ArrayList<>();
        for (long version : store.listVersions()) {
            kept.add(version);
        }
        assertTrue(kept.containsAll(outcomes.versions), "saved versions " + outcomes.versions + ", kept " + kept);
    }

    /** Every entry is one that was written, with its value; a failed transaction is there wholly or not at all. */
    private static void assertNothingHalfApplied(FileStore store, Outcomes outcomes) {
        Map<String, String> content = content(store);
        for (Map.Entry<String, String> entry : content.entrySet()) {
            assertTrue(outcomes.isKnown(entry.getKey()), "an entry nobody wrote: " + entry.getKey());
            if (!entry.getKey().endsWith("-large")) {
                assertEquals(new String(value(entry.getKey()), StandardCharsets.UTF_8), entry.getValue(), entry.getKey());
            }
        }
        for (String tx : outcomes.failedTransactions) {
            long present = Outcomes.transactionKeys(tx).stream().filter(content::containsKey).count();
            assertTrue(present == 0 || present == 3, "failed transaction " + tx + " half applied: " + present + " of 3");
        }
    }

    /**
     * What the writers saw: what was acknowledged, what failed (with IO, as it must), and anything
     * else, which is a problem. Thread-safe.
     */
    private static final class Outcomes {
        final Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        final Set<String> failedKeys = ConcurrentHashMap.newKeySet();
        final Set<String> failedTransactions = ConcurrentHashMap.newKeySet();
        final Set<Long> versions = ConcurrentHashMap.newKeySet();
        final Queue<String> failures = new ConcurrentLinkedQueue<>();
        final Queue<String> problems = new ConcurrentLinkedQueue<>();

        static List<String> transactionKeys(String tx) {
            return List.of(tx + "-a", tx + "-b", tx + "-c");
        }

        boolean isKnown(String key) {
            return acknowledged.contains(key) || failedKeys.contains(key);
        }

        boolean set(Store store, String key) {
            return record(List.of(key), null, attempt("set " + key, () -> store.set(utf8(key), value(key))));
        }

        boolean setLarge(Store store, String key) {
            return record(List.of(key), null, attempt("set " + key, () -> store.set(utf8(key), largeValue(key))));
        }

        boolean commit(FileStore store, String tx) {
            List<String> keys = transactionKeys(tx);
            return record(keys, tx, attempt("commit " + tx, () -> {
                try (Transaction transaction = store.beginTx()) {
                    for (String key : keys) {
                        transaction.set(utf8(key), value(key));
                    }
                    transaction.commit();
                }
            }));
        }

        boolean saveVersion(FileStore store) {
            long[] saved = new long[1];
            boolean ok = attempt("saveVersion", () -> saved[0] = store.saveVersion().version());
            if (ok) {
                versions.add(saved[0]);
            }
            return ok;
        }

        private boolean record(List<String> keys, String tx, boolean ok) {
            (ok ? acknowledged : failedKeys).addAll(keys);
            if (!ok && tx != null) {
                failedTransactions.add(tx);
            }
            return ok;
        }

        /** Runs a write; true if it returned, false if it failed as a full disk may make it fail. */
        boolean attempt(String what, Runnable write) {
            try {
                write.run();
                return true;
            } catch (StorageException e) {
                String message = e.getMessage();
                if (e.code() != ErrorCode.IO) {
                    problems.add(what + " failed with " + e.code() + ": " + message);
                } else if (message == null || message.contains("\n") || !message.contains("store " + NAME)) {
                    problems.add(what + " failed with an unclear message: " + message);
                }
                failures.add(message);
                return false;
            } catch (RuntimeException e) {
                problems.add(what + " failed with " + e);
                return false;
            }
        }

        void checkRead(Store store, byte[] key, byte[] expected) {
            try {
                if (!java.util.Arrays.equals(expected, store.get(key))) {
                    problems.add("read of " + new String(key, StandardCharsets.UTF_8) + " returned another value");
                }
            } catch (RuntimeException e) {
                problems.add("read of " + new String(key, StandardCharsets.UTF_8) + " failed: " + e);
            }
        }

        void assertClean() {
            assertTrue(problems.isEmpty(), () -> problems.size() + " problems, first: " + problems.peek());
        }
    }
}
