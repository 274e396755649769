package dev.skeleton.storage.multistore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skeleton.storage.Config;
import dev.skeleton.storage.ErrorCode;
import dev.skeleton.storage.LatencyPercentiles;
import dev.skeleton.storage.MetricsSource;
import dev.skeleton.storage.Store;
import dev.skeleton.storage.StoreStats;
import dev.skeleton.storage.Transaction;
import dev.skeleton.storage.Transactional;
import dev.skeleton.storage.Versioned;
import dev.skeleton.storage.file.FileEngine;
import dev.skeleton.storage.memory.MemoryEngine;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * What a store's handle counts: exact counts from many threads (also threads that ended), bytes,
 * transactions, failures and latencies, kept across an engine leaving and coming back, and
 * nothing when metrics are off.
 */
class StoreMetricsTest extends MultiStoreTestSupport {

    private static final int THREADS = 4;
    private static final int ROUNDS = 2_000;

    @Test
    void countsAreExactWhenManyThreadsWriteAndReadAtOnce() throws Exception {
        stores.createStore("m", MEMORY, null);
        Store store = stores.getStore("m");
        CountDownLatch start = new CountDownLatch(1);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int id = t;
            Thread thread = new Thread(() -> {
                try {
                    start.await();
                    for (int i = 0; i < ROUNDS; i++) {
                        byte[] key = bytes("k" + id + "-" + i % 100);
                        store.set(key, bytes("value" + i % 10));
                        store.get(key);
                        store.has(key);
                        if (i % 4 == 0) {
                            store.delete(key);
                        }
                    }
                } catch (Throwable e) {
                    failure.set(e);
                }
            });
            thread.start();
            threads.add(thread);
        }
        start.countDown();
        for (Thread thread : threads) {
            thread.join();
        }
        assertEquals(null, failure.get());

        StoreStats stats = stores.storeStats("m");
        assertEquals(THREADS * ROUNDS, stats.count(StoreStats.SET));
        assertEquals(THREADS * ROUNDS, stats.count(StoreStats.GET));
        assertEquals(THREADS * ROUNDS, stats.count(StoreStats.HAS));
        assertEquals(THREADS * ROUNDS / 4, stats.count(StoreStats.DELETE));
        assertEquals(0, stats.count(StoreStats.FAILED));
        // Keys "k<t>-<n>" and values "value<d>": every get found the value just set.
        long keyBytes = 0;
        for (int t = 0; t < THREADS; t++) {
            for (int i = 0; i < ROUNDS; i++) {
                keyBytes += bytes("k" + t + "-" + i % 100).length;
            }
        }
        long setBytes = keyBytes + (long) THREADS * ROUNDS * 6;
        long deleteBytes = 0;
        for (int t = 0; t < THREADS; t++) {
            for (int i = 0; i < ROUNDS; i += 4) {
                deleteBytes += bytes("k" + t + "-" + i % 100).length;
            }
        }
        assertEquals(setBytes + deleteBytes, stats.bytesWritten());
        assertEquals((long) THREADS * ROUNDS * 6, stats.bytesRead());
        assertEquals(stats.operations(), stores.storeStats("m").operations(), "the ended threads' counts are kept");
        assertTrue(stats.available());
        assertEquals(MEMORY, stats.engine());
    }

    @Test
    void threadsThatComeAndGoAreAllCounted() throws Exception {
        stores.createStore("m", MEMORY, null);
        Store store = stores.getStore("m");
        int threads = 300;
        for (int i = 0; i < threads; i++) {
            Thread thread = new Thread(() -> store.set(bytes("k"), bytes("v")));
            thread.start();
            thread.join();
        }
        StoreStats stats = stores.storeStats("m");
        assertEquals(threads, stats.count(StoreStats.SET));
        assertEquals((long) threads * 2, stats.bytesWritten());
    }

    @Test
    void latenciesAreSampledForReadsAndWritesAndTakenForEveryCommit() {
        stores.createStore("m", MEMORY, null);
        Store store = stores.getStore("m");
        int operations = 1_600;
        for (int i = 0; i < operations; i++) {
            store.set(bytes("k" + i), bytes("v"));
            store.get(bytes("k" + i));
        }
        for (int i = 0; i < 3; i++) {
            try (Transaction tx = ((Transactional) store).beginTx()) {
                tx.set(bytes("t" + i), bytes("v"));
                tx.commit();
            }
        }
        StoreStats stats = stores.storeStats("m");
        // How many are timed follows how long they take (TimingSamplerTest); alternating calls must
        // not starve either group.
        for (String group : List.of(StoreStats.READS, StoreStats.WRITES)) {
            long samples = stats.latency(group).samples();
            assertTrue(samples >= 1 && samples <= operations, group + ": " + samples + " samples of " + operations);
        }
        LatencyPercentiles commits = stats.latency(StoreStats.COMMITS);
        assertEquals(3, commits.samples());
        assertTrue(commits.p50Nanos() > 0 && commits.maxNanos() >= commits.p999Nanos(), commits::toString);
    }

    @Test
    void transactionsCountTheirEndsConflictsAndBytes() {
        stores.createStore("m", MEMORY, null);
        Transactional store = (Transactional) stores.getStore("m");
        try (Transaction tx = store.beginTx()) {
            tx.set(bytes("ab"), bytes("cde"));
            tx.delete(bytes("f"));
            tx.commit();
        }
        try (Transaction tx = store.beginTx()) {
            tx.set(bytes("x"), bytes("y"));
            tx.rollback();
        }
        try (Transaction tx = store.beginTx()) {
            tx.set(bytes("x"), bytes("y"));
        }
        Transaction first = store.beginTx();
        Transaction second = store.beginTx();
        first.set(bytes("k"), bytes("1"));
        second.set(bytes("k"), bytes("2"));
        first.commit();
        assertCode(ErrorCode.TX_CONFLICT, second::commit);
        try (Transaction reader = store.beginReadOnlyTx()) {
            assertEquals("cde", text(reader.get(bytes("ab"))));
            reader.iterate((key, value) -> true);
        }

        StoreStats stats = stores.storeStats("m");
        assertEquals(6, stats.count(StoreStats.BEGIN));
        assertEquals(2, stats.count(StoreStats.COMMIT));
        assertEquals(4, stats.count(StoreStats.ROLLBACK), "rolled back, closed, refused, read-only closed");
        assertEquals(1, stats.count(StoreStats.CONFLICT));
        assertEquals(1, stats.count(StoreStats.FAILED));
        assertEquals(2 + 3 + 1 + 1 + 1, stats.bytesWritten(), "only what committed");
        // get "cde", then iterate ab=cde and k=1.
        assertEquals(3 + 5 + 2, stats.bytesRead());
    }

    @Test
    void callsThatThrowCountAsFailedWhateverTheyWere() {
        stores.createStore("m", MEMORY, null);
        Store store = stores.getStore("m");
        assertCode(ErrorCode.INVALID_ARGUMENT, () -> store.get(null));
        assertCode(ErrorCode.INVALID_ARGUMENT, () -> store.set(bytes("k"), null));
        assertCode(ErrorCode.INVALID_ARGUMENT, () -> store.delete(null));
        assertCode(ErrorCode.INVALID_ARGUMENT, () -> store.iterate(null));
        RuntimeException own = new IllegalStateException("the visitor's own");
        store.set(bytes("k"), bytes("v"));
        assertSame(own, assertThrows(IllegalStateException.class, () -> store.iterate((k, v) -> {
            throw own;
        })));
        assertCode(ErrorCode.VERSION_NOT_FOUND, () -> ((Versioned) store).loadVersion(99));

        StoreStats stats = stores.storeStats("m");
        assertEquals(6, stats.count(StoreStats.FAILED));
        assertEquals(1, stats.count(StoreStats.SET));
        assertEquals(0, stats.count(StoreStats.ITERATE) + stats.count(StoreStats.GET)
                + stats.count(StoreStats.LOAD_VERSION));
    }

    @Test
    void aClosedStoreIsUnavailableAndItsRefusalsCount() {
        stores.createStore("p", PERSISTENT, null);
        Store store = stores.getStore("p");
        store.close();
        assertCode(ErrorCode.STORE_CLOSED, () -> store.has(bytes("k")));
        StoreStats stats = stores.storeStats("p");
        assertEquals(1, stats.count(StoreStats.FAILED));
        assertEquals(0, stats.count(StoreStats.HAS));
        assertFalse(stats.available());
        assertEquals(-1, stats.versions());
        assertEquals(Map.of(), stats.engineMetrics());
    }

    @Test
    void countsStayWithTheHandleWhileItsEngineLeavesAndComesBack() {
        stores.createStore("p", PERSISTENT, null);
        Store store = stores.getStore("p");
        store.set(bytes("a"), bytes("1"));
        stores.unregisterEngine(PERSISTENT);
        assertCode(ErrorCode.ENGINE_UNAVAILABLE, () -> store.get(bytes("a")));
        StoreStats away = stores.storeStats("p");
        assertFalse(away.available());
        assertEquals(1, away.count(StoreStats.SET));
        assertEquals(1, away.count(StoreStats.FAILED));

        stores.registerEngine(new PersistentTestEngine(disk));
        store.set(bytes("b"), bytes("2"));
        StoreStats back = stores.storeStats("p");
        assertTrue(back.available());
        assertEquals(2, back.count(StoreStats.SET));
        assertEquals(-1, back.versions(), "the test engine has no versions");
    }

    @Test
    void versionsAreCountedAndADeletedStoreStartsAgainFromZero() {
        stores.createStore("m", MEMORY, null);
        Store store = stores.getStore("m");
        store.set(bytes("a"), bytes("1"));
        ((Versioned) store).saveVersion();
        ((Versioned) store).saveVersion();
        ((Versioned) store).loadVersion(1);
        StoreStats stats = stores.storeStats("m");
        assertEquals(2, stats.versions());
        assertEquals(2, stats.count(StoreStats.SAVE_VERSION));
        assertEquals(1, stats.count(StoreStats.LOAD_VERSION));

        stores.deleteStore("m");
        assertCode(ErrorCode.STORE_NOT_FOUND, () -> stores.storeStats("m"));
        stores.createStore("m", MEMORY, null);
        assertEquals(0, stores.storeStats("m").count(StoreStats.SET));
        assertCode(ErrorCode.INVALID_ARGUMENT, () -> stores.storeStats(null));
    }

    @Test
    void aStoreNotOpenedSinceTheRestartHasCountedNothing() throws Exception {
        stores.createStore("p", PERSISTENT, null);
        stores.getStore("p").set(bytes("a"), bytes("1"));
        DefaultMultiStore restarted = newMultiStore();
        StoreStats stats = restarted.storeStats("p");
        assertFalse(stats.available(), "its engine is not registered yet");
        assertEquals(PERSISTENT, stats.engine());
        assertEquals(0, stats.count(StoreStats.SET));
        assertTrue(Files.isDirectory(root));
    }

    @Test
    void whatTheFileEngineReportsIsShownBesideTheCounts() {
        stores.registerEngine(new FileEngine());
        stores.createStore("f", "file", Config.of("sync", "always"));
        Store store = stores.getStore("f");
        store.set(bytes("a"), bytes("1"));
        store.set(bytes("b"), bytes("2"));
        Map<String, Number> reported = stores.storeStats("f").engineMetrics();
        assertEquals(2L, reported.get(MetricsSource.ENTRIES).longValue());
        assertTrue(reported.get("fsyncs").longValue() >= 2, reported::toString);
        assertTrue(reported.get(MetricsSource.DISK_BYTES).longValue() > 0, reported::toString);
        assertEquals(0, stores.storeStats("f").versions());
    }

    @Test
    void withMetricsOffNothingIsCounted() {
        System.setProperty(DefaultMultiStore.METRICS_PROPERTY, "false");
        DefaultMultiStore off;
        try {
            off = newMultiStore();
        } finally {
            System.clearProperty(DefaultMultiStore.METRICS_PROPERTY);
        }
        off.registerEngine(new MemoryEngine());
        off.createStore("m", MEMORY, null);
        Store store = off.getStore("m");
        store.set(bytes("a"), bytes("1"));
        store.get(bytes("a"));
        assertCode(ErrorCode.INVALID_ARGUMENT, () -> store.get(null));
        try (Transaction tx = ((Transactional) store).beginTx()) {
            tx.set(bytes("b"), bytes("2"));
            tx.commit();
        }
        StoreStats stats = off.storeStats("m");
        stats.operations().values().forEach(count -> assertEquals(0L, count, stats::toString));
        assertEquals(0, stats.bytesWritten());
        assertEquals(LatencyPercentiles.NONE, stats.latency(StoreStats.COMMITS));
        assertNotEquals(Map.of(), stats.operations(), "every kind is listed, at zero");
    }
}
