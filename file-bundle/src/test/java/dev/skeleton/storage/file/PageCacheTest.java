package dev.skeleton.storage.file;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skeleton.storage.Config;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cache_size} bounds the pages a store keeps in the heap, whatever the size of the data:
 * reading a store ten times the cache keeps the cache at its size, and the reads miss and read
 * pages back from disk.
 */
class PageCacheTest {

    private static final long CACHE = 1 << 20;

    @TempDir
    Path directory;

    @Test
    void readingAStoreTenTimesTheCacheKeepsTheCacheAtItsSize() throws IOException {
        String path = directory.resolve("s").toString();
        int entries = 100_000;
        try (FileStore store = (FileStore) new FileEngine().create("s", path,
                Config.of("sync", "never", "cache_size", CACHE))) {
            for (int i = 0; i < entries; i++) {
                store.set(key(i), value(i));
            }
        }
        try (FileStore store = (FileStore) new FileEngine().open("s", path)) {
            for (int i = 0; i < entries; i += 7) {
                assertArrayEquals(value(i), store.get(key(i)));
            }
            long cached = store.pages().source().cachedBytes();
            // Each of the cache's 16 segments keeps at least one node, whatever its share.
            assertTrue(cached <= CACHE + 16 * 16 * 1024, "cached " + cached + " bytes with a cache of " + CACHE);
            assertTrue(store.pages().source().misses() > 1_000, "pages were read back: "
                    + store.pages().source().misses());
        }
    }

    /**
     * The checkpoint keeps the content hash's state for the data, so the first save after an open
     * hashes what changed since, reading a few pages, not the whole store; and its hash is the
     * content's.
     */
    @Test
    void theFirstSaveAfterAnOpenReadsWhatChangedNotTheStore() throws IOException {
        String path = directory.resolve("s").toString();
        int entries = 50_000;
        try (FileStore store = (FileStore) new FileEngine().create("s", path,
                Config.of("sync", "never", "cache_size", CACHE))) {
            for (int i = 0; i < entries; i++) {
                store.set(key(i), value(i));
            }
        }
        try (FileStore store = (FileStore) new FileEngine().open("s", path)) {
            store.set(key(7), value(8));
            store.delete(key(9));
            long before = store.pages().source().misses();
            byte[] hash = store.saveVersion().hash();
            long read = store.pages().source().misses() - before;
            assertTrue(read < 20, "the save read " + read + " pages");
            java.util.List<java.util.Map.Entry<byte[], byte[]>> content = new java.util.ArrayList<>();
            store.iterate((k, v) -> content.add(java.util.Map.entry(k, v)) || true);
            assertArrayEquals(dev.skeleton.storage.core.ContentHash.of(content), hash);
        }
    }

    private static byte[] key(int i) {
        return ByteBuffer.allocate(12).putInt(i * 31).putLong(i).array();
    }

    private static byte[] value(int i) {
        byte[] value = new byte[100];
        ByteBuffer.wrap(value).putInt(i).putInt(~i);
        return value;
    }
}
