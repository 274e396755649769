package dev.skeleton.storage.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.skeleton.storage.ErrorCode;
import dev.skeleton.storage.StorageException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The engine's connections: a HikariCP pool over the PostgreSQL driver's data source, and the three
 * ways the engine uses a connection (one statement, one short transaction, a connection kept for a
 * long transaction).
 *
 * <p>The pool is given a data source object rather than a driver class name, so nothing is ever
 * loaded by name: in OSGi the driver and the pool are private to this bundle and need no thread
 * context class loader. The pool starts without waiting for the server ({@code
 * initializationFailTimeout = -1}): an engine configured while its server is down is there at once,
 * its operations fail with {@code IO} until the server answers, and then work again by themselves.
 *
 * <p>Thread-safe.
 */
final class Database implements AutoCloseable {

    /** How often a short write is retried when the server reports a serialization failure. */
    private static final int WRITE_ATTEMPTS = 5;
    private static final AtomicInteger POOLS = new AtomicInteger();

    private final PostgresSettings settings;
    private final HikariDataSource pool;

    Database(PostgresSettings settings) {
        this.settings = settings;
        PGSimpleDataSource source = new PGSimpleDataSource();
        try {
            source.setURL(settings.url());
        } catch (IllegalArgumentException e) {
            throw new StorageException(ErrorCode.INVALID_CONFIG, "postgres engine: config key url is not a "
                    + "PostgreSQL JDBC url: " + PostgresSettings.withoutParameters(settings.url()), e);
        }
        if (settings.user() != null) {
            source.setUser(settings.user());
        }
        if (settings.password() != null) {
            source.setPassword(settings.password());
        }
        // A dead peer must not hang a connection forever.
        source.setTcpKeepAlive(true);
        source.setApplicationName("skeleton-storage");
        HikariConfig config = new HikariConfig();
        config.setDataSource(source);
        config.setPoolName("skeleton-postgres-" + POOLS.incrementAndGet());
        config.setMaximumPoolSize(settings.poolSize());
        config.setMinimumIdle(1);
        config.setConnectionTimeout(settings.connectTimeoutMillis());
        config.setValidationTimeout(Math.max(250, settings.connectTimeoutMillis() / 2));
        config.setInitializationFailTimeout(-1);
        config.setAutoCommit(true);
        config.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
        this.pool = new HikariDataSource(config);
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
        try {
            return pool.getConnection();
        } catch (SQLException e) {
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
        return transaction(what, work, e -> false);
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
        for (int attempt = 1; ; attempt++) {
            try (Connection connection = connection(what)) {
                return inTransaction(connection, work);
            } catch (SQLException e) {
                if (attempt < WRITE_ATTEMPTS && (SqlErrors.isConflict(e) || retry.test(e))) {
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
     * @param <T>        its result
     * @return the result
     * @throws SQLException as the work or the commit threw it, after the rollback
     */
    static <T> T inTransaction(Connection connection, SqlWork<T> work) throws SQLException {
        connection.setAutoCommit(false);
        try {
            T result = work.run(connection);
            connection.commit();
            return result;
        } catch (SQLException | RuntimeException e) {
            rollbackQuietly(connection, e);
            throw e;
        } finally {
            restoreAutocommit(connection);
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

    /** Closes every connection. Operations afterwards fail with {@code IO}. */
    @Override
    public void close() {
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
