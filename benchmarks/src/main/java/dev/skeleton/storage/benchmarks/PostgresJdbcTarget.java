package dev.skeleton.storage.benchmarks;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.SplittableRandom;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The baseline of the postgres suite: what the engine's operations cost when nothing but the SQL
 * is done. It keeps a store in the four tables the engine makes for one ({@code s_<id>_data},
 * {@code _log}, {@code _versions}, {@code _meta}, with the same columns, keys and index), and sends
 * the statements the engine sends for the same operation, text for text (see {@link PostgresTarget}
 * for the list), over connections of the PostgreSQL driver itself: no pool, no engine code.
 *
 * <h2>Connections</h2>
 * Every thread has its own connections, opened on first use and each kept in one mode for good, so
 * no statement is ever spent switching modes: a <em>writer</em> (READ COMMITTED, autocommit off),
 * a <em>reader</em> for gets (autocommit on, as the engine's gets are) and a <em>scanner</em>
 * (READ COMMITTED, read-only, autocommit off: one SELECT reads one snapshot). A benchmark uses one kind, so a measured thread
 * works on one connection. Its prepared statements are made once per thread and store and reused,
 * which is what the engine gets from the driver's per-connection statement cache.
 *
 * <h2>Keeping in step</h2>
 * The SQL below is written out again from the engine's {@code StoreSql} and {@code StoreWriter};
 * when the engine's statements change, these must change with them, or the comparison is void.
 */
final class PostgresJdbcTarget implements PostgresTarget {

    /** Rows per fetch of a scan: the engine's {@code RowCursor.FETCH_SIZE}. */
    private static final int FETCH_SIZE = 256;
    /** The meta row's hash lanes: the empty content hash, 64 lanes of 8 zero bytes, as the engine stores it. */
    private static final int HASH_STATE_BYTES = 512;

    private final JdbcClient client;
    private final String data;
    private final String log;
    private final String versions;
    private final String meta;
    private final String readClock;
    private final String beginSnapshot;
    private final String lock;
    private final String set;
    private final String changedKey;
    private final String get;
    private final String scan;
    private final ThreadLocal<Prepared> prepared = ThreadLocal.withInitial(this::prepareForThread);
    private final List<Prepared> allPrepared = new ArrayList<>();

    private PostgresJdbcTarget(JdbcClient client, String id) {
        this.client = client;
        String prefix = client.schema + ".s_" + id;
        data = prefix + "_data";
        log = prefix + "_log";
        versions = prefix + "_versions";
        meta = prefix + "_meta";
        readClock = "SELECT seq FROM " + meta + " WHERE id = 1";
        beginSnapshot = "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ; " + readClock;
        lock = "UPDATE " + meta + " SET seq = seq + 1 WHERE id = 1 RETURNING seq, pruned_seq";
        set = "WITH logged AS (INSERT INTO " + log + " (seq, key, old_value) SELECT ?, ?, (SELECT value FROM "
                + data + " WHERE key = ?)) INSERT INTO " + data
                + " (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value";
        changedKey = "SELECT key FROM " + log + " WHERE seq > ? AND key = ANY (?) LIMIT 1";
        get = "SELECT value FROM " + data + " WHERE key = ?";
        scan = "SELECT key, value FROM " + data + " WHERE key >= ? AND key < ? ORDER BY key";
    }

    /** Makes the tables and the meta row, as the engine's catalog does for a new store. */
    private void createTables() {
        Connection connection = client.session().writer();
        try {
            try (Statement ddl = connection.createStatement()) {
                ddl.execute("CREATE TABLE " + data + " (key BYTEA PRIMARY KEY, value BYTEA NOT NULL)");
                ddl.execute("CREATE TABLE " + log + " (seq BIGINT NOT NULL, key BYTEA NOT NULL, old_value BYTEA,"
                        + " PRIMARY KEY (key, seq))");
                ddl.execute("CREATE INDEX " + log.substring(log.indexOf('.') + 1) + "_by_seq ON " + log + " (seq)");
                ddl.execute("CREATE TABLE " + versions + " (version BIGINT PRIMARY KEY, seq BIGINT NOT NULL,"
                        + " hash BYTEA NOT NULL, lanes BYTEA NOT NULL)");
                ddl.execute("CREATE TABLE " + meta + " (id INT PRIMARY KEY, seq BIGINT NOT NULL,"
                        + " current_version BIGINT NOT NULL, next_version BIGINT NOT NULL, hash_seq BIGINT NOT NULL,"
                        + " hash_lanes BYTEA NOT NULL, pruned_seq BIGINT NOT NULL)");
            }
            try (PreparedStatement row = connection.prepareStatement("INSERT INTO " + meta
                    + " (id, seq, current_version, next_version, hash_seq, hash_lanes, pruned_seq)"
                    + " VALUES (1, 0, 0, 1, 0, ?, 0)")) {
                row.setBytes(1, new byte[HASH_STATE_BYTES]);
                row.executeUpdate();
            }
            connection.commit();
        } catch (SQLException e) {
            throw failed(connection, e, "creating the tables of " + data);
        }
    }

    @Override
    public void set(byte[] key, byte[] value) {
        Prepared statements = prepared.get();
        Connection connection = statements.session.writer();
        try {
            long seq = lockClock(statements.lock());
            PreparedStatement write = statements.set();
            bindSet(write, seq, key, value);
            write.executeUpdate();
            connection.commit();
        } catch (SQLException e) {
            throw failed(connection, e, "a direct write");
        }
    }

    @Override
    public void load(byte[][] keys, byte[][] values, int from, int to) {
        // The engine buffers a transaction's writes in key order and sends them in that order;
        // the same statements in the same order make the server do the same work.
        Integer[] order = new Integer[to - from];
        for (int i = 0; i < order.length; i++) {
            order[i] = from + i;
        }
        Arrays.sort(order, (a, b) -> Arrays.compareUnsigned(keys[a], keys[b]));
        byte[][] sortedKeys = new byte[order.length][];
        for (int i = 0; i < order.length; i++) {
            sortedKeys[i] = keys[order[i]];
        }
        Prepared statements = prepared.get();
        Connection connection = statements.session.writer();
        try {
            // As the engine: the snapshot transaction (its isolation set for it alone, with the clock
            // read in the same round trip), ended before the commit's own transaction.
            long beginSeq;
            try (Statement snapshot = connection.createStatement()) {
                boolean rows = snapshot.execute(beginSnapshot);
                while (!rows && snapshot.getUpdateCount() != -1) {
                    rows = snapshot.getMoreResults();
                }
                try (ResultSet row = snapshot.getResultSet()) {
                    row.next();
                    beginSeq = row.getLong(1);
                }
            }
            connection.rollback();
            long seq = lockClock(statements.lock());
            Array written = connection.createArrayOf("bytea", sortedKeys);
            try {
                PreparedStatement changed = statements.changedKey();
                changed.setLong(1, beginSeq);
                changed.setArray(2, written);
                try (ResultSet row = changed.executeQuery()) {
                    if (row.next()) {
                        throw new IllegalStateException("the baseline's load met a change it did not make");
                    }
                }
            } finally {
                written.free();
            }
            PreparedStatement write = statements.set();
            for (Integer index : order) {
                bindSet(write, seq, keys[index], values[index]);
                write.addBatch();
            }
            write.executeBatch();
            connection.commit();
        } catch (SQLException e) {
            throw failed(connection, e, "a load");
        }
    }

    @Override
    public byte[] get(byte[] key) {
        Prepared statements = prepared.get();
        try {
            PreparedStatement select = statements.get();
            select.setBytes(1, key);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    throw new IllegalStateException("the baseline lost a key");
                }
                return row.getBytes(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("a get failed: " + e, e);
        }
    }

    @Override
    public int range(byte[] start, byte[] end, Blackhole sink) {
        Prepared statements = prepared.get();
        Connection connection = statements.session.scanner();
        int visited = 0;
        try {
            PreparedStatement select = statements.scan();
            select.setBytes(1, start);
            select.setBytes(2, end);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    sink.consume(rows.getBytes(1));
                    sink.consume(rows.getBytes(2));
                    visited++;
                }
            }
            // The engine ends its read-only snapshot this way too.
            connection.rollback();
            return visited;
        } catch (SQLException e) {
            throw failed(connection, e, "a range scan");
        }
    }

    @Override
    public void drop() {
        synchronized (allPrepared) {
            for (Prepared statements : allPrepared) {
                statements.close();
            }
            allPrepared.clear();
        }
        Connection connection = client.session().writer();
        try (Statement ddl = connection.createStatement()) {
            for (String table : List.of(meta, versions, log, data)) {
                ddl.execute("DROP TABLE IF EXISTS " + table);
            }
            connection.commit();
        } catch (SQLException e) {
            throw failed(connection, e, "dropping the tables of " + data);
        }
    }

    private static long lockClock(PreparedStatement lock) throws SQLException {
        try (ResultSet row = lock.executeQuery()) {
            if (!row.next()) {
                throw new SQLException("the baseline's meta row is missing");
            }
            // The engine reads both columns: the second one tells it how far the log was pruned.
            row.getLong(2);
            return row.getLong(1);
        }
    }

    /** The parameters of the logging upsert, in the order its text takes them. */
    private static void bindSet(PreparedStatement write, long seq, byte[] key, byte[] value) throws SQLException {
        write.setLong(1, seq);
        write.setBytes(2, key);
        write.setBytes(3, key);
        write.setBytes(4, key);
        write.setBytes(5, value);
    }

    private static IllegalStateException failed(Connection connection, SQLException e, String what) {
        try {
            connection.rollback();
        } catch (SQLException rollbackFailure) {
            e.addSuppressed(rollbackFailure);
        }
        return new IllegalStateException("the JDBC baseline failed at " + what + ": " + e, e);
    }

    private Prepared prepareForThread() {
        Prepared statements = new Prepared(client.session());
        synchronized (allPrepared) {
            allPrepared.add(statements);
        }
        return statements;
    }

    /**
     * One thread's prepared statements on this store, each made on first use on the connection of
     * its kind, then reused for the life of the store.
     */
    private final class Prepared {

        final Session session;
        private PreparedStatement readClockStatement;
        private PreparedStatement lockStatement;
        private PreparedStatement setStatement;
        private PreparedStatement changedKeyStatement;
        private PreparedStatement getStatement;
        private PreparedStatement scanStatement;

        Prepared(Session session) {
            this.session = session;
        }

        PreparedStatement readClock() throws SQLException {
            if (readClockStatement == null) {
                readClockStatement = session.writer().prepareStatement(PostgresJdbcTarget.this.readClock);
            }
            return readClockStatement;
        }

        PreparedStatement lock() throws SQLException {
            if (lockStatement == null) {
                lockStatement = session.writer().prepareStatement(PostgresJdbcTarget.this.lock);
            }
            return lockStatement;
        }

        PreparedStatement set() throws SQLException {
            if (setStatement == null) {
                setStatement = session.writer().prepareStatement(PostgresJdbcTarget.this.set);
            }
            return setStatement;
        }

        PreparedStatement changedKey() throws SQLException {
            if (changedKeyStatement == null) {
                changedKeyStatement = session.writer().prepareStatement(PostgresJdbcTarget.this.changedKey);
            }
            return changedKeyStatement;
        }

        PreparedStatement get() throws SQLException {
            if (getStatement == null) {
                getStatement = session.reader().prepareStatement(PostgresJdbcTarget.this.get);
            }
            return getStatement;
        }

        PreparedStatement scan() throws SQLException {
            if (scanStatement == null) {
                scanStatement = session.scanner().prepareStatement(PostgresJdbcTarget.this.scan);
                // As the engine's scans: the driver then streams through a portal, page by page.
                scanStatement.setFetchSize(FETCH_SIZE);
            }
            return scanStatement;
        }

        void close() {
            for (PreparedStatement statement : Arrays.asList(readClockStatement, lockStatement, setStatement,
                    changedKeyStatement, getStatement, scanStatement)) {
                if (statement != null) {
                    try {
                        statement.close();
                    } catch (SQLException e) {
                        // Its connection is closed with the client, which ends the statement too.
                    }
                }
            }
        }
    }

    /** One thread's connections, opened on first use, each in one mode for good. */
    private static final class Session {

        private final JdbcClient client;
        private Connection writer;
        private Connection reader;
        private Connection scanner;

        Session(JdbcClient client) {
            this.client = client;
        }

        Connection writer() {
            if (writer == null) {
                writer = client.open(false, Connection.TRANSACTION_READ_COMMITTED, false);
            }
            return writer;
        }

        Connection reader() {
            if (reader == null) {
                reader = client.open(true, Connection.TRANSACTION_READ_COMMITTED, false);
            }
            return reader;
        }

        Connection scanner() {
            if (scanner == null) {
                scanner = client.open(false, Connection.TRANSACTION_READ_COMMITTED, true);
            }
            return scanner;
        }

        void close() {
            for (Connection connection : Arrays.asList(writer, reader, scanner)) {
                if (connection != null) {
                    try {
                        connection.close();
                    } catch (SQLException e) {
                        // Closing at the end of a trial; the server drops the session either way.
                    }
                }
            }
        }
    }

    /** The baseline's side of the server: the login, the schema, and every thread's connections. */
    static final class JdbcClient implements PostgresTarget.Client {

        private final org.postgresql.Driver driver = new org.postgresql.Driver();
        private final String url;
        private final Properties login = new Properties();
        private final String schema;
        private final SplittableRandom ids = new SplittableRandom();
        private final ThreadLocal<Session> sessions = ThreadLocal.withInitial(this::newSession);
        private final List<Session> allSessions = new ArrayList<>();

        /**
         * @param url    the JDBC url
         * @param user   the user and password
         * @param schema the schema, made here if missing
         */
        JdbcClient(String url, PostgresLogin user, String schema) {
            this.url = url;
            this.schema = schema;
            login.setProperty("user", user.user());
            login.setProperty("password", user.password());
            Connection connection = session().writer();
            try (Statement ddl = connection.createStatement()) {
                ddl.execute("CREATE SCHEMA IF NOT EXISTS " + schema);
                connection.commit();
            } catch (SQLException e) {
                throw failed(connection, e, "creating schema " + schema);
            }
        }

        @Override
        public PostgresTarget create(String name) {
            // A random 64-bit id in hex, as the engine names its tables; the name is not needed.
            String id;
            synchronized (ids) {
                id = HexFormat.of().toHexDigits(ids.nextLong());
            }
            PostgresJdbcTarget target = new PostgresJdbcTarget(this, id);
            target.createTables();
            return target;
        }

        @Override
        public String describe() {
            return "plain JDBC baseline, pgjdbc " + driver.getMajorVersion() + "." + driver.getMinorVersion()
                    + ", schema " + schema;
        }

        @Override
        public void close() {
            synchronized (allSessions) {
                for (Session session : allSessions) {
                    session.close();
                }
                allSessions.clear();
            }
        }

        /** @return the calling thread's connections */
        Session session() {
            return sessions.get();
        }

        private Session newSession() {
            Session session = new Session(this);
            synchronized (allSessions) {
                allSessions.add(session);
            }
            return session;
        }

        private Connection open(boolean autoCommit, int isolation, boolean readOnly) {
            try {
                Connection connection = driver.connect(url, login);
                if (connection == null) {
                    throw new IllegalStateException("the PostgreSQL driver does not take the url " + url);
                }
                connection.setAutoCommit(autoCommit);
                connection.setTransactionIsolation(isolation);
                connection.setReadOnly(readOnly);
                return connection;
            } catch (SQLException e) {
                throw new IllegalStateException("the JDBC baseline cannot connect to " + url + ": " + e, e);
            }
        }
    }
}
