package dev.skeleton.storage.file;

import static dev.skeleton.storage.file.TestStores.utf8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skeleton.storage.Config;
import dev.skeleton.storage.MetricsSource;
import dev.skeleton.storage.Store;
import dev.skeleton.storage.Transaction;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The file store's metrics, against what the store did and what its directory holds: the log's
 * appends, bytes and fsyncs, the checkpoints and compactions, the entries, the bytes on disk and
 * the page cache; and nothing once the store is closed.
 */
class FileStoreMetricsTest {

    /** Values of 1 KiB are large; no checkpoint starts by itself and none is written at close. */
    private static final Tuning QUIET = new Tuning(1024, 1L << 30, 3).withCheckpointAtClose(false);
    private static final List<String> NAMES = List.of("entries", "disk_bytes", "fsyncs", "log_appends",
            "writes_per_fsync", "log_bytes", "fsync_micros_recent", "checkpoints", "checkpoint_bytes",
            "checkpoint_millis_last", "checkpoint_age_millis", "compactions", "compaction_millis_last", "cache_hits",
            "cache_misses", "cache_hit_ratio");

    @TempDir
    Path directory;

    private Path dir() {
        return directory.resolve("s");
    }

    private FileStore create(String sync) {
        return (FileStore) new FileEngine(QUIET).create("s", dir().toString(),
                Config.of("sync", sync, "cache_size", 64 << 20));
    }

    private static long metric(Store store, String name) {
        Number value = assertInstanceOf(MetricsSource.class, store).metrics().get(name);
        assertTrue(value instanceof Long, name + " is a long: " + value);
        return value.longValue();
    }

    private static double gauge(Store store, String name) {
        Number value = ((MetricsSource) store).metrics().get(name);
        assertTrue(value instanceof Double, name + " is a double: " + value);
        return value.doubleValue();
    }

    private long fileBytes(String prefix) throws IOException {
        try (Stream<Path> files = Files.list(dir())) {
            return files.filter(f -> f.getFileName().toString().startsWith(prefix)).mapToLong(f -> f.toFile().length())
                    .sum();
        }
    }

    private long directoryBytes() throws IOException {
        return fileBytes("");
    }

    @Test
    void aNewStoreReportsTheFixedNamesInOrderAndNothingDoneYet() throws IOException {
        try (FileStore store = create("always")) {
            Map<String, Number> metrics = store.metrics();
            assertEquals(NAMES, List.copyOf(metrics.keySet()));
            for (String counter : List.of("entries", "fsyncs", "log_appends", "log_bytes", "checkpoints",
                    "checkpoint_bytes", "checkpoint_millis_last", "compactions", "compaction_millis_last")) {
                assertEquals(0L, metrics.get(counter), counter);
            }
            assertEquals(0.0, metrics.get("writes_per_fsync"));
            assertEquals(0.0, metrics.get("fsync_micros_recent"));
            assertEquals(directoryBytes(), metrics.get("disk_bytes"));
        }
    }

    @Test
    void durableWritesCountAppendsBytesAndOneFsyncEach() throws IOException {
        try (FileStore store = create("always")) {
            long segmentHeader = fileBytes(StoreFiles.LOG);
            int writes = 20;
            for (int i = 0; i < writes; i++) {
                store.set(utf8("k" + i), utf8("value " + i));
            }
            store.delete(utf8("k0"));
            store.delete(utf8("not there"));
            assertEquals(writes + 1, metric(store, "log_appends"), "a delete of a missing key appends nothing");
            assertEquals(writes + 1, metric(store, "fsyncs"), "a lone writer forces once per write");
            assertEquals(1.0, gauge(store, "writes_per_fsync"));
            assertEquals(fileBytes(StoreFiles.LOG) - segmentHeader, metric(store, "log_bytes"));
            assertTrue(gauge(store, "fsync_micros_recent") > 0, "forces take time");
        }
    }

    @Test
    void withoutSyncNothingIsForced() {
        try (FileStore store = create("never")) {
            for (int i = 0; i < 5; i++) {
                store.set(utf8("k" + i), utf8("v"));
            }
            assertEquals(5, metric(store, "log_appends"));
            assertTrue(metric(store, "log_bytes") > 5 * 5, "each frame holds at least its key and value");
            assertEquals(0, metric(store, "fsyncs"));
            assertEquals(0.0, gauge(store, "writes_per_fsync"));
            assertEquals(0.0, gauge(store, "fsync_micros_recent"));
        }
    }

    @Test
    void aCheckpointCountsWhatItWroteAndResetsTheAge() throws Exception {
        // Not interval: its timer could force the log between the two readings of fsyncs.
        try (FileStore store = create("always")) {
            for (int i = 0; i < 100; i++) {
                store.set(utf8("k" + i), utf8("value " + i));
            }
            Thread.sleep(60);
            long ageBefore = metric(store, "checkpoint_age_millis");
            assertTrue(ageBefore >= 60, "the age counts from the open: " + ageBefore);
            long fsyncsBefore = metric(store, "fsyncs");

            store.checkpoint();

            assertEquals(1, metric(store, "checkpoints"));
            assertEquals(fileBytes(StoreFiles.PAGES) + fileBytes(StoreFiles.CHECKPOINT),
                    metric(store, "checkpoint_bytes"), "the first checkpoint wrote the page file and its own file");
            assertTrue(metric(store, "checkpoint_age_millis") < ageBefore, "the age starts again");
            assertTrue(metric(store, "checkpoint_millis_last") >= 0);
            assertEquals(fsyncsBefore + 1, metric(store, "fsyncs"), "the cut forced the log");
            assertEquals(0, metric(store, "compactions"));
        }
    }

    @Test
    void aCompactionIsCountedWithTheCheckpointThatEndsIt() throws IOException {
        try (FileStore store = create("never")) {
            for (int i = 0; i < 1_000; i++) {
                store.set(utf8("k" + i), utf8("value " + i));
            }
            store.compact();
            assertEquals(1, metric(store, "compactions"));
            assertEquals(2, metric(store, "checkpoints"), "the checkpoint asked for, and the one after the copy");
            assertTrue(metric(store, "compaction_millis_last") >= 0);
            assertTrue(metric(store, "checkpoint_bytes") > 1_000 * 6, "the pages hold every key at least");
        }
    }

    @Test
    void entriesFollowSetsDeletesAndCommits() {
        try (FileStore store = create("never")) {
            for (int i = 0; i < 10; i++) {
                store.set(utf8("k" + i), utf8("v"));
            }
            store.set(utf8("k1"), utf8("w"));
            store.delete(utf8("k2"));
            assertEquals(9, metric(store, "entries"));
            try (Transaction tx = store.beginTx()) {
                tx.set(utf8("t"), utf8("x"));
                tx.delete(utf8("k3"));
                tx.delete(utf8("k4"));
                tx.commit();
            }
            assertEquals(8, metric(store, "entries"));
        }
    }

    @Test
    void diskBytesAreTheStoresFilesAndGrowWithTheData() throws IOException {
        try (FileStore store = create("always")) {
            long empty = metric(store, "disk_bytes");
            assertEquals(directoryBytes(), empty);
            store.set(utf8("small"), utf8("v"));
            store.set(utf8("large"), new byte[4096]);
            long written = metric(store, "disk_bytes");
            assertTrue(written >= empty + 4096, "the log and the value file grew: " + empty + " -> " + written);
            assertEquals(directoryBytes(), written);
            store.checkpoint();
            assertEquals(directoryBytes(), metric(store, "disk_bytes"), "after the checkpoint's files came and went");

            Files.write(dir().resolve("notes.txt"), new byte[1000]);
            assertEquals(directoryBytes() - 1000, metric(store, "disk_bytes"), "a file of someone else's is not counted");
        }
    }

    @Test
    void aDirectoryThatCannotBeListedLeavesDiskBytesOut() throws IOException {
        FileStore store = create("never");
        store.set(utf8("k"), utf8("v"));
        try (Stream<Path> files = Files.walk(dir())) {
            for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
        Map<String, Number> metrics = store.metrics();
        assertFalse(metrics.containsKey(MetricsSource.DISK_BYTES));
        assertEquals(1L, metrics.get(MetricsSource.ENTRIES));
        assertEquals(NAMES.size() - 1, metrics.size());
        store.close();
    }

    @Test
    void pageReadsAreCacheMissesAndRereadsAreHits() throws IOException {
        try (FileStore store = create("never")) {
            for (int i = 0; i < 2_000; i++) {
                store.set(utf8("key-" + i), utf8("value " + i));
            }
            // The data goes to pages, which the reopened store reads through its cache.
            store.checkpoint();
        }
        try (FileStore store = (FileStore) new FileEngine(QUIET).open("s", dir().toString())) {
            assertArrayEquals(utf8("value 7"), store.get(utf8("key-7")));
            long misses = metric(store, "cache_misses");
            long hits = metric(store, "cache_hits");
            assertTrue(misses > 0, "the first read reads pages");
            assertArrayEquals(utf8("value 7"), store.get(utf8("key-7")));
            assertEquals(misses, metric(store, "cache_misses"), "the second finds them in the cache");
            assertTrue(metric(store, "cache_hits") > hits);
            Map<String, Number> metrics = store.metrics();
            double h = metrics.get("cache_hits").doubleValue();
            double m = metrics.get("cache_misses").doubleValue();
            assertEquals(h / (h + m), metrics.get("cache_hit_ratio").doubleValue(), 1e-12);
        }
    }

    @Test
    void aClosedStoreReportsNothing() {
        FileStore store = create("always");
        store.set(utf8("k"), utf8("v"));
        store.close();
        assertTrue(store.metrics().isEmpty());
        assertTrue(store.metrics().isEmpty(), "and keeps reporting nothing");
    }

    @Test
    void theEnginesStoresAreMetricsSources() {
        try (Store store = new FileEngine().create("s", dir().toString(), Config.of("sync", "never"))) {
            assertInstanceOf(MetricsSource.class, store);
        }
    }
}
