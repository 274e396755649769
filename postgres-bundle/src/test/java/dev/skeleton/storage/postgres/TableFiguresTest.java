package dev.skeleton.storage.postgres;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skeleton.storage.Config;
import dev.skeleton.storage.MetricsSource;
import dev.skeleton.storage.Store;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A store's {@code entries} and {@code disk_bytes}, on a clock of the test's: queried at most once
 * per 5 s, exact for small tables and the planner's estimate above the threshold, and left as they
 * were when no connection is idle.
 */
class TableFiguresTest {

    private static final long SECOND = 1_000_000_000L;

    @TempDir
    Path directory;

    private TestDatabase database;
    private Database pools;
    private Store store;
    private final AtomicLong now = new AtomicLong();

    @BeforeEach
    void storeAndPools() {
        TestDatabase.server();
        database = new TestDatabase();
        store = database.engine().create("figured", directory.resolve("figured").toString(), Config.empty());
        pools = new Database(database.settings().withPoolSize(2));
        // A connection used once stays idle in the pool: the figures query only on an idle one.
        pools.autocommit("warming the pool", connection -> null);
    }

    @AfterEach
    void close() {
        pools.close();
        database.close();
    }

    @Test
    void theServerIsAskedAtMostOncePerFiveSeconds() throws SQLException {
        TableFigures figures = figures(Tuning.DEFAULTS);
        store.set(bytes("a"), bytes("1"));
        assertEquals(1L, entries(figures), "the first look queries");

        store.set(bytes("b"), bytes("2"));
        store.set(bytes("c"), bytes("3"));
        now.set(5 * SECOND - 1);
        assertEquals(1L, entries(figures), "not yet 5 s old");
        now.set(5 * SECOND);
        assertEquals(3L, entries(figures), "5 s old: queried again");

        store.delete(bytes("a"));
        now.set(10 * SECOND - 1);
        assertEquals(3L, entries(figures));
        now.set(10 * SECOND);
        assertEquals(2L, entries(figures));
    }

    @Test
    void aboveTheThresholdEntriesAreThePlannersEstimate() throws SQLException {
        TableFigures figures = figures(Tuning.DEFAULTS.withFigures(Duration.ZERO, 0));
        for (int i = 0; i < 5; i++) {
            store.set(bytes("k" + i), bytes("v"));
        }
        assertEquals(5L, entries(figures), "a table never analysed has no estimate: counted");

        analyse();
        for (int i = 5; i < 8; i++) {
            store.set(bytes("k" + i), bytes("v"));
        }
        assertEquals(5L, entries(figures), "the estimate of the last ANALYZE, not a count");
        analyse();
        assertEquals(8L, entries(figures));
    }

    @Test
    void withoutAnIdleConnectionTheLastFiguresStayAndNoLookWaits() throws SQLException {
        TableFigures figures = figures(Tuning.DEFAULTS);
        store.set(bytes("a"), bytes("1"));
        assertEquals(1L, entries(figures));
        store.set(bytes("b"), bytes("2"));

        try (Connection first = pools.connection("holding");
             Connection second = pools.connection("holding")) {
            now.set(5 * SECOND);
            long started = System.nanoTime();
            assertEquals(1L, entries(figures), "the pool is busy: the last figures");
            long millis = (System.nanoTime() - started) / 1_000_000;
            assertTrue(millis < 1000, "a look waited " + millis + " ms for the busy pool");
        }
        now.set(10 * SECOND);
        assertEquals(2L, entries(figures), "tried again once they were 5 s old again");
    }

    private TableFigures figures(Tuning tuning) throws SQLException {
        StoreSql sql = new StoreSql(database.schema(), database.storeId("figured"));
        return new TableFigures("figured", sql, pools, tuning.figuresMaxAge(), tuning.exactCountBelow(), now::get);
    }

    private static long entries(TableFigures figures) {
        Map<String, Number> metrics = new LinkedHashMap<>();
        figures.putInto(metrics);
        assertTrue(metrics.get(MetricsSource.DISK_BYTES).longValue() > 0, metrics.toString());
        return metrics.get(MetricsSource.ENTRIES).longValue();
    }

    private void analyse() throws SQLException {
        try (Connection connection = database.jdbc(); Statement statement = connection.createStatement()) {
            statement.execute("ANALYZE " + database.schema() + ".s_" + database.storeId("figured") + "_data");
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(UTF_8);
    }
}
