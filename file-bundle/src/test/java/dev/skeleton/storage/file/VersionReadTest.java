package dev.skeleton.storage.file;

import static dev.skeleton.storage.file.TestStores.utf8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skeleton.storage.Config;
import dev.skeleton.storage.ErrorCode;
import dev.skeleton.storage.Transaction;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reading a saved version of a file store ({@code readVersion}) where versions live: in the page
 * files, read on demand through the bounded page cache as the working tree is; through compactions
 * that move their pages and prunings that drop them while the read goes on; and with large values,
 * whose files are kept until the read ends.
 */
class VersionReadTest {

    private static final long CACHE = 1 << 20;
    private static final int MIB = 1 << 20;

    @TempDir
    Path directory;

    private String path() {
        return directory.resolve("s").toString();
    }

    private static byte[] key(int i) {
        return ByteBuffer.allocate(12).putInt(i * 31).putLong(i).array();
    }

    /** A value of 100 bytes that says which round wrote it. */
    private static byte[] value(int i, int round) {
        byte[] value = new byte[100];
        ByteBuffer.wrap(value).putInt(i).putInt(round);
        return value;
    }

    /**
     * A version of a store several times the cache, read after a reopen: its pages are all on disk
     * and none in the heap, so the read loads them on demand, keeps the cache at its size, and
     * sees every entry as saved while the working data holds another round.
     */
    @Test
    void aVersionOnDiskIsReadPageByPageThroughTheCache() throws IOException {
        int entries = 40_000;
        try (FileStore store = (FileStore) new FileEngine().create("s", path(),
                Config.of("sync", "never", "cache_size", CACHE))) {
            writeRound(store, entries, 1);
            store.saveVersion();
            writeRound(store, entries, 2);
        }
        try (FileStore store = (FileStore) new FileEngine().open("s", path())) {
            long missesBefore = store.pages().source().misses();
            try (Transaction tx = store.readVersion(1)) {
                int[] seen = {0};
                tx.iterate((k, v) -> {
                    assertEquals(1, ByteBuffer.wrap(v).getInt(4), "round of entry " + seen[0]);
                    seen[0]++;
                    return true;
                });
                assertEquals(entries, seen[0], "entries of version 1");
                assertArrayEquals(value(123, 1), tx.get(key(123)));
            }
            long read = store.pages().source().misses() - missesBefore;
            assertTrue(read > 100, "the version's pages were read from disk: " + read + " misses");
            long cached = store.pages().source().cachedBytes();
            // Each of the cache's 16 segments keeps at least one node, whatever its share.
            assertTrue(cached <= CACHE + 16 * 16 * 1024, "cached " + cached + " bytes with a cache of " + CACHE);
            assertArrayEquals(value(123, 2), store.get(key(123)), "the working data is as it was");
            assertEquals(1, store.currentVersion());
        }
    }

    /**
     * A read of version 1 goes on while every key is rewritten many times, with a checkpoint after
     * each round: the version is pruned at once ({@code max_versions = 1}) and compactions copy the
     * live pages into new files and delete the old ones, which the read still needs.
     */
    @Test
    void aVersionReadSeesItsVersionThroughPruningAndCompactions() throws IOException {
        Tuning smallPageFiles = new Tuning(1 << 20, 64 * 1024, 3, 128 * 1024, true);
        int entries = 2_000;
        try (FileStore store = (FileStore) new FileEngine(smallPageFiles).create("s", path(),
                Config.of("sync", "never", "cache_size", CACHE, "max_versions", 1))) {
            writeRound(store, entries, 0);
            store.saveVersion();
            store.checkpoint();
            try (Transaction tx = store.readVersion(1)) {
                long firstPageFile = new StoreFiles(directory.resolve("s")).numbers(StoreFiles.PAGES).first();
                for (int round = 1; round <= 12; round++) {
                    writeRound(store, entries, round);
                    store.saveVersion();
                    store.checkpoint();
                }
                assertFalse(new StoreFiles(directory.resolve("s")).numbers(StoreFiles.PAGES).contains(firstPageFile),
                        "compactions deleted the page file the version was written to");
                TestStores.assertCode(ErrorCode.VERSION_NOT_FOUND, () -> store.readVersion(1));
                for (int i = 0; i < entries; i += 7) {
                    assertArrayEquals(value(i, 0), tx.get(key(i)), "entry " + i + " of version 1");
                }
                int[] seen = {0};
                tx.iterate((k, v) -> {
                    assertEquals(0, ByteBuffer.wrap(v).getInt(4), "round of entry " + seen[0]);
                    seen[0]++;
                    return true;
                });
                assertEquals(entries, seen[0]);
            }
            assertArrayEquals(value(5, 12), store.get(key(5)));
        }
    }

    /**
     * A version read keeps the file of a large value it holds, though the version is pruned and the
     * value overwritten, over checkpoints that collect unreferenced files; once the read ends, the
     * next checkpoint collects it.
     */
    @Test
    void aVersionReadKeepsTheValueFilesOfItsVersion() throws IOException {
        try (FileStore store = (FileStore) new FileEngine(new Tuning(MIB, 1L << 40, 4)).create("s", path(),
                Config.of("sync", "never", "max_versions", 1))) {
            store.set(utf8("big"), bigValue(1));
            store.saveVersion();
            try (Transaction tx = store.readVersion(1)) {
                store.set(utf8("big"), bigValue(2));
                store.saveVersion();
                store.checkpoint();
                store.checkpoint();
                store.checkpoint();
                assertEquals(2, valueFiles(), "the file of the version being read is kept");
                assertArrayEquals(bigValue(1), tx.get(utf8("big")), "the version's large value");
            }
            store.checkpoint();
            assertEquals(1, valueFiles(), "collected once the read is over");
            assertArrayEquals(bigValue(2), store.get(utf8("big")));
        }
    }

    private static void writeRound(FileStore store, int entries, int round) {
        for (int i = 0; i < entries; i++) {
            store.set(key(i), value(i, round));
        }
    }

    private static byte[] bigValue(int seed) {
        byte[] value = new byte[2 * MIB];
        for (int i = 0; i < value.length; i += 4096) {
            value[i] = (byte) (seed + i / 4096);
        }
        return value;
    }

    private long valueFiles() throws IOException {
        try (Stream<Path> files = Files.list(directory.resolve("s"))) {
            return files.filter(f -> f.getFileName().toString().startsWith(StoreFiles.VALUE)).count();
        }
    }
}
