package dev.skeleton.storage.file;

import static dev.skeleton.storage.file.TestStores.content;
import static dev.skeleton.storage.file.TestStores.utf8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skeleton.storage.Config;
import dev.skeleton.storage.Store;
import dev.skeleton.storage.Transaction;
import dev.skeleton.storage.VersionInfo;
import dev.skeleton.storage.Versioned;
import dev.skeleton.storage.core.ContentHash;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compaction: page files that later checkpoints made mostly dead are rewritten into a new one and
 * deleted, so the disk stays in proportion to the live data however often it is rewritten; what
 * readers, transactions and versions see never changes.
 */
class CompactionTest {

    /** Small page files and frequent checkpoints, so that a few thousand writes compact many times. */
    private static final Tuning TUNING = new Tuning(1 << 20, 64 * 1024, 3, 128 * 1024, true);
    private static final int KEYS = 2_000;

    @TempDir
    Path directory;

    private Path dir() {
        return directory.resolve("s");
    }

    private FileStore create() {
        return (FileStore) new FileEngine(TUNING).create("s", dir().toString(),
                Config.of("sync", "never", "cache_size", 1 << 20, "max_versions", 3));
    }

    private long pageBytes() throws IOException {
        try (Stream<Path> files = Files.list(dir())) {
            return files.filter(f -> f.getFileName().toString().startsWith(StoreFiles.PAGES))
                    .mapToLong(f -> f.toFile().length()).sum();
        }
    }

    private static byte[] value(int key, int round) {
        return ("value of " + key + " in round " + round + " padded to be a little longer").getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] key(int key) {
        return String.format("key-%06d", key).getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void rewritingTheDataManyTimesKeepsTheDiskInProportionAndTheContentExact() throws IOException {
        Map<String, String> expected = new TreeMap<>();
        Map<Long, Map<String, String>> saved = new HashMap<>();
        Map<Long, byte[]> hashes = new HashMap<>();
        long rawBytes = 0;
        long mostPageBytes = 0;
        try (FileStore store = create()) {
            for (int round = 0; round < 30; round++) {
                for (int k = 0; k < KEYS; k++) {
                    store.set(key(k), value(k, round));
                    expected.put(new String(key(k), StandardCharsets.UTF_8),
                            new String(value(k, round), StandardCharsets.UTF_8));
                }
                VersionInfo info = ((Versioned) store).saveVersion();
                saved.put(info.version(), new TreeMap<>(expected));
                hashes.put(info.version(), info.hash());
                store.checkpoint();
                mostPageBytes = Math.max(mostPageBytes, pageBytes());
            }
            rawBytes = expected.entrySet().stream().mapToLong(e -> e.getKey().length() + e.getValue().length()).sum();
            assertEquals(expected, content(store));
            for (long version : ((Versioned) store).listVersions()) {
                ((Versioned) store).loadVersion(version);
                assertEquals(saved.get(version), content(store), "version " + version);
                assertArrayEquals(hashes.get(version), ContentHash.of(entries(saved.get(version))),
                        "the saved hash is the content's");
            }
            ((Versioned) store).loadVersion(30);
        }
        // Three kept versions of about the same size as the data, and what accrues between compactions.
        long bound = 2 * (4 * rawBytes) + TUNING.pageFileBytes();
        assertTrue(mostPageBytes < bound, "page files grew to " + mostPageBytes + " bytes for " + rawBytes
                + " bytes of live data (bound " + bound + ")");
        try (Store store = new FileEngine(TUNING).open("s", dir().toString())) {
            assertEquals(expected, content(store), "after reopen");
            assertArrayEquals(new long[] {28, 29, 30}, ((Versioned) store).listVersions());
        }
        java.util.TreeSet<Long> pageFiles = new StoreFiles(dir()).numbers(StoreFiles.PAGES);
        assertTrue(pageFiles.size() * 3 < pageFiles.last(), "old page files are deleted: " + pageFiles + " left");
    }

    /**
     * A store that only grows at the end of the key order (an import, a bulk load in key order)
     * replaces no page: its page files pass twice their first size many times over, and no compaction
     * copies them. (That rewrites still compact is {@link #rewritingTheDataManyTimesKeepsTheDiskInProportionAndTheContentExact}.)
     */
    @Test
    void growingInKeyOrderNeverCompacts() throws IOException {
        int keys = KEYS * 10;
        try (FileStore store = create()) {
            for (int k = 0; k < keys; k++) {
                store.set(key(k), value(k, 0));
            }
            store.checkpoint();
            assertTrue(pageBytes() > 4 * TUNING.pageFileBytes(), "the page files grew to " + pageBytes() + " bytes");
            assertEquals(0L, metric(store, FileStoreMetrics.COMPACTIONS), "compactions of a store filled in key order");
            assertEquals(keys, content(store).size());
        }
    }

    private static long metric(FileStore store, String name) {
        return store.metrics().get(name).longValue();
    }

    /** After an explicit compaction, the page files hold the live pages only: near the raw data. */
    @Test
    void afterACompactionTheDiskIsWithinAThirdOfTheRawData() throws IOException {
        long raw = 0;
        try (FileStore store = (FileStore) new FileEngine(TUNING).create("s", dir().toString(),
                Config.of("sync", "never", "cache_size", 1 << 20))) {
            for (int round = 0; round < 5; round++) {
                for (int k = 0; k < KEYS * 5; k++) {
                    store.set(key(k), value(k, round));
                }
            }
            for (int k = 0; k < KEYS * 5; k++) {
                raw += key(k).length + value(k, 4).length;
            }
            store.compact();
            assertTrue(pageBytes() <= raw * 13 / 10, "page files of " + pageBytes() + " bytes for " + raw
                    + " bytes of data");
        }
    }

    @Test
    void readersAndTransactionsBegunBeforeACompactionSeeTheirSnapshotThroughIt() throws Exception {
        try (FileStore store = create()) {
            for (int k = 0; k < KEYS; k++) {
                store.set(key(k), value(k, 0));
            }
            store.checkpoint();
            Transaction transaction = store.beginTx();
            assertArrayEquals(value(7, 0), transaction.get(key(7)));
            CountDownLatch atFirst = new CountDownLatch(1);
            CountDownLatch goOn = new CountDownLatch(1);
            List<byte[]> seen = new ArrayList<>();
            AtomicReference<Throwable> failure = new AtomicReference<>();
            Thread reader = new Thread(() -> {
                try {
                    store.iterate((k, v) -> {
                        if (seen.isEmpty()) {
                            atFirst.countDown();
                            await(goOn);
                        }
                        seen.add(v);
                        return true;
                    });
                } catch (Throwable e) {
                    failure.set(e);
                }
            });
            reader.start();
            assertTrue(atFirst.await(10, TimeUnit.SECONDS));
            for (int round = 1; round < 12; round++) {
                for (int k = 0; k < KEYS; k++) {
                    store.set(key(k), value(k, round));
                }
                store.checkpoint();
            }
            goOn.countDown();
            reader.join(10_000);
            assertEquals(null, failure.get());
            assertEquals(KEYS, seen.size());
            for (int k = 0; k < KEYS; k++) {
                assertArrayEquals(value(k, 0), seen.get(k), "the iteration's snapshot, entry " + k);
            }
            for (int k = 0; k < KEYS; k += 97) {
                assertArrayEquals(value(k, 0), transaction.get(key(k)), "the transaction's snapshot");
            }
            transaction.rollback();
            assertArrayEquals(value(5, 11), store.get(key(5)));
        }
    }

    private static List<Map.Entry<byte[], byte[]>> entries(Map<String, String> content) {
        List<Map.Entry<byte[], byte[]>> entries = new ArrayList<>();
        content.forEach((k, v) -> entries.add(Map.entry(utf8(k), utf8(v))));
        return entries;
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
