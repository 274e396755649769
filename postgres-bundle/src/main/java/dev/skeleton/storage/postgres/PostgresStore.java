package dev.skeleton.storage.postgres;

import dev.skeleton.storage.ErrorCode;
import dev.skeleton.storage.KeyValueVisitor;
import dev.skeleton.storage.MetricsSource;
import dev.skeleton.storage.RangeQueryable;
import dev.skeleton.storage.StorageException;
import dev.skeleton.storage.Store;
import dev.skeleton.storage.Transaction;
import dev.skeleton.storage.Transactional;
import dev.skeleton.storage.VersionInfo;
import dev.skeleton.storage.VersionReader;
import dev.skeleton.storage.Versioned;
import dev.skeleton.storage.core.Arguments;
import dev.skeleton.storage.core.KeyRange;
import dev.skeleton.storage.core.Keys;
import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;

/**
 * A store of the {@code postgres} engine: the table {@code s_<id>_data} and its companions (see
 * {@link StoreSql}) on the engine's database.
 *
 * <h2>Consistency</h2>
 * Every operation is its own database transaction, so every process on the database sees a write
 * as soon as it returns (on the primary; see below for standbys). A direct write is durable when it
 * returns as far as the engine's {@code synchronous_commit} makes PostgreSQL commits durable (see
 * {@link PostgresSettings}). An iteration is one {@code SELECT}, which
 * reads one snapshot of the table (in READ COMMITTED too: the snapshot of a statement), streamed page
 * by page through a cursor that keeps it; its visitor may read and write the store, on other
 * connections of the pool, and its writes are not seen by the iteration.
 *
 * <h2>Where reads go</h2>
 * Writes, read-write transactions (whose snapshot and commit share one connection), version
 * operations ({@code saveVersion}, {@code loadVersion}, {@code readVersion}, {@code listVersions},
 * {@code currentVersion}) and the catalog use the primary. {@code get}, {@code has}, iterations and
 * read-only transactions use the pool that {@code read_from} names: with {@code standby} or
 * {@code any} they may read a standby, which shows the primary's past as replayed so far: a write
 * acknowledged on the primary may be missing there for a while (not with
 * {@code synchronous_commit=remote_apply} and that standby synchronous), a commit is never seen in
 * part, and a read-only transaction keeps its REPEATABLE READ snapshot of the standby while replay
 * goes on. A standby that has not yet replayed a store's creation is read around: such a read runs
 * on the primary instead.
 *
 * <h2>Reading a saved version</h2>
 * {@link #readVersion} opens a read-only transaction like {@link #beginReadOnlyTx}, whose REPEATABLE
 * READ snapshot reads the version back from the live table and the log ({@link VersionRows}): no
 * data is copied, and nothing that commits afterwards (pruning included) changes what it sees.
 *
 * <h2>Resources</h2>
 * An iteration holds one pooled connection until it ends, and so does every open transaction
 * (its snapshot is a database transaction), a version read included. When all are taken, an operation waits up to the
 * engine's {@code connect_timeout_ms} and then fails with {@code IO}.
 *
 * <h2>Metrics</h2>
 * {@link #metrics()} tells, by name (counters count since the store was opened in this engine;
 * gauges are values now):
 * <table>
 *   <caption>The metrics of a postgres store</caption>
 *   <tr><th>name</th><th>kind, unit</th><th>meaning</th></tr>
 *   <tr><td>{@code entries}</td><td>gauge, entries (long)</td><td>the rows of the store's data: counted
 *       exactly while PostgreSQL's planner estimates fewer than 100,000 (or has no estimate yet),
 *       from there on that estimate, as of the last (auto)vacuum or analyse
 *       ({@link TableFigures})</td></tr>
 *   <tr><td>{@code disk_bytes}</td><td>gauge, bytes (long)</td><td>what the store's four tables take
 *       on the server, with their indexes and TOAST ({@code pg_total_relation_size}); the log of
 *       changes kept for versions and validation included</td></tr>
 *   <tr><td>{@code round_trips}</td><td>counter (long)</td><td>round trips to the server on behalf
 *       of the store: each statement executed (a batch once), each {@code COMMIT} and
 *       {@code ROLLBACK}, each further page of a streamed scan; its transactions' and its background
 *       pruning's included, the pool's own checks and the metrics' queries not
 *       ({@link RoundTrips})</td></tr>
 *   <tr><td>{@code commits}</td><td>counter (long)</td><td>changes committed: direct
 *       {@code set}/{@code delete}, {@code commit()} of a read-write transaction that read or wrote
 *       anything, {@code saveVersion}, {@code loadVersion} (each takes the store's lock once)</td></tr>
 *   <tr><td>{@code commit_failures}</td><td>counter (long)</td><td>those of them that failed:
 *       {@code TX_CONFLICT}, or an error of the server or the connection, a commit of unknown
 *       outcome included</td></tr>
 *   <tr><td>{@code pool_active}</td><td>gauge, connections (int)</td><td>connections of the
 *       primary pool lent out now (held by operations, open transactions and iterations)</td></tr>
 *   <tr><td>{@code pool_idle}</td><td>gauge, connections (int)</td><td>open connections of the
 *       primary pool waiting to be lent</td></tr>
 *   <tr><td>{@code pool_max}</td><td>gauge, connections (int)</td><td>the primary pool's limit,
 *       {@code pool_size}</td></tr>
 *   <tr><td>{@code pool_waiting}</td><td>gauge, threads (int)</td><td>threads waiting for a
 *       connection of the primary pool now: above 0, the pool is too small for the load</td></tr>
 *   <tr><td>{@code read_pool_active}, {@code read_pool_idle}</td><td>gauges, connections
 *       (int)</td><td>the same for the pool that reads, present only with {@code read_from} other
 *       than {@code primary}; its limit is {@code pool_size} too</td></tr>
 * </table>
 * The pools are the engine's, shared by all its stores: their gauges are the same for every store
 * of one engine. The gauges and counters are read from memory; {@code entries} and
 * {@code disk_bytes} need a query, so they are reused for 5 s, and the look that finds them older
 * queries again, on an idle connection only and briefly (see {@link TableFigures}): they may be
 * missing (before the first query succeeds) or older than 5 s (while queries fail), never an
 * error. After {@link #close()} the map is empty.
 *
 * <h2>Thread safety</h2>
 * Any number of threads may use a store at once; it holds no lock of its own across a database
 * call. After {@link #close()} every data operation fails with {@code STORE_CLOSED}, and so do the
 * operations of its transactions, which close rolls back.
 */
final class PostgresStore implements Store, Transactional, Versioned, VersionReader, RangeQueryable, MetricsSource {

    /** The longest key stored; see {@link #checkKey}. */
    static final int MAX_KEY_LENGTH = 2048;

    private static final System.Logger LOGGER = System.getLogger("dev.skeleton.storage.postgres");

    private final String name;
    private final String path;
    private final Database database;
    private final StoreSql sql;
    /** What {@code beginTx} and {@code beginReadOnlyTx} read: the live table. */
    private final LiveRows liveRows;
    private final StoreWriter writer;
    private final StoreHistory history;
    private final StoreMetrics metrics;
    /** The metrics' round-trip count, which every statement of the store goes through. */
    private final RoundTrips trips;
    private final Consumer<PostgresStore> onClose;
    private final Executor maintenance;
    /** Whether a pruning of this store is queued or running: commits meanwhile queue no other. */
    private final AtomicBoolean maintenancePending = new AtomicBoolean();
    private final Set<PostgresTransaction> transactions = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    PostgresStore(String name, String path, Database database, Catalog.Entry entry, Tuning tuning,
            Executor maintenance, Consumer<PostgresStore> onClose) {
        this.name = name;
        this.path = path;
        this.database = database;
        this.sql = new StoreSql(database.schema(), entry.id());
        this.metrics = new StoreMetrics(database, new TableFigures(name, sql, database, tuning.figuresMaxAge(),
                tuning.exactCountBelow(), System::nanoTime));
        this.trips = metrics.roundTrips();
        this.liveRows = new LiveRows(sql, trips);
        this.writer = new StoreWriter(name, sql, trips);
        this.history = new StoreHistory(name, sql, writer, entry.maxVersions(), tuning,
                this::oldestOpenTransaction, trips);
        this.onClose = onClose;
        this.maintenance = maintenance;
    }

    @Override
    public byte[] get(byte[] key) {
        checkKey(key, name);
        ensureOpen();
        byte[] value = database.read("reading store " + name, connection -> read(connection, sql, key, trips));
        if (value == null) {
            throw Keys.notFound(key, name);
        }
        return value;
    }

    @Override
    public boolean has(byte[] key) {
        checkKey(key, name);
        ensureOpen();
        return database.read("reading store " + name, connection -> {
            try (PreparedStatement select = connection.prepareStatement(sql.has)) {
                select.setBytes(1, key);
                try (ResultSet row = trips.query(select)) {
                    return row.next();
                }
            }
        });
    }

    @Override
    public void set(byte[] key, byte[] value) {
        Arguments.value(value, checkKey(key, name), name);
        ensureOpen();
        write(key, value);
    }

    @Override
    public void delete(byte[] key) {
        checkKey(key, name);
        ensureOpen();
        write(key, null);
    }

    private void write(byte[] key, byte[] value) {
        long seq = change("writing key " + Keys.describe(key) + " of store " + name,
                connection -> writer.write(connection, key, value));
        afterCommit(seq);
    }

    /** Runs one change of the store in a transaction of its own, counted in the metrics. */
    private <T> T change(String what, Database.SqlWork<T> work) {
        return metrics.countCommit(() -> database.transaction(what, work, trips));
    }

    @Override
    public void iterate(KeyValueVisitor visitor) {
        iterateRange(null, null, true, visitor);
    }

    @Override
    public void iterateRange(byte[] start, byte[] end, boolean ascending, KeyValueVisitor visitor) {
        Arguments.visitor(visitor, name);
        ensureOpen();
        KeyRange range = KeyRange.of(start, end);
        if (isEmpty(range)) {
            return;
        }
        String what = "iterating store " + name;
        Visits visits = new Visits(visitor);
        try {
            scan(database.readConnection(what), range, ascending, visits, what);
        } catch (SQLException e) {
            if (visits.count == 0 && database.isWorthReadingOnPrimary(e)) {
                scanOnPrimary(range, ascending, visits, what);
                return;
            }
            throw failure(e, what);
        }
    }

    private void scanOnPrimary(KeyRange range, boolean ascending, Visits visits, String what) {
        try {
            scan(database.connection(what), range, ascending, visits, what);
        } catch (SQLException e) {
            throw failure(e, what);
        }
    }

    /** Streams a range to a visitor on a connection, which it closes. */
    private void scan(Connection borrowed, KeyRange range, boolean ascending, Visits visits, String what)
            throws SQLException {
        try (Connection connection = borrowed) {
            try {
                // One SELECT reads one snapshot even in READ COMMITTED, and its cursor keeps that
                // snapshot while the pages are fetched: no isolation change is needed (each would
                // cost a round trip now and another when the pool resets the connection).
                connection.setAutoCommit(false);
                connection.setReadOnly(true);
                try (PreparedStatement scan = prepareScan(connection, sql, range, ascending);
                     ResultSet rows = trips.query(scan)) {
                    RowCursor cursor = new RowCursor(rows, new ReentrantLock(), e -> failure(e, what), trips);
                    while (cursor.next() && visits.visit(cursor.key(), cursor.value())) {
                        // The visitor decides when to stop.
                    }
                }
            } finally {
                trips.one();
                connection.rollback();
            }
        }
    }

    /** A visitor, and how often it was called: a scan is repeated elsewhere only before the first visit. */
    private static final class Visits {
        private final KeyValueVisitor visitor;
        private long count;

        Visits(KeyValueVisitor visitor) {
            this.visitor = visitor;
        }

        boolean visit(byte[] key, byte[] value) {
            count++;
            return visitor.visit(key, value);
        }
    }

    @Override
    public boolean supportsRangeQueries() {
        return true;
    }

    @Override
    public Transaction beginTx() {
        return begin(false);
    }

    @Override
    public Transaction beginReadOnlyTx() {
        return begin(true);
    }

    /**
     * Begins a transaction on the live table: a read-write one on the primary, a read-only one where
     * {@code read_from} sends reads (where REPEATABLE READ, which fixes its snapshot, works on a hot
     * standby too); on the primary after all if a lagging standby lacks the store's tables yet.
     */
    private Transaction begin(boolean readOnly) {
        String what = "beginning a transaction on store " + name;
        ensureOpen();
        if (!readOnly) {
            return begin(what, false, database.connection(what), false, connection -> liveRows);
        }
        try {
            return begin(what, true, database.readConnection(what), database.readsElsewhere(), connection -> liveRows);
        } catch (OnStandby e) {
            return begin(what, true, database.connection(what), false, connection -> liveRows);
        }
    }

    /**
     * Begins a transaction: takes a connection, fixes its snapshot, and then, in that snapshot,
     * finds what it reads.
     *
     * @param what       what is done, for messages
     * @param readOnly   whether writes are refused
     * @param connection the connection it keeps, which it closes if it fails
     * @param onReadPool whether the connection is of the pool that reads, which may be a standby
     * @param rows       finds what the transaction reads; may refuse, for instance with VERSION_NOT_FOUND
     * @throws OnStandby if the connection is on a standby that does not have the store's tables yet
     */
    private Transaction begin(String what, boolean readOnly, Connection connection, boolean onReadPool,
            Database.SqlWork<RowView> rows) {
        try {
            connection.setAutoCommit(false);
            connection.setReadOnly(true);
            long beginSeq = beginSnapshot(connection);
            PostgresTransaction transaction = new PostgresTransaction(this, connection, beginSeq, readOnly,
                    rows.run(connection));
            transactions.add(transaction);
            if (closed) {
                transaction.abandon();
                throw closedException();
            }
            return transaction;
        } catch (SQLException | RuntimeException e) {
            closeQuietly(connection, e);
            if (e instanceof SQLException sqlException) {
                throw onReadPool && database.isWorthReadingOnPrimary(sqlException) ? new OnStandby()
                        : failure(sqlException, what);
            }
            throw (RuntimeException) e;
        }
    }

    /** A read-only transaction could not begin on a standby that lags behind the store's creation. */
    private static final class OnStandby extends RuntimeException {
        private static final long serialVersionUID = 1L;

        OnStandby() {
            super(null, null, false, false);
        }
    }

    @Override
    public boolean supportsTransactions() {
        return true;
    }

    @Override
    public VersionInfo saveVersion() {
        ensureOpen();
        return change("saving a version of store " + name, history::save);
    }

    @Override
    public void loadVersion(long version) {
        ensureOpen();
        change("loading version " + version + " of store " + name, connection -> {
            history.load(connection, version);
            return null;
        });
    }

    /**
     * Begins a read-only transaction over a saved version, read in its snapshot from the live table
     * and the log (see the class comment); the working data and the current version stay as they
     * are.
     *
     * @throws StorageException VERSION_NOT_FOUND if the version was never saved or was pruned;
     *         STORE_CLOSED after close; IO if the server cannot be reached
     */
    @Override
    public Transaction readVersion(long version) {
        // On the primary, as every version operation: a version saved a moment ago is there.
        String what = "reading version " + version + " of store " + name;
        ensureOpen();
        return begin(what, true, database.connection(what), false,
                connection -> new VersionRows(sql, history.savedAt(connection, version), trips));
    }

    @Override
    public long[] listVersions() {
        ensureOpen();
        return database.autocommit("listing the versions of store " + name, history::list);
    }

    @Override
    public long currentVersion() {
        ensureOpen();
        return database.autocommit("reading the current version of store " + name, history::current);
    }

    @Override
    public boolean supportsVersioning() {
        return true;
    }

    /**
     * Closes the store: its open transactions are rolled back and their connections returned.
     * Nothing is buffered, so nothing needs flushing: every acknowledged write is committed.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (PostgresTransaction transaction : transactions) {
            transaction.abandon();
        }
        transactions.clear();
        onClose.accept(this);
    }

    /**
     * The store's metrics now: see the class comment for the names. Never throws; at most one
     * caller every 5 s waits for a short query (on an idle connection, else not at all).
     *
     * @return a new map, the caller's; empty once the store is closed
     */
    @Override
    public Map<String, Number> metrics() {
        if (closed) {
            return new LinkedHashMap<>();
        }
        Map<String, Number> now = metrics.read();
        // Closed while it was read: the contract's word is empty once closed.
        return closed ? new LinkedHashMap<>() : now;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String path() {
        return path;
    }

    @Override
    public String toString() {
        return "postgres store " + name + " (" + database.server() + ")";
    }

    // ---- for transactions ----

    boolean isClosed() {
        return closed;
    }

    StoreSql sql() {
        return sql;
    }

    StoreWriter writer() {
        return writer;
    }

    /** The store's metrics, which its transactions count in. */
    StoreMetrics storeMetrics() {
        return metrics;
    }

    void forget(PostgresTransaction transaction) {
        transactions.remove(transaction);
    }

    StorageException closedException() {
        return new StorageException(ErrorCode.STORE_CLOSED, "store " + name + " is closed");
    }

    /**
     * Opens the REPEATABLE READ transaction of a {@link PostgresTransaction} and fixes its snapshot
     * by reading the store's clock: one round trip. The isolation level is set for this transaction
     * only ({@code SET TRANSACTION}, sent together with the read), never for the session, so the
     * commit that follows on the same connection runs READ COMMITTED and the pool has nothing to
     * reset.
     *
     * @return the clock in the snapshot: the transaction's begin sequence number
     */
    private long beginSnapshot(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            // The first result is the SET's (an update count); the rows come after it.
            boolean rows = trips.execute(statement, sql.beginSnapshot);
            while (!rows && statement.getUpdateCount() != -1) {
                rows = statement.getMoreResults();
            }
            try (ResultSet row = statement.getResultSet()) {
                if (row == null || !row.next()) {
                    throw StoreSql.missingMeta(name);
                }
                return row.getLong(1);
            }
        }
    }

    /** The API error for a failure: STORE_CLOSED once the store is closed, whatever the driver said. */
    StorageException failure(SQLException e, String what) {
        return closed ? closedException() : SqlErrors.translate(e, what, database.server());
    }

    /**
     * After a commit at {@code seq}: every so often, prune the log, on the engine's maintenance
     * thread so that no caller's write pays for it (the first pruning after a bulk load hashes every
     * key loaded). At most one pruning per store is queued; a failure is logged and the next one
     * retries, since the commits stand either way.
     */
    void afterCommit(long seq) {
        if (!history.isMaintenanceDue(seq) || !maintenancePending.compareAndSet(false, true)) {
            return;
        }
        try {
            maintenance.execute(this::maintain);
        } catch (RejectedExecutionException e) {
            // The engine is closing: its stores are closing with it.
            maintenancePending.set(false);
        }
    }

    private void maintain() {
        try {
            if (!closed) {
                String what = "pruning the log of store " + name;
                // The hashing first, in a snapshot and without the store's lock; then, briefly
                // under it, storing the hash and deleting the log (StoreHistory).
                StoreHistory.HashAhead ahead = database.transaction(what, connection -> {
                    try (Statement snapshot = connection.createStatement()) {
                        trips.execute(snapshot, "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY");
                    }
                    return history.hashAhead(connection);
                }, trips);
                database.transaction(what, connection -> {
                    history.maintain(connection, ahead);
                    return null;
                }, trips);
            }
        } catch (StorageException e) {
            if (!closed) {
                LOGGER.log(Level.WARNING, "pruning the log of store " + name + " failed; the next prune retries", e);
            }
        } finally {
            maintenancePending.set(false);
        }
    }

    /**
     * Checks a key argument: not null, and short enough for PostgreSQL's B-tree index, which takes
     * at most about 2.7 KB per entry; the engine promises {@value #MAX_KEY_LENGTH} bytes.
     *
     * @return the key
     * @throws StorageException INVALID_ARGUMENT
     */
    static byte[] checkKey(byte[] key, String store) {
        Arguments.key(key, store);
        if (key.length > MAX_KEY_LENGTH) {
            throw new StorageException(ErrorCode.INVALID_ARGUMENT, "key of " + key.length + " bytes is longer than the "
                    + MAX_KEY_LENGTH + " bytes the postgres engine stores (PostgreSQL's index limit); store " + store);
        }
        return key;
    }

    /** The value of a key in the connection's view, or null. */
    static byte[] read(Connection connection, StoreSql sql, byte[] key, RoundTrips trips) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(sql.get)) {
            select.setBytes(1, key);
            try (ResultSet row = trips.query(select)) {
                return row.next() ? row.getBytes(1) : null;
            }
        }
    }

    /** A streaming scan of a range; the connection must be in a transaction. */
    static PreparedStatement prepareScan(Connection connection, StoreSql sql, KeyRange range, boolean ascending)
            throws SQLException {
        PreparedStatement scan = connection.prepareStatement(
                sql.scan(range.start() != null, range.end() != null, ascending));
        scan.setFetchSize(RowCursor.FETCH_SIZE);
        int index = 1;
        if (range.start() != null) {
            scan.setBytes(index++, range.start());
        }
        if (range.end() != null) {
            scan.setBytes(index, range.end());
        }
        return scan;
    }

    /** Whether a range holds no key at all: both bounds given and {@code start >= end}. */
    static boolean isEmpty(KeyRange range) {
        return range.start() != null && range.end() != null && Arrays.compareUnsigned(range.start(), range.end()) >= 0;
    }

    private long oldestOpenTransaction() {
        long oldest = Long.MAX_VALUE;
        for (PostgresTransaction transaction : transactions) {
            oldest = Math.min(oldest, transaction.beginSeq());
        }
        return oldest;
    }

    private void ensureOpen() {
        if (closed) {
            throw closedException();
        }
    }

    private static void closeQuietly(Connection connection, Exception cause) {
        try {
            connection.close();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }
}
