package dev.skeleton.storage.file;

import static dev.skeleton.storage.file.TestStores.assertCode;
import static dev.skeleton.storage.file.TestStores.content;
import static dev.skeleton.storage.file.TestStores.utf8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
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
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
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

    /** Makes a store with two checkpoints and a log tail after each; returns its content. */
    private Map<String, String> storeWithTwoCheckpoints() throws IOException {
        Map<String, String> content = new TreeMap<>();
        try (FileStore store = (FileStore) create()) {
            for (int round = 0; round < 3; round++) {
                for (int i = 0; i < 5; i++) {
                    store.set(utf8("r" + round + "k" + i), utf8("v" + i));
                    content.put("r" + round + "k" + i, "v" + i);
                }
                if (round < 2) {
                    store.checkpoint();
                }
            }
        }
        return content;
    }

    @Test
    void aDamagedCheckpointFallsBackToThePreviousOne() throws IOException {
        Map<String, String> content = storeWithTwoCheckpoints();
        StoreFiles files = new StoreFiles(dir());
        Path newest = files.numbered(StoreFiles.CHECKPOINT, files.numbers(StoreFiles.CHECKPOINT).last());
        flipBit(newest, Files.size(newest) / 2);

        try (Store store = open()) {
            assertEquals(content, content(store), "the older checkpoint and the log after it");
        }
        assertWarned(newest.getFileName().toString());
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
            store.set(utf8("lost"), utf8("2"));
            store.log().roll(store.log().segment() + 1);
            store.set(utf8("lost too"), utf8("3"));
        }
        StoreFiles files = new StoreFiles(dir());
        Files.delete(files.numbered(StoreFiles.LOG, files.numbers(StoreFiles.LOG).last() - 1));

        try (Store store = open()) {
            assertEquals(content, content(store));
        }
        assertWarned("dropped log segment");
    }

    /** Saves versions 1..5 of {"k": "v<n>"}, with version chains of at most 3 files. */
    private void saveFiveVersions() {
        try (Store store = create()) {
            for (int i = 1; i <= 5; i++) {
                store.set(utf8("k"), utf8("v" + i));
                ((Versioned) store).saveVersion();
            }
        }
    }

    @Test
    void aTruncatedVersionFileLosesThatVersionAndTheOnesBuiltOnIt() throws IOException {
        saveFiveVersions();
        truncate(dir().resolve("version-2"), 30);

        try (Store store = open()) {
            Versioned versioned = (Versioned) store;
            assertArrayEquals(new long[] {1, 4, 5}, versioned.listVersions(), "3 was stored as changes to 2");
            versioned.loadVersion(4);
            assertEquals(Map.of("k", "v4"), content(store));
            assertEquals(6, versioned.saveVersion().version(), "numbers are not reused");
        }
        assertWarned("version 2 is lost");
        assertWarned("version 3 is lost");
    }

    @Test
    void aDeletedVersionFileLosesOnlyThatVersionAndItsNumberIsNotReused() throws IOException {
        saveFiveVersions();
        Files.delete(dir().resolve("version-5"));

        try (Store store = open()) {
            Versioned versioned = (Versioned) store;
            assertArrayEquals(new long[] {1, 2, 3, 4}, versioned.listVersions());
            assertEquals(5, versioned.currentVersion(), "the current version is still the one last saved");
            assertEquals(6, versioned.saveVersion().version());
        }
    }

    @Test
    void aMissingValueFileFailsTheOpenNamingIt() throws IOException {
        try (Store store = create()) {
            store.set(utf8("big"), new byte[4096]);
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
