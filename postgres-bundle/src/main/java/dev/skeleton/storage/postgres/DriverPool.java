package dev.skeleton.storage.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.SQLExceptionOverride;
import dev.skeleton.storage.ErrorCode;
import dev.skeleton.storage.StorageException;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * How the engine's HikariCP pools are made over the PostgreSQL driver: one for the primary (writes,
 * read-write transactions, versions, the catalog) and, with {@code read_from} other than
 * {@code primary}, one for reads.
 *
 * <h2>Finding the primary, and finding it again</h2>
 * The driver picks the server of a multi-host url when it opens a connection: with
 * {@code targetServerType=primary} it asks each host in turn whether it is in recovery and takes
 * the one that is not. It remembers what each host was for {@code hostRecheckSeconds} (10 by
 * default; the engine makes it {@value #HOST_RECHECK_SECONDS} unless the url says otherwise), and
 * when no remembered host fits it tries them all again, so a promoted standby is found by the next
 * connection opened after the promotion. The pool drops a connection whose use failed with a lost
 * connection (SQLState class 08, 57P01..3) at once, and checks an idle connection before handing it
 * out (after half a second of idleness), so the connections to a dead primary go within one
 * attempt each, and new ones are opened where the driver finds the primary.
 *
 * <h2>Settings on every connection</h2>
 * {@code synchronous_commit} travels as a startup parameter ({@code options=-c ...}, added to the
 * url's own {@code options}): it costs no round trip, applies before the first statement of every
 * connection either pool ever opens (after a failover too), is the session's default so that a
 * {@code RESET} keeps it, and the server checks it at connect.
 *
 * <p>The read pool's connections live {@value #READ_POOL_LIFETIME_MS} ms at most: after a failover
 * they are on the new primary (a standby was not there), and so they move back to a standby once one
 * answers again (the old primary rejoining), within that time.
 */
final class DriverPool {

    /** How long the driver trusts what it learnt about a host's role, unless the url says. */
    static final int HOST_RECHECK_SECONDS = 2;
    /** The lifetime of a read connection: Hikari's least. */
    static final long READ_POOL_LIFETIME_MS = 30_000;

    private static final AtomicInteger POOLS = new AtomicInteger();

    private DriverPool() {
    }

    /**
     * The pool that writes: to the primary, whatever the url's order of hosts.
     *
     * @param settings the engine's settings
     * @return the pool; it connects when first used
     */
    static HikariDataSource primary(PostgresSettings settings) {
        PGSimpleDataSource source = source(settings);
        source.setTargetServerType("primary");
        return pool(settings, source, "primary", Long.MIN_VALUE, new ReadOnlyServerEviction());
    }

    /**
     * Drops a primary-pool connection whose server refused a write as read-only (SQLState
     * {@code 25006}): that server is no longer the primary while the connection lives on, as behind a
     * proxy or a moved address after a planned switchover. Hikari would keep it (to Hikari 25006 is
     * an ordinary error) and every write lent it would fail until its lifetime ends; dropped, the
     * next connection is opened where the driver finds the primary.
     */
    static final class ReadOnlyServerEviction implements SQLExceptionOverride {

        /** PostgreSQL's read_only_sql_transaction. */
        static final String READ_ONLY_SQL_TRANSACTION = "25006";

        // java.lang's, spelt out: the interface's own enum Override hides it here.
        @java.lang.Override
        public SQLExceptionOverride.Override adjudicate(SQLException e) {
            return READ_ONLY_SQL_TRANSACTION.equals(e.getSQLState())
                    ? SQLExceptionOverride.Override.MUST_EVICT
                    : SQLExceptionOverride.Override.CONTINUE_EVICT;
        }
    }

    /**
     * The pool that reads, as {@code read_from} says.
     *
     * @param settings the engine's settings, with {@code read_from} other than primary
     * @return the pool; it connects when first used
     */
    static HikariDataSource reads(PostgresSettings settings) {
        PGSimpleDataSource source = source(settings);
        source.setTargetServerType(settings.readFrom().targetServerType());
        if (settings.readFrom() == ReadFrom.ANY) {
            source.setLoadBalanceHosts(true);
        }
        return pool(settings, source, "reads", READ_POOL_LIFETIME_MS, null);
    }

    private static PGSimpleDataSource source(PostgresSettings settings) {
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
        if (PostgresSettings.urlParameter(settings.url(), "hostRecheckSeconds") == null) {
            source.setHostRecheckSeconds(HOST_RECHECK_SECONDS);
        }
        if (settings.synchronousCommit() != null) {
            String own = source.getOptions();
            String ours = "-c synchronous_commit=" + settings.synchronousCommit();
            source.setOptions(own == null || own.isBlank() ? ours : own + " " + ours);
        }
        return source;
    }

    private static HikariDataSource pool(PostgresSettings settings, PGSimpleDataSource source, String role,
            long maxLifetimeMillis, SQLExceptionOverride exceptionOverride) {
        HikariConfig config = new HikariConfig();
        if (exceptionOverride != null) {
            config.setExceptionOverride(exceptionOverride);
        }
        config.setDataSource(source);
        config.setPoolName("skeleton-postgres-" + POOLS.incrementAndGet() + "-" + role);
        config.setMaximumPoolSize(settings.poolSize());
        config.setMinimumIdle(1);
        config.setConnectionTimeout(settings.connectTimeoutMillis());
        config.setValidationTimeout(Math.max(250, settings.connectTimeoutMillis() / 2));
        config.setInitializationFailTimeout(-1);
        config.setAutoCommit(true);
        config.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
        if (maxLifetimeMillis != Long.MIN_VALUE) {
            config.setMaxLifetime(maxLifetimeMillis);
            // Both must be shorter than the lifetime to mean anything (Hikari warns otherwise).
            config.setIdleTimeout(maxLifetimeMillis / 2);
            config.setKeepaliveTime(0);
        }
        return new HikariDataSource(config);
    }
}
