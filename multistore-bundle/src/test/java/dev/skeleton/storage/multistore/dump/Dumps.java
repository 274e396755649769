package dev.skeleton.storage.multistore.dump;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skeleton.storage.ErrorCode;
import dev.skeleton.storage.StorageException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Random;
import java.util.TreeMap;

/** Content for dumps, and the shortest ways to write and read one in tests. */
final class Dumps {

    private Dumps() {
    }

    /** An empty map in the dump's key order (unsigned). */
    static NavigableMap<byte[], byte[]> newMap() {
        return new TreeMap<>(Arrays::compareUnsigned);
    }

    /** {@code count} entries with keys of 1 to 12 random bytes (some above 0x7F) and short values. */
    static NavigableMap<byte[], byte[]> randomEntries(int count, long seed) {
        Random random = new Random(seed);
        NavigableMap<byte[], byte[]> entries = newMap();
        while (entries.size() < count) {
            byte[] key = new byte[1 + random.nextInt(12)];
            random.nextBytes(key);
            byte[] value = ("value-" + entries.size()).getBytes(StandardCharsets.UTF_8);
            entries.put(key, value);
        }
        return entries;
    }

    static DumpSummary write(Path file, NavigableMap<byte[], byte[]> entries, boolean compress) {
        try (DumpWriter writer = DumpWriter.create(file, "users", "memory", compress)) {
            for (Map.Entry<byte[], byte[]> entry : entries.entrySet()) {
                writer.write(entry.getKey(), entry.getValue());
            }
            return writer.finish();
        }
    }

    /** Every entry of a dump, read to its end (so checked). */
    static NavigableMap<byte[], byte[]> readAll(Path file) {
        NavigableMap<byte[], byte[]> entries = newMap();
        try (DumpReader reader = DumpReader.open(file)) {
            while (reader.next()) {
                entries.put(reader.key(), reader.value());
            }
        }
        return entries;
    }

    /** Reads a dump to its end, expecting CORRUPTED naming the file; returns the message. */
    static String corruption(Path file) {
        StorageException e = assertThrows(StorageException.class, () -> readAll(file));
        assertEquals(ErrorCode.CORRUPTED, e.code(), e.getMessage());
        assertTrue(e.getMessage().startsWith("dump " + file + ": "), e.getMessage());
        assertTrue(!e.getMessage().contains("\n"), "one line: " + e.getMessage());
        return e.getMessage();
    }

    static void assertSameEntries(NavigableMap<byte[], byte[]> expected, NavigableMap<byte[], byte[]> actual) {
        assertEquals(expected.size(), actual.size(), "entries");
        var left = expected.entrySet().iterator();
        var right = actual.entrySet().iterator();
        while (left.hasNext()) {
            var a = left.next();
            var b = right.next();
            assertTrue(Arrays.equals(a.getKey(), b.getKey()) && Arrays.equals(a.getValue(), b.getValue()),
                    "entry differs at key " + Arrays.toString(a.getKey()));
        }
    }
}
