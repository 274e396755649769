package dev.skeleton.storage.file;

import static dev.skeleton.storage.file.TestStores.assertCode;
import static dev.skeleton.storage.file.TestStores.content;
import static dev.skeleton.storage.file.TestStores.utf8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skeleton.storage.Config;
import dev.skeleton.storage.ErrorCode;
import dev.skeleton.storage.StorageException;
import dev.skeleton.storage.Store;
import dev.skeleton.storage.Versioned;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.api.io.TempDir;

/**
 * Damaged files: torn tails, flipped bits, garbage, damaged or missing checkpoints, version files
 * and value files. The store opens with the longest sane prefix of its history and reports what
 * it dropped, or fails with {@code CORRUPTED} naming the file; it never opens with a wrong value.
 */
class CorruptionTest {

    @TempDir
    Path directory;

    private final TestStores.LogCapture log = new TestStores.LogCapture();

    @AfterEach
    void stopCapture() {
        log.close();
    }

    private Path dir() {
        return directory.resolve("s");
    }

    private Store create() {
        return new FileEngine(TestStores.SMALL).create("s", dir().toString(), Config.of("sync", "never"));
    }

    private Store open() {
        return new FileEngine(TestStores.SMALL).open("s", dir().toString());
    }

    /** Writes k0..k(n-1) one record each and closes; returns the content. */
    private Map<String, String> writeRecords(int n) {
        Map<String, String> content = new TreeMap<>();
        try (Store store = create()) {
            for (int i = 0; i < n; i++) {
                store.set(utf8("k" + i), utf8("v" + i));
                content.put("k" + i, "v" + i);
            }
        }
        return content;
    }

    private Path lastSegment() throws IOException {
        StoreFiles files = new StoreFiles(dir());
        return files.numbered(StoreFiles.LOG, files.numbers(StoreFiles.LOG).last());
    }

    private static void flipBit(Path file, long offset) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer one = ByteBuffer.allocate(1);
            channel.read(one, offset);
            one.put(0, (byte) (one.get(0) ^ 0x10));
            channel.write(one.flip(), offset);
        }
    }

    private static void truncate(Path file, long size) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.truncate(size);
        }
    }

    private void assertWarned(String text) {
        List<String> warnings = log.warnings();
        assertTrue(warnings.stream().anyMatch(w -> w.contains(text)), "no warning mentions " + text + ": " + warnings);
    }

    @Test
    void aTornTailIsCutOffAndReported() throws IOException {
        Map<String, String> content = writeRecords(10);
        Path segment = lastSegment();
        long size = Files.size(segment);
        truncate(segment, size - 3);
        content.remove("k9");

        try (Store store = open()) {
            assertEquals(content, content(store));
            store.set(utf8("after"), utf8("repair"));
        }
        assertWarned(segment.getFileName().toString());
        try (Store store = open()) {
            content.put("after", "repair");
            assertEquals(content, content(store), "appending after the cut works");
        }
    }

    @Test
    void garbageAfterTheLastRecordIsDropped() throws IOException {
        Map<String, String> content = writeRecords(5);
        Path segment = lastSegment();
        long size = Files.size(segment);
        Files.write(segment, new byte[] {0, 0, 0, 9, 1, 2, 3, 4, 5, 6, 7}, StandardOpenOption.APPEND);

        try (Store store = open()) {
            assertEquals(content, content(store));
        }
        assertEquals(size, Files.size(segment), "the garbage is cut off");
        assertWarned("offset " + size);
    }

    @Test
    void aFlippedBitKeepsOnlyTheRecordsBeforeIt() throws IOException {
        writeRecords(10);
        Path segment = lastSegment();
        long size = Files.size(segment);
        flipBit(segment, size * 6 / 10);

        try (Store store = open()) {
            Map<String, String> recovered = content(store);
            int kept = recovered.size();
            assertTrue(kept >= 4 && kept <= 6, "a prefix of about six records: " + recovered);
            for (int i = 0; i < kept; i++) {
                assertEquals("v" + i, recovered.get("k" + i), "the prefix, in order");
            }
        }
        assertWarned("checksum mismatch");
    }

    @Test
    void aDamagedSegmentHeaderDropsTheSegment() throws IOException {
        writeRecords(3);
        flipBit(lastSegment(), 12);

        try (Store store = open()) {
            assertTrue(content(store).isEmpty());
            store.set(utf8("k"), utf8("v"));
        }
        try (Store store = open()) {
            assertEquals(Map.of("k", "v"), content(store));
        }
        assertWarned("damaged at offset 0");
    }

    /** Makes a store with two checkpoints in its history and a log tail after each; returns its content. */
    private Map<String, String> storeWithTwoCheckpoints() throws IOException {
        return storeWithTwoCheckpoints(null);
    }

    /**
     * As {@link #storeWithTwoCheckpoints()}, and if {@code aside} is given, copies every checkpoint
     * and log segment there just before each checkpoint: the files a crash in the middle of deleting
     * what a checkpoint supersedes may leave behind ({@code log-1}, {@code checkpoint-2},
     * {@code log-2}).
     */
    private Map<String, String> storeWithTwoCheckpoints(Path aside) throws IOException {
        Map<String, String> content = new TreeMap<>();
        try (FileStore store = (FileStore) create()) {
            for (int round = 0; round < 3; round++) {
                for (int i = 0; i < 5; i++) {
                    store.set(utf8("r" + round + "k" + i), utf8("v" + i));
                    content.put("r" + round + "k" + i, "v" + i);
                }
                if (round < 2) {
                    copyStoreFiles(aside);
                    store.checkpoint();
                }
            }
        }
        return content;
    }

    private void copyStoreFiles(Path aside) throws IOException {
        if (aside == null) {
            return;
        }
        Files.createDirectories(aside);
        StoreFiles files = new StoreFiles(dir());
        for (String kind : List.of(StoreFiles.CHECKPOINT, StoreFiles.LOG)) {
            for (long number : files.numbers(kind)) {
                Files.copy(files.numbered(kind, number), aside.resolve(kind + number), StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    /** Puts files copied aside back, as a crash before their deletion would have left them. */
    private void restore(Path aside, String... names) throws IOException {
        for (String name : names) {
            Files.copy(aside.resolve(name), dir().resolve(name));
        }
    }

    @Test
    void onlyTheNewestCheckpointAndTheLogAfterItAreKept() throws IOException {
        Map<String, String> content = storeWithTwoCheckpoints();
        StoreFiles files = new StoreFiles(dir());

        assertEquals(Set.of(3L), files.numbers(StoreFiles.CHECKPOINT));
        assertEquals(Set.of(3L), files.numbers(StoreFiles.LOG));
        try (Store store = open()) {
            assertEquals(content, content(store));
        }
    }

    @Test
    void aDamagedCheckpointWithNothingToFallBackOnFailsTheOpenAndIsKept() throws IOException {
        storeWithTwoCheckpoints();
        Path newest = dir().resolve("checkpoint-3");
        flipBit(newest, Files.size(newest) / 2);

        StorageException e = assertCode(ErrorCode.CORRUPTED, this::open);
        assertTrue(e.getMessage().contains("checkpoint-3"), e.getMessage());
        assertTrue(Files.exists(newest), "kept for salvage");
    }

    /**
     * Unlike the first format, an older checkpoint that a crash left behind is no fallback: the pages
     * only it used may be gone. The damaged newest one fails the open and is kept.
     */
    @Test
    void aDamagedCheckpointIsNeverFallenBackFrom() throws IOException {
        Path aside = directory.resolve("aside");
        storeWithTwoCheckpoints(aside);
        restore(aside, "checkpoint-2", "log-2");
        Path newest = dir().resolve("checkpoint-3");
        flipBit(newest, Files.size(newest) / 2);

        StorageException e = assertCode(ErrorCode.CORRUPTED, this::open);
        assertTrue(e.getMessage().contains("checkpoint-3"), e.getMessage());
        assertTrue(Files.exists(newest), "kept for salvage");
    }

    @Test
    void noFallbackSkipsAMissingSegment() throws IOException {
        Path aside = directory.resolve("aside");
        storeWithTwoCheckpoints(aside);
        restore(aside, "checkpoint-2");
        truncate(dir().resolve("checkpoint-3"), 20);

        StorageException e = assertCode(ErrorCode.CORRUPTED, this::open);
        assertTrue(e.getMessage().contains("checkpoint-3"), "log-2 is missing, so checkpoint-2 would lose writes: "
                + e.getMessage());
    }

    @Test
    void filesACrashLeftWhileDeletingAreDeletedAtOpen() throws IOException {
        Path aside = directory.resolve("aside");
        Map<String, String> content = storeWithTwoCheckpoints(aside);
        restore(aside, "log-1", "checkpoint-2", "log-2");

        try (Store store = open()) {
            assertEquals(content, content(store));
        }
        StoreFiles files = new StoreFiles(dir());
        assertEquals(Set.of(3L), files.numbers(StoreFiles.CHECKPOINT));
        assertEquals(Set.of(3L), files.numbers(StoreFiles.LOG));
    }

    @Test
    void aStoreWithoutCheckpointOrLogStartIsCorruptedNamingTheSegment() throws IOException {
        writeRecords(3);
        Files.delete(dir().resolve("log-1"));

        StorageException e = assertCode(ErrorCode.CORRUPTED, this::open);
        assertTrue(e.getMessage().contains("log-1"), e.getMessage());
    }

    @Test
    void whenNothingSaneRemainsOpenIsCorruptedNamingTheFile() throws IOException {
        storeWithTwoCheckpoints();
        try (FileStore store = (FileStore) open()) {
            store.set(utf8("more"), utf8("x"));
            store.checkpoint();
        }
        StoreFiles files = new StoreFiles(dir());
        assertTrue(!files.numbers(StoreFiles.LOG).contains(1L), "the log's start was compacted away");
        for (long checkpoint : files.numbers(StoreFiles.CHECKPOINT)) {
            truncate(files.numbered(StoreFiles.CHECKPOINT, checkpoint), 20);
        }

        StorageException e = assertCode(ErrorCode.CORRUPTED, this::open);
        assertTrue(e.getMessage().contains("checkpoint-"), e.getMessage());
    }

    @Test
    void aMissingSegmentDropsTheSegmentsAfterIt() throws IOException {
        Map<String, String> content = new TreeMap<>();
        try (FileStore store = (FileStore) create()) {
            store.set(utf8("kept"), utf8("1"));
            content.put("kept", "1");
            store.checkpoint();
            store.set(utf8("kept too"), utf8("2"));
            content.put("kept too", "2");
            store.log().roll(store.log().segment() + 1);
            store.set(utf8("lost"), utf8("3"));
            store.log().roll(store.log().segment() + 1);
            store.set(utf8("lost too"), utf8("4"));
        }
        StoreFiles files = new StoreFiles(dir());
        Files.delete(files.numbered(StoreFiles.LOG, files.numbers(StoreFiles.LOG).last() - 1));

        try (Store store = open()) {
            assertEquals(content, content(store));
        }
        assertWarned("dropped log segment");
    }

    /**
     * A store of 2,000 entries written out as pages by one checkpoint, so that every page in its page
     * file is live; returns its content.
     */
    private Map<String, String> pagedStore() throws IOException {
        Map<String, String> content = new TreeMap<>();
        Tuning oneCheckpoint = new Tuning(1024, 1L << 40, 3).withCheckpointAtClose(false);
        try (FileStore store = (FileStore) new FileEngine(oneCheckpoint).create("s", dir().toString(),
                Config.of("sync", "never"))) {
            for (int i = 0; i < 2000; i++) {
                store.set(utf8(String.format("key-%05d", i)), utf8("value-" + i));
                content.put(String.format("key-%05d", i), "value-" + i);
            }
            store.checkpoint();
        }
        return content;
    }

    private Path pageFile() throws IOException {
        StoreFiles files = new StoreFiles(dir());
        return files.numbered(StoreFiles.PAGES, files.numbers(StoreFiles.PAGES).last());
    }

    /**
     * A flipped bit anywhere in a page file: the open, or every read that needs the damaged page,
     * fails with CORRUPTED naming the file and the page's offset; every other read answers right.
     * Never a wrong value.
     */
    @Test
    void aFlippedBitInAPageIsCorruptedNamingFileAndOffsetNeverAWrongValue() throws IOException {
        Map<String, String> content = pagedStore();
        Path pages = pageFile();
        long size = Files.size(pages);
        for (long offset : new long[] {40, size / 3, size / 2, size - 5}) {
            flipBit(pages, offset);
            int failures = 0;
            try (Store store = open()) {
                for (Map.Entry<String, String> entry : content.entrySet()) {
                    try {
                        assertArrayEquals(utf8(entry.getValue()), store.get(utf8(entry.getKey())));
                    } catch (StorageException e) {
                        assertEquals(ErrorCode.CORRUPTED, e.code());
                        assertTrue(e.getMessage().contains(pages.getFileName().toString())
                                && e.getMessage().contains("offset"), e.getMessage());
                        failures++;
                    }
                }
            } catch (StorageException e) {
                assertEquals(ErrorCode.CORRUPTED, e.code(), "the root page itself: " + e.getMessage());
                assertTrue(e.getMessage().contains(pages.getFileName().toString()), e.getMessage());
                failures = 1;
            }
            assertTrue(failures > 0, "the flipped bit at " + offset + " was noticed");
            flipBit(pages, offset);
        }
        try (Store store = open()) {
            assertEquals(content, content(store), "flipped back, all is there");
        }
    }

    @Test
    void aTruncatedPageFileIsCorruptedNamingIt() throws IOException {
        pagedStore();
        Path pages = pageFile();
        truncate(pages, Files.size(pages) / 2);

        StorageException e = assertThrows(StorageException.class, () -> {
            try (Store store = open()) {
                content(store);
            }
        });
        assertEquals(ErrorCode.CORRUPTED, e.code());
        assertTrue(e.getMessage().contains(pages.getFileName().toString()), e.getMessage());
    }

    /**
     * A value file that the data refers to is missing: the open fails naming it, whether the
     * reference is in the checkpoint's pages (listed in the checkpoint) or only in the log.
     */
    @ParameterizedTest(name = "reference in the {0}")
    @ValueSource(strings = {"checkpoint", "log"})
    void aMissingValueFileFailsTheOpenNamingIt(String where) throws IOException {
        Tuning noAutomaticCheckpoint = new Tuning(1024, 1L << 40, 3).withCheckpointAtClose(false);
        try (FileStore store = (FileStore) new FileEngine(noAutomaticCheckpoint).create("s", dir().toString(),
                Config.of("sync", "never"))) {
            store.set(utf8("big"), new byte[4096]);
            if (where.equals("checkpoint")) {
                store.checkpoint();
            }
        }
        StoreFiles files = new StoreFiles(dir());
        Path value = files.numbered(StoreFiles.VALUE, files.numbers(StoreFiles.VALUE).first());
        Files.delete(value);

        StorageException e = assertCode(ErrorCode.CORRUPTED, this::open);
        assertTrue(e.getMessage().contains(value.getFileName().toString()), e.getMessage());
    }

    @Test
    void aDamagedValueFileIsCorruptedWhenRead() throws IOException {
        try (Store store = create()) {
            store.set(utf8("big"), new byte[4096]);
        }
        StoreFiles files = new StoreFiles(dir());
        Path value = files.numbered(StoreFiles.VALUE, files.numbers(StoreFiles.VALUE).first());
        flipBit(value, 100);

        try (Store store = open()) {
            StorageException e = assertCode(ErrorCode.CORRUPTED, () -> store.get(utf8("big")));
            assertTrue(e.getMessage().contains(value.toString()), e.getMessage());
            assertTrue(store.has(utf8("big")));
        }
    }
}
