package dev.skeleton.storage.multistore.dump;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.skeleton.storage.ErrorCode;
import dev.skeleton.storage.StorageException;
import dev.skeleton.storage.core.ContentHash;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.NavigableMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The writer's files (partial, target) and what it refuses. */
class DumpWriterTest {

    @TempDir
    Path dir;

    private Path file() {
        return dir.resolve("store.dump");
    }

    private Path partial() {
        return dir.resolve("store.dump.partial");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @ParameterizedTest(name = "compressed={0}")
    @ValueSource(booleans = {false, true})
    void closingWithoutFinishingLeavesNothing(boolean compress) {
        DumpWriter writer = DumpWriter.create(file(), "users", "memory", compress);
        writer.write(bytes("a"), bytes("1"));
        assertTrue(Files.exists(partial()), "written under the partial name");
        assertFalse(Files.exists(file()));
        writer.close();
        writer.close();
        assertFalse(Files.exists(partial()));
        assertFalse(Files.exists(file()));
        assertThrows(IllegalStateException.class, () -> writer.write(bytes("b"), bytes("2")));
        assertThrows(IllegalStateException.class, writer::finish);
    }

    @Test
    void aKeyOutOfOrderIsRefusedAndRemovesThePartialFile() {
        DumpWriter writer = DumpWriter.create(file(), "users", "memory", false);
        writer.write(bytes("b"), bytes("1"));
        StorageException e = assertThrows(StorageException.class, () -> writer.write(bytes("a"), bytes("2")));
        assertEquals(ErrorCode.INVALID_ARGUMENT, e.code());
        assertTrue(e.getMessage().contains(file().toString()) && e.getMessage().contains("61"), e.getMessage());
        assertFalse(Files.exists(partial()), "a failed write deletes the partial file");
        assertThrows(IllegalStateException.class, () -> writer.write(bytes("c"), bytes("3")));
        writer.close();
        assertFalse(Files.exists(file()));
    }

    @Test
    void aLongKeyIsShownCutInTheMessage() {
        byte[] longKey = new byte[100];
        Arrays.fill(longKey, (byte) 0xAA);
        try (DumpWriter writer = DumpWriter.create(file(), "users", "memory", false)) {
            writer.write(longKey, new byte[0]);
            StorageException e = assertThrows(StorageException.class, () -> writer.write(new byte[0], new byte[0]));
            assertTrue(e.getMessage().contains("key (empty) is not above the previous key " + "aa".repeat(32)
                    + ".. (100 bytes)"), e.getMessage());
        }
    }

    @Test
    void keysAreComparedUnsignedAndAnEqualKeyIsOutOfOrder() {
        try (DumpWriter writer = DumpWriter.create(file(), "users", "memory", false)) {
            writer.write(new byte[] {0x7F}, new byte[0]);
            writer.write(new byte[] {(byte) 0x80}, new byte[0]); // above 0x7F unsigned, below it signed
            StorageException e = assertThrows(StorageException.class,
                    () -> writer.write(new byte[] {(byte) 0x80}, new byte[0]));
            assertEquals(ErrorCode.INVALID_ARGUMENT, e.code());
        }
        assertFalse(Files.exists(partial()));
    }

    @Test
    void theCallerMayReuseItsKeyArray() {
        byte[] key = {1};
        try (DumpWriter writer = DumpWriter.create(file(), "users", "memory", false)) {
            writer.write(key, new byte[0]);
            key[0] = 0; // would pass the order check if the writer kept the caller's array
            assertThrows(StorageException.class, () -> writer.write(key, new byte[0]));
        }
    }

    @Test
    void nullsAreInvalidArguments() {
        assertEquals(ErrorCode.INVALID_ARGUMENT, assertThrows(StorageException.class,
                () -> DumpWriter.create(null, "users", "memory", false)).code());
        assertEquals(ErrorCode.INVALID_ARGUMENT, assertThrows(StorageException.class,
                () -> DumpWriter.create(file(), null, "memory", false)).code());
        assertEquals(ErrorCode.INVALID_ARGUMENT, assertThrows(StorageException.class,
                () -> DumpWriter.create(file(), "users", null, false)).code());
        try (DumpWriter writer = DumpWriter.create(file(), "users", "memory", false)) {
            assertEquals(ErrorCode.INVALID_ARGUMENT,
                    assertThrows(StorageException.class, () -> writer.write(null, new byte[0])).code());
        }
        try (DumpWriter writer = DumpWriter.create(file(), "users", "memory", false)) {
            assertEquals(ErrorCode.INVALID_ARGUMENT,
                    assertThrows(StorageException.class, () -> writer.write(new byte[0], null)).code());
        }
        assertFalse(Files.exists(partial()));
    }

    @Test
    void aNameAboveTheHeaderLimitIsRefusedBeforeAnyFileIsMade() {
        String tooLong = "é".repeat(DumpFormat.MAX_NAME_BYTES / 2 + 1); // two UTF-8 bytes each
        StorageException e = assertThrows(StorageException.class,
                () -> DumpWriter.create(file(), tooLong, "memory", false));
        assertEquals(ErrorCode.INVALID_ARGUMENT, e.code());
        assertFalse(Files.exists(partial()));
    }

    @Test
    void aValueAboveTheCapIsUnsupported() {
        assumeTrue(Runtime.getRuntime().maxMemory() > 1L << 30, "needs a heap for a 256 MiB array");
        try (DumpWriter writer = DumpWriter.create(file(), "users", "memory", false)) {
            StorageException e = assertThrows(StorageException.class,
                    () -> writer.write(bytes("k"), new byte[DumpFormat.MAX_LENGTH + 1]));
            assertEquals(ErrorCode.UNSUPPORTED, e.code());
            assertTrue(e.getMessage().contains("256 MiB"), e.getMessage());
        }
        assertFalse(Files.exists(partial()));
    }

    @Test
    void anExistingDumpIsReplacedOnlyByFinish() {
        NavigableMap<byte[], byte[]> old = Dumps.randomEntries(5, 1);
        Dumps.write(file(), old, false);
        try (DumpWriter writer = DumpWriter.create(file(), "users", "memory", true)) {
            writer.write(bytes("new"), bytes("value"));
            Dumps.assertSameEntries(old, Dumps.readAll(file()));
        }
        Dumps.assertSameEntries(old, Dumps.readAll(file()));

        try (DumpWriter writer = DumpWriter.create(file(), "users", "memory", true)) {
            writer.write(bytes("new"), bytes("value"));
            Dumps.assertSameEntries(old, Dumps.readAll(file()));
            writer.finish();
        }
        NavigableMap<byte[], byte[]> now = Dumps.readAll(file());
        assertEquals(1, now.size());
        assertArrayEquals(bytes("value"), now.get(bytes("new")));
        assertFalse(Files.exists(partial()));
    }

    @Test
    void finishingEndsTheWriterAndCloseKeepsTheDump() {
        DumpWriter writer = DumpWriter.create(file(), "users", "memory", false);
        writer.write(bytes("a"), bytes("12"));
        assertEquals(1, writer.entries());
        assertEquals(3, writer.bytes());
        DumpSummary summary = writer.finish();
        assertEquals(1, summary.entries());
        assertThrows(IllegalStateException.class, writer::finish);
        assertThrows(IllegalStateException.class, () -> writer.write(bytes("b"), bytes("1")));
        writer.close();
        assertEquals(1, Dumps.readAll(file()).size());
    }

    @ParameterizedTest(name = "compressed={0}")
    @ValueSource(booleans = {false, true})
    void aGivenContentHashGoesIntoTheTrailerAsItIs(boolean compress) {
        byte[] right = ContentHash.of(Map.of(bytes("a"), bytes("1")).entrySet());
        byte[] given = right.clone();
        try (DumpWriter writer = DumpWriter.create(file(), "users", "memory", compress, given)) {
            given[0] ^= 1;
            writer.write(bytes("a"), bytes("1"));
            assertArrayEquals(right, writer.finish().hash(), "the hash as given, copied");
        }
        try (DumpReader reader = DumpReader.open(file())) {
            while (reader.next()) {
                assertArrayEquals(bytes("1"), reader.value());
            }
            assertArrayEquals(right, reader.summary().hash(), "the trailer holds, checked against the frames");
        }
        Path lie = dir.resolve("lie.dump");
        try (DumpWriter writer = DumpWriter.create(lie, "users", "memory", compress, new byte[32])) {
            writer.write(bytes("a"), bytes("1"));
            assertArrayEquals(new byte[32], writer.finish().hash(), "not checked by the writer");
        }
        StorageException refused = assertThrows(StorageException.class, () -> Dumps.readAll(lie));
        assertEquals(ErrorCode.CORRUPTED, refused.code(), "but by every reader");
    }

    @Test
    void aGivenContentHashOfAnotherLengthIsRefusedBeforeAnyFileIsMade() {
        StorageException e = assertThrows(StorageException.class,
                () -> DumpWriter.create(file(), "users", "memory", false, new byte[31]));
        assertEquals(ErrorCode.INVALID_ARGUMENT, e.code());
        assertTrue(e.getMessage().contains("31"), e.getMessage());
        assertFalse(Files.exists(partial()));
    }

    @Test
    void aPartialFileLeftByACrashIsOverwritten() throws IOException {
        Files.write(partial(), new byte[100_000]);
        Dumps.write(file(), Dumps.randomEntries(3, 2), false);
        assertEquals(3, Dumps.readAll(file()).size());
        assertFalse(Files.exists(partial()));
    }

    @Test
    void aSecondWriterOfTheSameDumpFailsAndLeavesTheFirstAlone() {
        try (DumpWriter first = DumpWriter.create(file(), "users", "memory", false)) {
            first.write(bytes("a"), bytes("1"));
            StorageException e = assertThrows(StorageException.class,
                    () -> DumpWriter.create(file(), "other", "memory", false));
            assertEquals(ErrorCode.IO, e.code());
            assertTrue(e.getMessage().contains(file().toString()), e.getMessage());
            first.write(bytes("b"), bytes("2"));
            first.finish();
        }
        assertEquals(2, Dumps.readAll(file()).size());
        Dumps.write(file(), Dumps.randomEntries(1, 3), false); // the name is free again
    }

    @Test
    void aMissingDirectoryIsAnIoErrorNamingTheFile() {
        Path nowhere = dir.resolve("missing").resolve("store.dump");
        StorageException e = assertThrows(StorageException.class,
                () -> DumpWriter.create(nowhere, "users", "memory", false));
        assertEquals(ErrorCode.IO, e.code());
        assertTrue(e.getMessage().contains(nowhere.toString()), e.getMessage());
    }

    @Test
    void aTargetThatIsADirectoryFailsAtFinishAndLeavesNothing() throws IOException {
        Files.createDirectories(file().resolve("inside"));
        DumpWriter writer = DumpWriter.create(file(), "users", "memory", false);
        writer.write(bytes("a"), bytes("1"));
        StorageException e = assertThrows(StorageException.class, writer::finish);
        assertEquals(ErrorCode.IO, e.code());
        assertFalse(Files.exists(partial()));
        assertTrue(Files.isDirectory(file().resolve("inside")));
        writer.close();
    }

    @Test
    void anInterruptedWriterStopsWithAnIoErrorAndLeavesNothing() {
        DumpWriter writer = DumpWriter.create(file(), "users", "memory", false);
        Thread.currentThread().interrupt();
        try {
            StorageException e = assertThrows(StorageException.class, () -> {
                for (int i = 0; i < 1_000; i++) { // enough to fill the 64 KiB buffer
                    writer.write(bytes(String.format("key-%05d", i)), new byte[1_000]);
                }
            });
            assertEquals(ErrorCode.IO, e.code());
            assertTrue(e.getMessage().contains("interrupted"), e.getMessage());
        } finally {
            Thread.interrupted();
        }
        assertFalse(Files.exists(partial()));
        writer.close();
    }
}
