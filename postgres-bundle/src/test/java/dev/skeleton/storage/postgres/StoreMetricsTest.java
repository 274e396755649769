package dev.skeleton.storage.postgres;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skeleton.storage.Config;
import dev.skeleton.storage.ErrorCode;
import dev.skeleton.storage.MetricsSource;
import dev.skeleton.storage.StorageException;
import dev.skeleton.storage.Store;
import dev.skeleton.storage.Transaction;
import dev.skeleton.storage.Transactional;
import dev.skeleton.storage.Versioned;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A postgres store's metrics, on the module's test server: the counters count what the store sends,
 * the pool gauges follow the engine's pools, the table figures follow the table, and looking never
 * throws, even with the server gone or the store closed.
 */
class StoreMetricsTest {

    /** Table figures queried at every look, as the production interval would after it ran out. */
    private static final Tuning FRESH = Tuning.DEFAULTS.withFigures(Duration.ZERO, Tuning.EXACT_COUNT_BELOW);

    @TempDir
    Path directory;

    private TestDatabase database;

    @BeforeEach
    void freshSchema() {
        TestDatabase.server();
        database = new TestDatabase();
    }

    @AfterEach
    void closeEngines() {
        database.close();
    }

    @Test
    void roundTripsCountEachStatementCommitRollbackAndFurtherPage() {
        Store store = database.engine().create("trips", path("trips"), Config.empty());
        Transactional transactional = (Transactional) store;

        assertEquals(0, trips(store));
        assertThrows(StorageException.class, () -> store.get(bytes("missing")));
        assertEquals(1, trips(store), "one SELECT");
        store.set(bytes("k"), bytes("v"));
        assertEquals(4, trips(store), "the clock's lock, the write, the COMMIT");
        assertTrue(store.has(bytes("k")));
        assertEquals(5, trips(store));
        store.delete(bytes("k"));
        assertEquals(8, trips(store));

        try (Transaction transaction = transactional.beginTx()) {
            assertEquals(9, trips(store), "the snapshot's SET TRANSACTION and clock read go together");
            assertFalse(transaction.has(bytes("k")));
            assertEquals(10, trips(store));
            transaction.set(bytes("k"), bytes("v2"));
            assertEquals(10, trips(store), "a transaction's write is buffered");
            transaction.commit();
        }
        assertEquals(15, trips(store), "ROLLBACK of the snapshot, lock, validation, the batch, COMMIT");
        try (Transaction reading = transactional.beginReadOnlyTx()) {
            reading.commit();
        }
        assertEquals(17, trips(store), "the snapshot and its ROLLBACK");
        try (Transaction abandoned = transactional.beginTx()) {
            abandoned.set(bytes("x"), bytes("y"));
        }
        assertEquals(19, trips(store), "the snapshot and the ROLLBACK of close");

        try (Transaction bulk = transactional.beginTx()) {
            for (int i = 0; i < 600; i++) {
                bulk.set(bytes(String.format("row%04d", i)), bytes("v"));
            }
            bulk.commit();
        }
        assertEquals(25, trips(store), "600 writes are one batch");
        int[] visited = {0};
        store.iterate((key, value) -> ++visited[0] > 0);
        assertEquals(601, visited[0]);
        assertEquals(25 + 4, trips(store), "the SELECT, the pages after 256 and 512 rows, the ROLLBACK");
    }

    @Test
    void commitsCountChangesAndFailuresCountConflicts() {
        Store store = database.engine().create("commits", path("commits"), Config.empty());
        Transactional transactional = (Transactional) store;

        store.set(bytes("k"), bytes("1"));
        try (Transaction transaction = transactional.beginTx()) {
            transaction.set(bytes("other"), bytes("1"));
            transaction.commit();
        }
        ((Versioned) store).saveVersion();
        try (Transaction reading = transactional.beginReadOnlyTx()) {
            reading.get(bytes("k"));
            reading.commit();
        }
        assertEquals(3L, metrics(store).get(StoreMetrics.COMMITS), "a write, a commit, a save; no read-only commit");
        assertEquals(0L, metrics(store).get(StoreMetrics.COMMIT_FAILURES));

        Transaction loser = transactional.beginTx();
        loser.get(bytes("k"));
        store.set(bytes("k"), bytes("2"));
        loser.set(bytes("k"), bytes("3"));
        StorageException conflict = assertThrows(StorageException.class, loser::commit);
        assertEquals(ErrorCode.TX_CONFLICT, conflict.code());

        Map<String, Number> after = metrics(store);
        assertEquals(4L, after.get(StoreMetrics.COMMITS));
        assertEquals(1L, after.get(StoreMetrics.COMMIT_FAILURES));
    }

    @Test
    void poolGaugesFollowThePrimaryPoolWhichTheEnginesStoresShare() {
        PostgresEngine engine = database.track(PostgresEngine.connect(database.settings().withPoolSize(4)));
        Store store = engine.create("pooled", path("pooled"), Config.empty());
        Store sibling = engine.create("sibling", path("sibling"), Config.empty());
        store.set(bytes("k"), bytes("v"));

        Map<String, Number> idle = metrics(store);
        assertEquals(4, idle.get(StoreMetrics.POOL_MAX));
        assertEquals(0, idle.get(StoreMetrics.POOL_ACTIVE), "nothing holds a connection now");
        assertTrue(idle.get(StoreMetrics.POOL_IDLE).intValue() >= 1, idle.toString());
        assertTrue(idle.get(StoreMetrics.POOL_IDLE).intValue() <= 4, idle.toString());
        assertEquals(0, idle.get(StoreMetrics.POOL_WAITING));
        assertFalse(idle.containsKey(StoreMetrics.READ_POOL_ACTIVE), "no read pool with read_from=primary");
        assertFalse(idle.containsKey(StoreMetrics.READ_POOL_IDLE));

        try (Transaction first = ((Transactional) store).beginTx();
             Transaction second = ((Transactional) store).beginTx()) {
            Map<String, Number> busy = metrics(store);
            int active = busy.get(StoreMetrics.POOL_ACTIVE).intValue();
            assertTrue(active >= 2 && active <= 4, busy.toString());
            assertTrue(active + busy.get(StoreMetrics.POOL_IDLE).intValue() <= 4, busy.toString());
            assertEquals(active, metrics(sibling).get(StoreMetrics.POOL_ACTIVE), "one pool for the engine");
        }
        assertEquals(0, metrics(store).get(StoreMetrics.POOL_ACTIVE), "connections go back with the transactions");
    }

    @Test
    void aReadPoolHasGaugesOfItsOwn() {
        PostgresEngine engine = database.track(PostgresEngine.connect(database.settings().withReadFrom(ReadFrom.STANDBY)));
        Store store = engine.create("reads", path("reads"), Config.empty());

        try (Transaction reading = ((Transactional) store).beginReadOnlyTx()) {
            Map<String, Number> metrics = metrics(store);
            assertEquals(1, metrics.get(StoreMetrics.READ_POOL_ACTIVE), "a read-only transaction holds a read connection");
            assertTrue(metrics.get(StoreMetrics.READ_POOL_IDLE).intValue() >= 0);
            assertEquals(0, metrics.get(StoreMetrics.POOL_ACTIVE), "and none of the primary pool");
        }
        assertEquals(0, metrics(store).get(StoreMetrics.READ_POOL_ACTIVE));
    }

    @Test
    void entriesAndDiskBytesFollowTheTable() throws Exception {
        Store store = database.engine(FRESH).create("sized", path("sized"), Config.empty());
        Map<String, Number> empty = metrics(store);
        assertEquals(0L, empty.get(MetricsSource.ENTRIES));
        long emptyBytes = empty.get(MetricsSource.DISK_BYTES).longValue();
        assertTrue(emptyBytes > 0, "the empty tables' indexes and meta row take pages: " + empty);

        // Random bytes, so that TOAST's compression cannot shrink them: 2 MB the tables must hold.
        Random random = new Random(42);
        for (int i = 0; i < 20; i++) {
            byte[] value = new byte[100_000];
            random.nextBytes(value);
            store.set(bytes("big" + i), value);
        }
        store.set(bytes("small"), bytes("v"));
        Map<String, Number> full = metrics(store);
        assertEquals(21L, full.get(MetricsSource.ENTRIES));
        assertEquals(database.count("SELECT count(*) FROM {schema}.s_" + database.storeId("sized") + "_data"),
                full.get(MetricsSource.ENTRIES).longValue());
        assertTrue(full.get(MetricsSource.DISK_BYTES).longValue() >= emptyBytes + 2_000_000, full.toString());

        store.delete(bytes("big0"));
        assertEquals(20L, metrics(store).get(MetricsSource.ENTRIES));
        assertEquals(List.of(MetricsSource.ENTRIES, MetricsSource.DISK_BYTES, StoreMetrics.ROUND_TRIPS,
                StoreMetrics.COMMITS, StoreMetrics.COMMIT_FAILURES, StoreMetrics.POOL_ACTIVE, StoreMetrics.POOL_IDLE,
                StoreMetrics.POOL_MAX, StoreMetrics.POOL_WAITING), List.copyOf(metrics(store).keySet()));
    }

    @Test
    void theFiguresAreReusedUntilTheyAreOld() {
        Store store = database.engine(Tuning.DEFAULTS.withFigures(Duration.ofHours(1), Tuning.EXACT_COUNT_BELOW))
                .create("cached", path("cached"), Config.empty());
        store.set(bytes("a"), bytes("1"));
        long tripsBefore = trips(store);
        assertEquals(1L, metrics(store).get(MetricsSource.ENTRIES));

        store.set(bytes("b"), bytes("2"));
        assertEquals(1L, metrics(store).get(MetricsSource.ENTRIES), "an hour has not passed: no new query");
        assertEquals(tripsBefore + 3, trips(store), "the metrics' own queries are not the store's round trips");
    }

    @Test
    void aClosedStoreHasNoMetricsAndEveryMapIsTheCallers() {
        PostgresEngine engine = database.engine();
        Store store = engine.create("closing", path("closing"), Config.empty());
        Store other = engine.create("other", path("other"), Config.empty());
        Map<String, Number> mine = metrics(store);
        mine.clear();
        assertFalse(metrics(store).isEmpty(), "changing a map that was handed out changes nothing");

        store.close();
        assertEquals(Map.of(), metrics(store));
        assertEquals(Map.of(), metrics(store));
        engine.close();
        assertEquals(Map.of(), metrics(other), "closing the engine closes its stores");
    }

    @Test
    void anUnreachableServerStillGivesTheInMemoryMetricsAtOnce() throws IOException {
        // Nothing listens there: the pool never holds a connection, and an operation would wait 5 s.
        String nowhere = "jdbc:postgresql://127.0.0.1:" + freePort() + "/nowhere";
        PostgresSettings settings = PostgresSettings.of(nowhere, "nobody", null).withConnectTimeoutMillis(5000);
        try (Database unreachable = new Database(settings)) {
            PostgresStore store = new PostgresStore("lost", path("lost"), unreachable, new Catalog.Entry("0", 0),
                    FRESH, Runnable::run, closed -> { });
            for (int look = 0; look < 3; look++) {
                long started = System.nanoTime();
                Map<String, Number> metrics = store.metrics();
                long millis = (System.nanoTime() - started) / 1_000_000;
                assertTrue(millis < 1000, "a look took " + millis + " ms, waiting for a connection that cannot be had");
                assertEquals(Set.of(StoreMetrics.ROUND_TRIPS, StoreMetrics.COMMITS, StoreMetrics.COMMIT_FAILURES,
                        StoreMetrics.POOL_ACTIVE, StoreMetrics.POOL_IDLE, StoreMetrics.POOL_MAX,
                        StoreMetrics.POOL_WAITING), metrics.keySet(), "no table figures were ever read");
                assertEquals(0, metrics.get(StoreMetrics.POOL_IDLE));
                assertEquals(PostgresSettings.DEFAULT_POOL_SIZE, metrics.get(StoreMetrics.POOL_MAX));
            }
            store.close();
            assertEquals(Map.of(), store.metrics());
        }
    }

    @Test
    void aStoreDestroyedElsewhereKeepsItsLastFiguresAndNeverThrows() {
        Store store = database.engine(FRESH).create("gone", path("gone"), Config.empty());
        store.set(bytes("a"), bytes("1"));
        store.set(bytes("b"), bytes("2"));
        Map<String, Number> before = metrics(store);
        assertEquals(2L, before.get(MetricsSource.ENTRIES));

        database.engine().destroy("gone", path("elsewhere"));
        Map<String, Number> after = metrics(store);
        assertEquals(before.get(MetricsSource.ENTRIES), after.get(MetricsSource.ENTRIES));
        assertEquals(before.get(MetricsSource.DISK_BYTES), after.get(MetricsSource.DISK_BYTES));
        StorageException gone = assertThrows(StorageException.class, () -> store.set(bytes("c"), bytes("3")));
        assertEquals(1L, metrics(store).get(StoreMetrics.COMMIT_FAILURES), gone.getMessage());
    }

    private static Map<String, Number> metrics(Store store) {
        return assertInstanceOf(MetricsSource.class, store).metrics();
    }

    private static long trips(Store store) {
        return metrics(store).get(StoreMetrics.ROUND_TRIPS).longValue();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private String path(String name) {
        return directory.resolve(name).toString();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(UTF_8);
    }
}
