package dev.skeleton.storage.postgres;

import dev.skeleton.storage.ErrorCode;
import dev.skeleton.storage.KeyValueVisitor;
import dev.skeleton.storage.RangeQueryable;
import dev.skeleton.storage.StorageException;
import dev.skeleton.storage.Transaction;
import dev.skeleton.storage.core.Arguments;
import dev.skeleton.storage.core.CopyOnWriteTree;
import dev.skeleton.storage.core.KeyRange;
import dev.skeleton.storage.core.Keys;
import dev.skeleton.storage.core.MergedCursor;
import dev.skeleton.storage.core.WriteSet;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A transaction of a {@link PostgresStore}: serializable, optimistic, as the contract defines it;
 * or a read-only transaction over a saved version ({@code readVersion}), which reads the version
 * instead of the live table ({@link RowView}) and is otherwise the same.
 *
 * <h2>How</h2>
 * At {@code beginTx()} the transaction takes a pooled connection and opens a REPEATABLE READ,
 * read-only database transaction on it, whose snapshot is fixed at once by reading the store's clock
 * (the begin sequence number). Reads go to that snapshot, with the transaction's own buffered writes
 * laid over them; a delete buffered here reads as absent. Every key read or probed and every range
 * iterated (up to where the visitor stopped) is recorded. {@link #commit()} ends the snapshot and,
 * on the same connection, runs the commit as one READ COMMITTED database transaction that validates
 * the record against the store's log and applies the writes atomically ({@link StoreWriter}). A
 * conflict &mdash; found by the validation, or a serialization failure or deadlock reported by the
 * server (SQLState 40001, 40P01) &mdash; is {@code TX_CONFLICT}, and nothing is applied. A
 * read-only transaction records nothing and its commit only ends the snapshot.
 *
 * <h2>Threads</h2>
 * The connection and the transaction's state are guarded by one lock, so calls from many threads
 * are serialized. An iteration releases the lock while the visitor runs, between fetches of pages,
 * so the visitor (and other threads) may use the same transaction meanwhile.
 *
 * <h2>Resources</h2>
 * The connection is held until commit, rollback or close: close transactions (try-with-resources).
 */
final class PostgresTransaction implements Transaction, RangeQueryable {

    private final PostgresStore store;
    private final Connection connection;
    private final long beginSeq;
    private final boolean readOnly;
    private final RowView view;
    /** The store's round trips, where this transaction's statements, commit and rollback count. */
    private final RoundTrips trips;
    private final ReentrantLock lock = new ReentrantLock();
    private final WriteSet<byte[]> writes = WriteSet.ofBytes();
    private final TreeSet<byte[]> readKeys = new TreeSet<>(Arrays::compareUnsigned);
    private final List<KeyRange> readRanges = new ArrayList<>();
    private volatile boolean active = true;

    /**
     * @param store      its store
     * @param connection its connection, in the REPEATABLE READ snapshot of its begin
     * @param beginSeq   the store's clock in that snapshot
     * @param readOnly   whether writes are refused
     * @param view       what it reads: the live table, or a saved version
     */
    PostgresTransaction(PostgresStore store, Connection connection, long beginSeq, boolean readOnly, RowView view) {
        this.store = store;
        this.connection = connection;
        this.beginSeq = beginSeq;
        this.readOnly = readOnly;
        this.view = view;
        this.trips = store.storeMetrics().roundTrips();
    }

    @Override
    public byte[] get(byte[] key) {
        byte[] value = lookup(key, "reading");
        if (value == null) {
            throw Keys.notFound(key, store.name());
        }
        return value;
    }

    @Override
    public boolean has(byte[] key) {
        return lookup(key, "probing") != null;
    }

    /** The value in this transaction's view, or null; records the read. */
    private byte[] lookup(byte[] key, String verb) {
        lock.lock();
        try {
            PostgresStore.checkKey(key, store.name());
            ensureUsable();
            byte[] buffered = writes.lookup(key);
            if (buffered != null) {
                return buffered == writes.tombstone() ? null : buffered.clone();
            }
            if (!readOnly) {
                readKeys.add(key.clone());
            }
            return view.read(connection, key);
        } catch (SQLException e) {
            throw failure(e, verb + " key " + Keys.describe(key));
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void set(byte[] key, byte[] value) {
        lock.lock();
        try {
            Arguments.value(value, PostgresStore.checkKey(key, store.name()), store.name());
            ensureWritable();
            writes.put(key.clone(), value.clone());
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void delete(byte[] key) {
        lock.lock();
        try {
            PostgresStore.checkKey(key, store.name());
            ensureWritable();
            writes.delete(key.clone());
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void iterate(KeyValueVisitor visitor) {
        iterateRange(null, null, true, visitor);
    }

    @Override
    public void iterateRange(byte[] start, byte[] end, boolean ascending, KeyValueVisitor visitor) {
        KeyRange range;
        CopyOnWriteTree<byte[]> ownWrites;
        PreparedStatement scan;
        ResultSet rows;
        String what = "iterating store " + store.name() + " in a transaction";
        lock.lock();
        try {
            Arguments.visitor(visitor, store.name());
            ensureUsable();
            range = KeyRange.of(start, end);
            if (PostgresStore.isEmpty(range)) {
                return;
            }
            ownWrites = writes.snapshot();
            scan = view.prepareScan(connection, range, ascending);
            rows = trips.query(scan);
        } catch (SQLException e) {
            throw failure(e, what);
        } finally {
            lock.unlock();
        }
        byte[] stoppedAt = null;
        try {
            MergedCursor<byte[]> merged = new MergedCursor<>(new RowCursor(rows, lock, e -> failure(e, what), trips),
                    ownWrites.cursor(range.start(), range.end(), ascending), writes.tombstone(), ascending);
            while (merged.next()) {
                if (!visitor.visit(merged.key().clone(), merged.value().clone())) {
                    stoppedAt = merged.key();
                    break;
                }
            }
        } finally {
            lock.lock();
            try {
                closeQuietly(scan);
                if (!readOnly && active) {
                    readRanges.add(walked(range, stoppedAt, ascending));
                }
            } finally {
                lock.unlock();
            }
        }
    }

    /** The part of a range an iteration saw: all of it, or up to the key where the visitor stopped. */
    private static KeyRange walked(KeyRange range, byte[] stoppedAt, boolean ascending) {
        if (stoppedAt == null) {
            return range;
        }
        return ascending ? new KeyRange(range.start(), KeyRange.successor(stoppedAt))
                : new KeyRange(stoppedAt.clone(), range.end());
    }

    @Override
    public boolean supportsRangeQueries() {
        return true;
    }

    @Override
    public void commit() {
        lock.lock();
        try {
            ensureUsable();
            end();
            String what = "committing a transaction on store " + store.name();
            long seq;
            try {
                trips.one();
                connection.rollback();
                if (readOnly || (writes.isEmpty() && readKeys.isEmpty() && readRanges.isEmpty())) {
                    return;
                }
                // The session is READ COMMITTED (the snapshot's level was the transaction's own).
                connection.setReadOnly(false);
                seq = store.storeMetrics().countCommit(() -> Database.inTransaction(connection,
                        c -> store.writer().commit(c, beginSeq, readKeys, readRanges, writes), trips));
            } catch (SQLException e) {
                // Not failure(): the transaction has ended, but this is the commit's own outcome.
                throw store.failure(e, what);
            } finally {
                release();
            }
            store.afterCommit(seq);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void rollback() {
        lock.lock();
        try {
            ensureUsable();
            end();
            try {
                trips.one();
                connection.rollback();
            } catch (SQLException e) {
                // Nothing was written; a broken connection is replaced by the pool.
            } finally {
                release();
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean isActive() {
        return active && !store.isClosed();
    }

    @Override
    public boolean isReadOnly() {
        return readOnly;
    }

    /** Rolls back an active transaction; does nothing for an ended one. */
    @Override
    public void close() {
        lock.lock();
        try {
            if (active && !store.isClosed()) {
                rollback();
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public String name() {
        return store.name();
    }

    @Override
    public String path() {
        return store.path();
    }

    long beginSeq() {
        return beginSeq;
    }

    /** Ends the transaction because its store closed: rolls back and returns the connection. */
    void abandon() {
        lock.lock();
        try {
            if (active) {
                active = false;
                try {
                    trips.one();
                    connection.rollback();
                } catch (SQLException e) {
                    // The store is closing; the pool replaces a broken connection.
                }
                release();
            }
        } finally {
            lock.unlock();
        }
    }

    private void end() {
        active = false;
        store.forget(this);
    }

    private void release() {
        try {
            connection.close();
        } catch (SQLException e) {
            // Returned to the pool either way; a broken connection is evicted there.
        }
    }

    private void ensureUsable() {
        if (store.isClosed()) {
            throw store.closedException();
        }
        if (!active) {
            throw new StorageException(ErrorCode.TX_NOT_ACTIVE, "the transaction on store " + store.name()
                    + " has ended (committed or rolled back)");
        }
    }

    private void ensureWritable() {
        ensureUsable();
        if (readOnly) {
            throw new StorageException(ErrorCode.TX_READ_ONLY, "the transaction on store " + store.name()
                    + " is read-only");
        }
    }

    private StorageException failure(SQLException e, String what) {
        if (!active && !store.isClosed()) {
            return new StorageException(ErrorCode.TX_NOT_ACTIVE, what + ": the transaction on store " + store.name()
                    + " has ended");
        }
        return store.failure(e, what);
    }

    private static void closeQuietly(PreparedStatement statement) {
        try {
            statement.close();
        } catch (SQLException e) {
            // The result set is abandoned with its statement; the connection's transaction ends it.
        }
    }
}
