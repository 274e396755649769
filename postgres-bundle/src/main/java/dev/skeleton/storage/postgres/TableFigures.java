package dev.skeleton.storage.postgres;

import dev.skeleton.storage.MetricsSource;
import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;

/**
 * A store's {@code entries} and {@code disk_bytes}: the two metrics that only the server knows, so
 * that each costs a query. They are read at most once per {@link Tuning#figuresMaxAge()} (5 s) and
 * reused meanwhile.
 *
 * <h2>Who queries, and when</h2>
 * The caller of {@link #putInto} that finds the figures older than that queries, on its own
 * thread; callers that come while it does get the figures it is replacing, without waiting. A
 * query that fails, or that finds no idle connection ({@link Database#idleConnection()}: a pool
 * that is busy or a server that is gone), leaves the last figures in place, however old, and is
 * tried again once they are stale again; before any query succeeded there are none, and the two
 * keys are missing. Nothing here throws.
 *
 * <h2>Exact or estimated entries</h2>
 * One query reads the planner's estimate of the data table's rows ({@code pg_class.reltuples}, as
 * of the last {@code VACUUM} or {@code ANALYZE}, which autovacuum repeats after every 10-20 % of
 * change) with the sizes. Below {@link Tuning#exactCountBelow()} estimated rows (100,000), and for
 * a table never analysed (estimate -1), a second query counts the rows exactly: a scan of that many
 * small rows takes milliseconds. Above, the estimate stands: an exact count would scan the whole
 * table every 5 s, holding a connection for seconds on a large store, to refine a figure that is
 * only ever looked at. So {@code entries} is exact for small stores and within autovacuum's
 * tolerance for large ones (it can lag behind a bulk load or a mass delete until autovacuum runs).
 * A count of a never-analysed table beyond what the query timeout allows fails, and
 * {@code entries} stays as it was.
 *
 * <h2>What the queries hold</h2>
 * An idle connection of the primary pool, in autocommit, for one or two statements, each
 * cancelled after {@value #QUERY_TIMEOUT_SECONDS} s. Both read: {@code count(*)} and the size
 * functions take the weakest table lock, which no write waits for (only a {@code DROP} does).
 *
 * <p>Thread-safe.
 */
final class TableFigures {

    /** How long a figure's query may run before the driver cancels it. */
    static final int QUERY_TIMEOUT_SECONDS = 1;

    private static final System.Logger LOGGER = System.getLogger("dev.skeleton.storage.postgres");

    private final String store;
    private final StoreSql sql;
    private final Database database;
    private final long maxAgeNanos;
    private final long exactBelow;
    private final LongSupplier nanoClock;
    /** Held by the one caller that queries; the others go on with the last figures. */
    private final AtomicBoolean querying = new AtomicBoolean();
    private volatile Figures last;
    /** When the last query was started, by {@link #nanoClock}; meaningless until {@link #tried}. */
    private volatile long lastTry;
    private volatile boolean tried;

    /**
     * @param store      the store's name, for the log
     * @param sql        its SQL
     * @param database   where it lives
     * @param maxAge     how long figures are reused
     * @param exactBelow the estimated rows up to which entries are counted exactly
     * @param nanoClock  the time, in nanoseconds, as {@link System#nanoTime()}
     */
    TableFigures(String store, StoreSql sql, Database database, Duration maxAge, long exactBelow,
            LongSupplier nanoClock) {
        this.store = store;
        this.sql = sql;
        this.database = database;
        this.maxAgeNanos = maxAge.toNanos();
        this.exactBelow = exactBelow;
        this.nanoClock = nanoClock;
    }

    /** A store's figures as of one look. */
    private record Figures(long entries, long diskBytes) {
    }

    /**
     * Adds {@code entries} and {@code disk_bytes}, querying first if the last figures are stale.
     *
     * @param metrics where to put them
     */
    void putInto(Map<String, Number> metrics) {
        refreshIfStale();
        Figures figures = last;
        if (figures != null) {
            metrics.put(MetricsSource.ENTRIES, figures.entries());
            metrics.put(MetricsSource.DISK_BYTES, figures.diskBytes());
        }
    }

    private void refreshIfStale() {
        if (!isStale() || !querying.compareAndSet(false, true)) {
            return;
        }
        try {
            // Another caller may have queried between the look above and taking the flag.
            if (isStale()) {
                lastTry = nanoClock.getAsLong();
                tried = true;
                Figures fresh = query();
                if (fresh != null) {
                    last = fresh;
                }
            }
        } finally {
            querying.set(false);
        }
    }

    private boolean isStale() {
        return !tried || nanoClock.getAsLong() - lastTry >= maxAgeNanos;
    }

    /** The figures now, or null if they cannot be had now. */
    private Figures query() {
        try (Connection connection = database.idleConnection()) {
            if (connection == null) {
                return null;
            }
            try (Statement statement = connection.createStatement()) {
                statement.setQueryTimeout(QUERY_TIMEOUT_SECONDS);
                long estimate;
                long diskBytes;
                try (ResultSet row = statement.executeQuery(sql.sizes)) {
                    row.next();
                    estimate = row.getLong(1);
                    diskBytes = row.getLong(2);
                }
                return new Figures(estimate >= exactBelow ? estimate : count(statement), diskBytes);
            }
        } catch (SQLException | RuntimeException e) {
            // Metrics are looked at, not relied on: the last figures stay, the next look retries.
            LOGGER.log(Level.DEBUG, () -> "reading the size of store " + store + " on " + database.server()
                    + " failed; its metrics keep their last entries and disk_bytes", e);
            return null;
        }
    }

    private long count(Statement statement) throws SQLException {
        try (ResultSet row = statement.executeQuery(sql.count)) {
            row.next();
            return row.getLong(1);
        }
    }
}
