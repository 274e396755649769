package dev.skeleton.storage.postgres;

import dev.skeleton.storage.ErrorCode;
import dev.skeleton.storage.StorageException;
import dev.skeleton.storage.core.KeyRange;
import dev.skeleton.storage.core.Keys;
import dev.skeleton.storage.core.TreeCursor;
import dev.skeleton.storage.core.WriteSet;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * How a store changes: every change &mdash; a direct write, a transaction's commit, a version
 * loaded &mdash; is one READ COMMITTED database transaction that first locks the store's meta row
 * and takes the next sequence number ({@link #lock}). The lock orders all commits of a store, from
 * every process, so that a commit's validation sees every commit before it, and none can slip in
 * between the validation and the writes.
 *
 * <h2>Validation</h2>
 * A transaction began at sequence number {@code b} (the store's clock in its snapshot). Its commit
 * conflicts when the log holds a change after {@code b} to a key it read, probed or wrote, or to a
 * key in a range it iterated: exactly the contract's rule, neither more nor less. (PostgreSQL's own
 * SERIALIZABLE isolation would be both stricter, aborting on page-level predicate locks, and looser,
 * letting a transaction commit whose read key was overwritten when no dependency cycle results.)
 * If the log was pruned past {@code b} &mdash; only for a transaction that stayed open through
 * {@link Tuning#retainedChanges()} commits of other processes &mdash; the commit conflicts,
 * since nothing can prove it doesn't.
 *
 * <h2>Writes</h2>
 * Each write is one statement that logs the key's previous value and changes the data row (a set
 * logs even an unchanged value, as a set is a change; a delete of an absent key logs nothing, as it
 * changes nothing). A transaction's writes go in one JDBC batch: one round trip.
 */
final class StoreWriter {

    private final String store;
    private final StoreSql sql;
    private final RoundTrips trips;

    StoreWriter(String store, StoreSql sql, RoundTrips trips) {
        this.store = store;
        this.sql = sql;
        this.trips = trips;
    }

    /**
     * Locks the store's clock and advances it, in the caller's transaction.
     *
     * @param connection a connection in a READ COMMITTED transaction
     * @return {@code {seq, prunedSeq}}: this change's sequence number and how far the log is pruned
     */
    long[] lock(Connection connection) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement(sql.lock);
             ResultSet row = trips.query(lock)) {
            if (!row.next()) {
                throw StoreSql.missingMeta(store);
            }
            return new long[] {row.getLong(1), row.getLong(2)};
        }
    }

    /**
     * One direct write, in the caller's transaction.
     *
     * @param connection a connection in a READ COMMITTED transaction
     * @param key        the key
     * @param value      the value, or null to delete
     * @return the change's sequence number
     */
    long write(Connection connection, byte[] key, byte[] value) throws SQLException {
        long seq = lock(connection)[0];
        try (PreparedStatement set = connection.prepareStatement(sql.set);
             PreparedStatement delete = connection.prepareStatement(sql.delete)) {
            add(set, delete, seq, key, value);
            trips.batch(value == null ? delete : set);
        }
        return seq;
    }

    /**
     * A transaction's commit, in the caller's transaction: validation, then the writes.
     *
     * @param connection a connection in a READ COMMITTED transaction
     * @param beginSeq   the store's clock in the transaction's snapshot
     * @param readKeys   the keys it read or probed
     * @param ranges     the ranges it iterated
     * @param writes     its writes
     * @return the commit's sequence number
     * @throws StorageException TX_CONFLICT naming the changed key
     */
    long commit(Connection connection, long beginSeq, Collection<byte[]> readKeys, List<KeyRange> ranges,
            WriteSet<byte[]> writes) throws SQLException {
        long[] clock = lock(connection);
        if (clock[1] > beginSeq) {
            throw conflict("it stayed open so long that the history it must be checked against was pruned");
        }
        List<byte[]> keys = new ArrayList<>(readKeys);
        TreeCursor<byte[]> written = writes.snapshot().cursor(null, null, true);
        while (written.next()) {
            keys.add(written.key());
        }
        if (!keys.isEmpty()) {
            requireUnchanged(connection, beginSeq, keys);
        }
        for (KeyRange range : ranges) {
            requireUnchanged(connection, beginSeq, range);
        }
        apply(connection, clock[0], writes);
        return clock[0];
    }

    private void requireUnchanged(Connection connection, long beginSeq, List<byte[]> keys) throws SQLException {
        Array array = connection.createArrayOf("bytea", keys.toArray(new byte[0][]));
        try (PreparedStatement changed = connection.prepareStatement(sql.changedKey)) {
            changed.setLong(1, beginSeq);
            changed.setArray(2, array);
            try (ResultSet row = trips.query(changed)) {
                if (row.next()) {
                    throw conflict("key " + Keys.describe(row.getBytes(1))
                            + ", which it read or wrote, was changed by another commit after it began");
                }
            }
        } finally {
            array.free();
        }
    }

    private void requireUnchanged(Connection connection, long beginSeq, KeyRange range) throws SQLException {
        try (PreparedStatement changed = connection.prepareStatement(
                sql.changedInRange(range.start() != null, range.end() != null))) {
            int index = 1;
            changed.setLong(index++, beginSeq);
            if (range.start() != null) {
                changed.setBytes(index++, range.start());
            }
            if (range.end() != null) {
                changed.setBytes(index, range.end());
            }
            try (ResultSet row = trips.query(changed)) {
                if (row.next()) {
                    throw conflict("key " + Keys.describe(row.getBytes(1)) + " in the range " + range + " it iterated was changed by another commit "
                            + "after it began");
                }
            }
        }
    }

    private void apply(Connection connection, long seq, WriteSet<byte[]> writes) throws SQLException {
        if (writes.isEmpty()) {
            return;
        }
        try (PreparedStatement set = connection.prepareStatement(sql.set);
             PreparedStatement delete = connection.prepareStatement(sql.delete)) {
            TreeCursor<byte[]> cursor = writes.snapshot().cursor(null, null, true);
            boolean sets = false;
            boolean deletes = false;
            while (cursor.next()) {
                boolean isDelete = cursor.value() == writes.tombstone();
                add(set, delete, seq, cursor.key(), isDelete ? null : cursor.value());
                sets |= !isDelete;
                deletes |= isDelete;
            }
            if (sets) {
                trips.batch(set);
            }
            if (deletes) {
                trips.batch(delete);
            }
        }
    }

    private static void add(PreparedStatement set, PreparedStatement delete, long seq, byte[] key, byte[] value)
            throws SQLException {
        if (value == null) {
            delete.setBytes(1, key);
            delete.setLong(2, seq);
            delete.addBatch();
        } else {
            set.setLong(1, seq);
            set.setBytes(2, key);
            set.setBytes(3, key);
            set.setBytes(4, key);
            set.setBytes(5, value);
            set.addBatch();
        }
    }

    private StorageException conflict(String why) {
        return new StorageException(ErrorCode.TX_CONFLICT, "transaction on store " + store + " conflicts: " + why);
    }
}
