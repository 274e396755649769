package dev.skeleton.storage.postgres;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import com.zaxxer.hikari.pool.HikariPool;
import dev.skeleton.storage.StorageException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The engine's connections: a HikariCP pool over the PostgreSQL driver's data source for the
 * primary, a second one for reads when {@code read_from} sends them elsewhere (see
 * {@link DriverPool}), and the ways the engine uses a connection (one statement, one short
 * transaction, a connection kept for a long transaction).
 *
 * <p>The pools are given a data source object rather than a driver class name, so nothing is ever
 * loaded by name: in OSGi the driver and the pool are private to this bundle and need no thread
 * context class loader. The pools start without waiting for the server ({@code
 * initializationFailTimeout = -1}): an engine configured while its server is down is there at once,
 * its operations fail with {@code IO} until the server answers, and then work again by themselves.
 *
 * <h2>Commits whose outcome is unknown</h2>
 * A failure while a transaction's statements run leaves nothing applied: the server rolls back a
 * transaction whose connection goes. A connection lost while the COMMIT itself is in flight is
 * different: the server may have committed. {@link #inTransaction} reports that case as an
 * {@link UnconfirmedCommit}, which {@link SqlErrors} words as such and which nothing retries (the
 * retry loop of {@link #transaction(String, SqlWork, Predicate)} retries only conflicts, which the
 * server reports before it commits anything). The driver and the pool retry no statement
 * themselves.
 *
 * <p>Thread-safe.
 */
final class Database implements AutoCloseable {

    /** How often a short write is retried when the server reports a serialization failure. */
    private static final int WRITE_ATTEMPTS = 5;
    /** The longest {@link #idleConnection()} waits, should the idle connection it saw be taken meanwhile. */
    private static final long IDLE_WAIT_MILLIS = 100;

    private final PostgresSettings settings;
    private final HikariDataSource pool;
    /** The pool that reads; the primary's pool itself with {@code read_from=primary}. */
    private final HikariDataSource readPool;

    Database(PostgresSettings settings) {
        this.settings = settings;
        this.pool = DriverPool.primary(settings);
        this.readPool = settings.readFrom() == ReadFrom.PRIMARY ? pool : DriverPool.reads(settings);
    }

    /** Where the data lives, for messages: never with a password. */
    String server() {
        return settings.describe();
    }

    /** The schema of the stores. */
    String schema() {
        return settings.schema();
    }

    /**
     * A connection of the pool, in autocommit and READ COMMITTED; the caller closes it.
     *
     * @param what what it is for, for the message of a failure
     * @return the connection
     * @throws StorageException IO when none can be had within the connection timeout
     */
    Connection connection(String what) {
        return borrow(pool, what);
    }

    /**
     * A connection of the pool that reads (the primary's with {@code read_from=primary}), in
     * autocommit and READ COMMITTED; the caller closes it. Only for work that writes nothing.
     *
     * @param what what it is for, for the message of a failure
     * @return the connection
     * @throws StorageException IO when none can be had within the connection timeout
     */
    Connection readConnection(String what) {
        return borrow(readPool, what);
    }

    /** Whether reads have a pool of their own. */
    boolean readsElsewhere() {
        return readPool != pool;
    }

    /**
     * Whether a read failed on the read pool only because a lagging standby has not yet replayed the
     * creation of a store's tables (or because the store was destroyed, which the primary will say
     * again): worth one more attempt on the primary.
     *
     * @param e the read's failure
     * @return true if the read may be repeated on the primary
     */
    boolean isWorthReadingOnPrimary(SQLException e) {
        return readsElsewhere() && SqlErrors.isUndefinedTable(e);
    }

    private Connection borrow(HikariDataSource from, String what) {
        try {
            return from.getConnection();
        } catch (SQLException e) {
            throw SqlErrors.translate(e, what, server());
        }
    }

    /**
     * Runs one read in autocommit mode on the pool that reads; if a standby does not have the
     * store's tables yet, once more on the primary. Reads are repeatable without harm.
     *
     * @param what what is read, for messages
     * @param work the work; it must not write
     * @param <T>  its result
     * @return the result
     */
    <T> T read(String what, SqlWork<T> work) {
        try (Connection connection = readConnection(what)) {
            return work.run(connection);
        } catch (SQLException e) {
            if (isWorthReadingOnPrimary(e)) {
                return autocommit(what, work);
            }
            throw SqlErrors.translate(e, what, server());
        }
    }

    /**
     * Runs one piece of work on a connection in autocommit mode.
     *
     * @param what what is done, for messages
     * @param work the work
     * @param <T>  its result
     * @return the result
     */
    <T> T autocommit(String what, SqlWork<T> work) {
        try (Connection connection = connection(what)) {
            return work.run(connection);
        } catch (SQLException e) {
            throw SqlErrors.translate(e, what, server());
        }
    }

    /**
     * Runs one short READ COMMITTED transaction, committing when the work returns and rolling back
     * when it throws. A serialization failure or deadlock reported by the server (which a
     * PostgreSQL-compatible cluster may report for any transaction) is retried a few times, since
     * the work reads nothing the caller decided on.
     *
     * @param what what is done, for messages
     * @param work the work
     * @param <T>  its result
     * @return the result
     */
    <T> T transaction(String what, SqlWork<T> work) {
        return transaction(what, work, e -> false, RoundTrips.UNATTRIBUTED);
    }

    /**
     * As {@link #transaction(String, SqlWork)}, for a store: its commit or rollback counts in the
     * store's round trips, as its work's statements do.
     *
     * @param what  what is done, for messages
     * @param work  the work
     * @param trips the store's round trips
     * @param <T>   its result
     * @return the result
     */
    <T> T transaction(String what, SqlWork<T> work, RoundTrips trips) {
        return transaction(what, work, e -> false, trips);
    }

    /**
     * As {@link #transaction(String, SqlWork)}, also retrying the failures {@code retry} accepts.
     *
     * @param what  what is done, for messages
     * @param work  the work
     * @param retry which other failures are worth another attempt
     * @param <T>   its result
     * @return the result
     */
    <T> T transaction(String what, SqlWork<T> work, Predicate<SQLException> retry) {
        return transaction(what, work, retry, RoundTrips.UNATTRIBUTED);
    }

    private <T> T transaction(String what, SqlWork<T> work, Predicate<SQLException> retry, RoundTrips trips) {
        for (int attempt = 1; ; attempt++) {
            try (Connection connection = connection(what)) {
                return inTransaction(connection, work, trips);
            } catch (SQLException e) {
                // Never an unconfirmed commit: it may have been applied, and a retry would apply it twice.
                if (attempt < WRITE_ATTEMPTS && !(e instanceof UnconfirmedCommit)
                        && (SqlErrors.isConflict(e) || retry.test(e))) {
                    continue;
                }
                throw SqlErrors.translate(e, what, server());
            }
        }
    }

    /**
     * Runs work in a transaction on a given connection (READ COMMITTED), committing or rolling back,
     * and leaves the connection in autocommit mode.
     *
     * @param connection the connection
     * @param work       the work
     * @param trips      where its commit or rollback is counted
     * @param <T>        its result
     * @return the result
     * @throws SQLException as the work or the commit threw it, after the rollback; an
     *         {@link UnconfirmedCommit} when the connection was lost during the commit
     */
    static <T> T inTransaction(Connection connection, SqlWork<T> work, RoundTrips trips) throws SQLException {
        connection.setAutoCommit(false);
        try {
            T result = work.run(connection);
            trips.one();
            commit(connection);
            return result;
        } catch (UnconfirmedCommit e) {
            // Nothing to roll back on a connection that is gone, and nothing to say about it.
            throw e;
        } catch (SQLException | RuntimeException e) {
            trips.one();
            rollbackQuietly(connection, e);
            throw e;
        } finally {
            restoreAutocommit(connection);
        }
    }

    private static void commit(Connection connection) throws SQLException {
        try {
            connection.commit();
        } catch (SQLException e) {
            if (SqlErrors.isConnectionLoss(e)) {
                throw new UnconfirmedCommit(e);
            }
            throw e;
        }
    }

    /** Rolls back after a failure; a failing rollback is recorded with the failure, not thrown. */
    static void rollbackQuietly(Connection connection, Exception cause) {
        try {
            connection.rollback();
        } catch (SQLException rollbackFailure) {
            cause.addSuppressed(rollbackFailure);
        }
    }

    private static void restoreAutocommit(Connection connection) {
        try {
            connection.setAutoCommit(true);
        } catch (SQLException e) {
            // The connection is broken; the pool finds out and replaces it when it is returned.
        }
    }

    /**
     * A connection of the primary pool for work that may as well be skipped (the metrics' queries):
     * only if one is idle now, and then waiting at most {@value #IDLE_WAIT_MILLIS} ms for it, should
     * another thread take it first. Such work never competes with the stores' operations for a busy
     * pool, and never waits the connection timeout on a server that is gone: the pool holds no idle
     * connection to it. (Lending an idle connection, the pool may check it first: at most its
     * validation timeout on a server that stopped answering.)
     *
     * @return the connection, in autocommit; null if none was idle or the wait ran out
     */
    Connection idleConnection() {
        // The data source's MXBean is its pool, whose getConnection takes a timeout of its own.
        if (!(pool.getHikariPoolMXBean() instanceof HikariPool state) || state.getIdleConnections() == 0) {
            return null;
        }
        try {
            return state.getConnection(IDLE_WAIT_MILLIS);
        } catch (SQLException e) {
            return null;
        }
    }

    /**
     * Adds the pools' gauges to a store's metrics: connections lent now ({@code pool_active}), idle
     * ({@code pool_idle}), the pool's limit ({@code pool_max}) and the threads waiting for one
     * ({@code pool_waiting}); and {@code read_pool_active}, {@code read_pool_idle} when reads have a
     * pool of their own. The pools are this engine's, shared by all its stores. Cheap: counts of
     * the pool's own bookkeeping, no I/O.
     *
     * @param metrics where to put them
     */
    void putPoolMetrics(Map<String, Number> metrics) {
        // A data source made from a config starts its pool at once: its MXBean is never null here.
        HikariPoolMXBean primary = pool.getHikariPoolMXBean();
        metrics.put(StoreMetrics.POOL_ACTIVE, primary.getActiveConnections());
        metrics.put(StoreMetrics.POOL_IDLE, primary.getIdleConnections());
        metrics.put(StoreMetrics.POOL_MAX, pool.getMaximumPoolSize());
        metrics.put(StoreMetrics.POOL_WAITING, primary.getThreadsAwaitingConnection());
        if (readsElsewhere()) {
            HikariPoolMXBean reads = readPool.getHikariPoolMXBean();
            metrics.put(StoreMetrics.READ_POOL_ACTIVE, reads.getActiveConnections());
            metrics.put(StoreMetrics.READ_POOL_IDLE, reads.getIdleConnections());
        }
    }

    /** Closes every connection. Operations afterwards fail with {@code IO}. */
    @Override
    public void close() {
        if (readsElsewhere()) {
            readPool.close();
        }
        pool.close();
    }

    /**
     * Work on a connection.
     *
     * @param <T> its result
     */
    @FunctionalInterface
    interface SqlWork<T> {
        /**
         * Does the work.
         *
         * @param connection the connection to use; not to be closed
         * @return the result
         * @throws SQLException as JDBC throws it
         */
        T run(Connection connection) throws SQLException;
    }
}
