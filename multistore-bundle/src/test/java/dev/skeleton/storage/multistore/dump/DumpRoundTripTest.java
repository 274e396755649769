package dev.skeleton.storage.multistore.dump;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skeleton.storage.core.ContentHash;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.NavigableMap;
import java.util.Random;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What a writer writes, a reader reads back, with the content hash computed apart from both. */
class DumpRoundTripTest {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "compressed={0}")
    @ValueSource(booleans = {false, true})
    void anEmptyDumpHasNoEntriesAndTheEmptyHash(boolean compress) {
        roundTrip(Dumps.newMap(), compress);
    }

    @ParameterizedTest(name = "compressed={0}")
    @ValueSource(booleans = {false, true})
    void anEmptyKeyWithAnEmptyValueIsAnEntry(boolean compress) {
        NavigableMap<byte[], byte[]> entries = Dumps.newMap();
        entries.put(new byte[0], new byte[0]);
        DumpSummary summary = roundTrip(entries, compress);
        assertEquals(1, summary.entries());
        assertEquals(0, summary.bytes());
    }

    @ParameterizedTest(name = "compressed={0}")
    @ValueSource(booleans = {false, true})
    void tenThousandEntriesComeBackInOrder(boolean compress) {
        roundTrip(Dumps.randomEntries(10_000, 7), compress);
    }

    @ParameterizedTest(name = "compressed={0}")
    @ValueSource(booleans = {false, true})
    void aSixteenMebibyteValueComesBackWhole(boolean compress) {
        byte[] value = new byte[16 << 20];
        new Random(3).nextBytes(value);
        Arrays.fill(value, 0, 1 << 20, (byte) 'x'); // some of it compressible
        NavigableMap<byte[], byte[]> entries = Dumps.newMap();
        entries.put("a".getBytes(StandardCharsets.UTF_8), "small".getBytes(StandardCharsets.UTF_8));
        entries.put("big".getBytes(StandardCharsets.UTF_8), value);
        entries.put("z".getBytes(StandardCharsets.UTF_8), new byte[0]);
        DumpSummary summary = roundTrip(entries, compress);
        assertEquals(1 + 5 + 3 + value.length + 1, summary.bytes());
    }

    @Test
    void theWriterWritesTheDocumentedBytes() throws IOException {
        NavigableMap<byte[], byte[]> entries = Dumps.randomEntries(50, 11);
        entries.put(new byte[0], "empty key".getBytes(StandardCharsets.UTF_8));
        Path file = dir.resolve("exact.dump");
        Dumps.write(file, entries, false);
        assertArrayEquals(RawDump.dump("users", "memory", false, entries), Files.readAllBytes(file));
    }

    @Test
    void aCompressedDumpIsOneZlibStreamOfTheDocumentedBody() throws IOException {
        NavigableMap<byte[], byte[]> entries = Dumps.randomEntries(50, 12);
        Path file = dir.resolve("zlib.dump");
        Dumps.write(file, entries, true);
        byte[] header = RawDump.header(1, 1, "users", "memory", 50);
        byte[] bytes = Files.readAllBytes(file);
        assertArrayEquals(header, Arrays.copyOf(bytes, header.length));
        byte[] stored = Arrays.copyOfRange(bytes, header.length, bytes.length - 4);
        assertArrayEquals(RawDump.logicalBody(entries), inflate(stored));
        assertArrayEquals(RawDump.withCrc(stored), Arrays.copyOfRange(bytes, header.length, bytes.length));
    }

    @Test
    void compressionShrinksRepetitiveData() throws IOException {
        NavigableMap<byte[], byte[]> entries = Dumps.newMap();
        for (int i = 0; i < 1000; i++) {
            entries.put(String.format("key-%05d", i).getBytes(StandardCharsets.UTF_8), new byte[200]);
        }
        Dumps.write(dir.resolve("plain.dump"), entries, false);
        Dumps.write(dir.resolve("small.dump"), entries, true);
        long plain = Files.size(dir.resolve("plain.dump"));
        long small = Files.size(dir.resolve("small.dump"));
        assertTrue(small * 10 < plain, small + " bytes compressed against " + plain);
    }

    @Test
    void namesOfAnyScriptAndTheLongestAllowedComeBack() {
        String store = "Bestände-データ";
        String engine = "e".repeat(DumpFormat.MAX_NAME_BYTES);
        Path file = dir.resolve("names.dump");
        try (DumpWriter writer = DumpWriter.create(file, store, engine, true)) {
            writer.finish();
        }
        try (DumpReader reader = DumpReader.open(file)) {
            assertEquals(new DumpHeader(1, store, engine, 0, true), reader.header());
            assertFalse(reader.next());
        }
    }

    @Test
    void theReaderCountsAsItGoesAndGivesTheSummaryOnlyAtTheEnd() {
        Path file = dir.resolve("count.dump");
        NavigableMap<byte[], byte[]> entries = Dumps.randomEntries(3, 5);
        DumpSummary written = Dumps.write(file, entries, false);
        try (DumpReader reader = DumpReader.open(file)) {
            assertThrows(IllegalStateException.class, reader::key);
            assertThrows(IllegalStateException.class, reader::summary);
            assertTrue(reader.next());
            assertEquals(1, reader.entries());
            assertEquals(entries.firstKey().length + entries.firstEntry().getValue().length, reader.bytes());
            assertArrayEquals(entries.firstKey(), reader.key());
            assertTrue(reader.next());
            assertTrue(reader.next());
            assertFalse(reader.next());
            assertFalse(reader.next(), "the end stays the end");
            assertThrows(IllegalStateException.class, reader::value);
            assertEquals(written, reader.summary());
            reader.close();
            reader.close();
            assertThrows(IllegalStateException.class, reader::next);
        }
    }

    @Test
    void theCallerOwnsTheArraysItIsGiven() {
        Path file = dir.resolve("owned.dump");
        Dumps.write(file, Dumps.randomEntries(100, 8), false);
        try (DumpReader reader = DumpReader.open(file)) {
            while (reader.next()) {
                Arrays.fill(reader.key(), (byte) 0xFF); // must not make the next key look out of order
                Arrays.fill(reader.value(), (byte) 0);
            }
            assertEquals(100, reader.summary().entries());
        }
    }

    @Test
    void aSummaryIsAValueWithItsHashCopied() {
        DumpHeader header = new DumpHeader(1, "users", "memory", 2, false);
        byte[] hash = new byte[32];
        hash[0] = (byte) 0xAB;
        DumpSummary summary = new DumpSummary(header, 2, 10, hash);
        hash[0] = 0;
        assertEquals((byte) 0xAB, summary.hash()[0]);
        summary.hash()[0] = 0;
        assertEquals("ab" + "00".repeat(31), summary.hashHex());
        DumpSummary same = new DumpSummary(header, 2, 10, summary.hash());
        assertEquals(summary, same);
        assertEquals(summary.hashCode(), same.hashCode());
        assertTrue(summary.toString().contains(summary.hashHex()), summary.toString());
        assertFalse(summary.equals(new DumpSummary(header, 2, 10, new byte[32])));
        assertFalse(summary.equals(new DumpSummary(header, 2, 11, summary.hash())));
        assertFalse(summary.equals(new DumpSummary(header, 3, 10, summary.hash())));
        assertFalse(summary.equals(new DumpSummary(new DumpHeader(1, "x", "memory", 2, false), 2, 10, summary.hash())));
        assertFalse(summary.equals("a summary"));
    }

    /** Writes and reads {@code entries}, checking everything both sides report. */
    private DumpSummary roundTrip(NavigableMap<byte[], byte[]> entries, boolean compress) {
        Path file = dir.resolve("store.dump");
        DumpSummary written = Dumps.write(file, entries, compress);
        byte[] expectedHash = ContentHash.of(entries.entrySet());
        long expectedBytes = entries.entrySet().stream().mapToLong(e -> e.getKey().length + e.getValue().length).sum();
        DumpHeader header = new DumpHeader(1, "users", "memory", entries.size(), compress);
        assertEquals(new DumpSummary(header, entries.size(), expectedBytes, expectedHash), written);
        assertFalse(Files.exists(dir.resolve("store.dump.partial")), "the partial file is gone");

        NavigableMap<byte[], byte[]> read = Dumps.newMap();
        try (DumpReader reader = DumpReader.open(file)) {
            assertEquals(header, reader.header());
            while (reader.next()) {
                read.put(reader.key(), reader.value());
            }
            assertEquals(written, reader.summary());
            assertArrayEquals(expectedHash, reader.summary().hash());
        }
        Dumps.assertSameEntries(entries, read);
        return written;
    }

    private static byte[] inflate(byte[] stored) {
        Inflater inflater = new Inflater();
        inflater.setInput(stored);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        try {
            while (!inflater.finished()) {
                int inflated = inflater.inflate(buffer);
                assertFalse(inflated == 0 && inflater.needsInput(), "the zlib stream ends");
                out.write(buffer, 0, inflated);
            }
            assertEquals(0, inflater.getRemaining(), "nothing after the zlib stream but the checksum");
        } catch (DataFormatException e) {
            throw new AssertionError(e);
        } finally {
            inflater.end();
        }
        return out.toByteArray();
    }
}
