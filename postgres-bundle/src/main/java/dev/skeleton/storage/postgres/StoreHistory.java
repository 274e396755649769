package dev.skeleton.storage.postgres;

import dev.skeleton.storage.ErrorCode;
import dev.skeleton.storage.StorageException;
import dev.skeleton.storage.VersionInfo;
import dev.skeleton.storage.core.ContentHash;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.function.LongSupplier;
import java.util.stream.LongStream;

/**
 * A store's versions, its running content hash and the pruning of its log.
 *
 * <h2>Versions cost what changed</h2>
 * A version is a row: the sequence number it was saved at, its hash and the hash's lanes. No data
 * is copied. Loading version {@code v} (saved at {@code s}) puts back, for every key changed after
 * {@code s}, the value it had then: its first later change's {@code old_value} in the log. The
 * running hash (the contract's LtHash, kept as 64 lanes in the meta row with the sequence number it
 * is valid at) is brought up to date from the same log rows: for each key changed since, take the
 * old entry out and put the current one in. Saving, loading and hashing all cost the number of
 * changes since the point they start from, never the size of the table.
 *
 * <h2>Pruning</h2>
 * The log must reach back to the oldest kept version, to the running hash's point, and to the
 * begin of every open transaction. Pruning (at each {@code saveVersion}, and after every
 * {@link Tuning#maintenanceInterval()}th commit: 1,024) first brings the hash up to date, then
 * deletes the log up to {@code min(oldest kept version, oldest transaction open in this process,
 * now - retained changes)} (10,000). The last bound protects transactions of other processes,
 * which this one cannot see; one that stays open longer than that conflicts at commit.
 *
 * <h2>Pruning blocks commits only briefly</h2>
 * The pruning after commits ({@link #hashAhead} then {@link #maintain}) does its heavy part, reading
 * the changed rows and hashing them, in a snapshot of its own without the store's lock, and takes
 * the lock only to store that hash (unless a newer one was stored meanwhile) and delete the log: a
 * commit that comes while it hashes waits for nothing. The horizon is never past the stored hash's
 * point, whose log rows the next hashing needs. Holding the lock for the hashing cost durable
 * single-row commits about a third of their time (measured against plain JDBC: README).
 */
final class StoreHistory {

    private static final int FETCH_SIZE = 512;

    private final String store;
    private final StoreSql sql;
    private final StoreWriter writer;
    private final int maxVersions;
    private final Tuning tuning;
    private final LongSupplier oldestOpenTransaction;
    private final RoundTrips trips;

    /**
     * @param store                 the store's name, for messages
     * @param sql                   its SQL
     * @param writer                its writer, for the clock
     * @param maxVersions           versions kept; 0 or less: all
     * @param tuning                how much log to keep, how often to prune
     * @param oldestOpenTransaction the smallest begin sequence number of this process's open
     *                              transactions on the store, or {@code Long.MAX_VALUE}
     * @param trips                 the store's round trips, where its statements count
     */
    StoreHistory(String store, StoreSql sql, StoreWriter writer, int maxVersions, Tuning tuning,
            LongSupplier oldestOpenTransaction, RoundTrips trips) {
        this.store = store;
        this.sql = sql;
        this.writer = writer;
        this.maxVersions = maxVersions;
        this.tuning = tuning;
        this.oldestOpenTransaction = oldestOpenTransaction;
        this.trips = trips;
    }

    /** The meta row. */
    private record Meta(long seq, long currentVersion, long nextVersion, long hashSeq, byte[] hashLanes,
            long prunedSeq) {
    }

    /**
     * Saves the current content as the next version, in the caller's transaction.
     *
     * @param connection a connection in a READ COMMITTED transaction
     * @return the version and its hash
     */
    VersionInfo save(Connection connection) throws SQLException {
        writer.lock(connection);
        Meta meta = readMeta(connection);
        ContentHash hash = bringHashUpToDate(connection, meta);
        long version = meta.nextVersion();
        byte[] digest = hash.digest();
        try (PreparedStatement insert = connection.prepareStatement(sql.insertVersion)) {
            insert.setLong(1, version);
            insert.setLong(2, meta.seq());
            insert.setBytes(3, digest);
            insert.setBytes(4, hash.state());
            trips.update(insert);
        }
        setVersions(connection, version, version + 1);
        if (maxVersions > 0) {
            try (PreparedStatement drop = connection.prepareStatement(sql.dropOldVersions)) {
                drop.setLong(1, version - maxVersions);
                trips.update(drop);
            }
        }
        pruneLog(connection, meta.seq(), meta.seq(), meta.prunedSeq());
        return new VersionInfo(version, digest);
    }

    /**
     * Replaces the data with a version's content, in the caller's transaction. It is a change like
     * any other: logged, and a conflict for transactions that read what it changes.
     *
     * @param connection a connection in a READ COMMITTED transaction
     * @param version    the version
     * @throws StorageException VERSION_NOT_FOUND if it was never saved or was pruned
     */
    void load(Connection connection, long version) throws SQLException {
        long seq = writer.lock(connection)[0];
        Saved saved = find(connection, version);
        // The log first: it records the values the two statements after it replace.
        runWithSeq(connection, sql.loadLog, saved.seq(), seq);
        runWithSeq(connection, sql.loadDeletes, saved.seq(), -1);
        runWithSeq(connection, sql.loadSets, saved.seq(), -1);
        storeHash(connection, seq, saved.lanes());
        try (PreparedStatement update = connection.prepareStatement(sql.setCurrentVersion)) {
            update.setLong(1, version);
            trips.update(update);
        }
    }

    /**
     * The sequence number a kept version was saved at, as the connection's snapshot sees it: where
     * {@link VersionRows} reads the version from.
     *
     * @param connection a connection in the snapshot to read the version in
     * @param version    the version
     * @return its sequence number
     * @throws StorageException VERSION_NOT_FOUND if it was never saved or was pruned
     */
    long savedAt(Connection connection, long version) throws SQLException {
        return find(connection, version).seq();
    }

    /** A kept version's row: the sequence number it was saved at and its hash's lanes. */
    private record Saved(long seq, byte[] lanes) {
    }

    private Saved find(Connection connection, long version) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(sql.versionById)) {
            select.setLong(1, version);
            try (ResultSet row = trips.query(select)) {
                if (!row.next()) {
                    throw new StorageException(ErrorCode.VERSION_NOT_FOUND, "store " + store + " has no version "
                            + version + " (never saved, or pruned)");
                }
                return new Saved(row.getLong(1), row.getBytes(3));
            }
        }
    }

    /**
     * Whether the commit at {@code seq} is one after which the log is pruned.
     *
     * @param seq a commit's sequence number
     * @return true every {@link Tuning#maintenanceInterval()} commits
     */
    boolean isMaintenanceDue(long seq) {
        return seq % tuning.maintenanceInterval() == 0;
    }

    /**
     * The running hash brought up to date in the caller's snapshot, without the store's lock and
     * without storing it: the first half of the pruning after commits.
     *
     * @param connection a connection in a REPEATABLE READ transaction, whose snapshot fixes the
     *                   sequence number, the log and the data alike
     * @return the hash and the sequence number it is valid at, for {@link #maintain}
     */
    HashAhead hashAhead(Connection connection) throws SQLException {
        Meta meta = readMeta(connection);
        if (meta.hashSeq() == meta.seq()) {
            return new HashAhead(meta.hashSeq(), null);
        }
        return new HashAhead(meta.seq(), hashSince(connection, meta).state());
    }

    /**
     * Stores a hash from {@link #hashAhead} unless the stored one is as new, and prunes the log as
     * far as it may, in the caller's transaction (which it locks like a commit).
     *
     * @param connection a connection in a READ COMMITTED transaction
     * @param ahead      the hash computed before, outside the lock
     */
    void maintain(Connection connection, HashAhead ahead) throws SQLException {
        writer.lock(connection);
        Meta meta = readMeta(connection);
        long hashedSeq = meta.hashSeq();
        if (ahead.lanes() != null && ahead.seq() > hashedSeq) {
            storeHash(connection, ahead.seq(), ahead.lanes());
            hashedSeq = ahead.seq();
        }
        pruneLog(connection, meta.seq(), hashedSeq, meta.prunedSeq());
    }

    /**
     * A running hash computed ahead of storing it.
     *
     * @param seq   the sequence number it is valid at
     * @param lanes its state, or null when the stored hash was already up to date at {@code seq}
     */
    record HashAhead(long seq, byte[] lanes) {
    }

    /**
     * The versions kept.
     *
     * @param connection a connection
     * @return their numbers, ascending
     */
    long[] list(Connection connection) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(sql.listVersions);
             ResultSet rows = trips.query(select)) {
            LongStream.Builder versions = LongStream.builder();
            while (rows.next()) {
                versions.add(rows.getLong(1));
            }
            return versions.build().toArray();
        }
    }

    /**
     * The version the data was last saved as or loaded from.
     *
     * @param connection a connection
     * @return the version, 0 before any
     */
    long current(Connection connection) throws SQLException {
        return readMeta(connection).currentVersion();
    }

    private Meta readMeta(Connection connection) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(sql.readMeta);
             ResultSet row = trips.query(select)) {
            if (!row.next()) {
                throw StoreSql.missingMeta(store);
            }
            return new Meta(row.getLong(1), row.getLong(2), row.getLong(3), row.getLong(4), row.getBytes(5),
                    row.getLong(6));
        }
    }

    /** The running hash at the current sequence number, computed from the changes since its point, and stored. */
    private ContentHash bringHashUpToDate(Connection connection, Meta meta) throws SQLException {
        if (meta.hashSeq() == meta.seq()) {
            return ContentHash.fromState(meta.hashLanes());
        }
        ContentHash hash = hashSince(connection, meta);
        storeHash(connection, meta.seq(), hash.state());
        return hash;
    }

    /** The stored hash with every change logged after its point applied. */
    private ContentHash hashSince(Connection connection, Meta meta) throws SQLException {
        ContentHash hash = ContentHash.fromState(meta.hashLanes());
        try (PreparedStatement changes = connection.prepareStatement(sql.changesSince)) {
            changes.setFetchSize(FETCH_SIZE);
            changes.setLong(1, meta.hashSeq());
            try (ResultSet rows = trips.query(changes)) {
                for (long read = 0; trips.next(rows, read); read++) {
                    byte[] key = rows.getBytes(1);
                    byte[] then = rows.getBytes(2);
                    byte[] now = rows.getBytes(3);
                    if (then != null) {
                        hash.remove(key, then);
                    }
                    if (now != null) {
                        hash.add(key, now);
                    }
                }
            }
        }
        return hash;
    }

    private void storeHash(Connection connection, long seq, byte[] lanes) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(sql.updateHash)) {
            update.setLong(1, seq);
            update.setBytes(2, lanes);
            trips.update(update);
        }
    }

    private void setVersions(Connection connection, long current, long next) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(sql.setVersions)) {
            update.setLong(1, current);
            update.setLong(2, next);
            trips.update(update);
        }
    }

    /**
     * Deletes the log up to the horizon, which is never past {@code hashedSeq}, the point of the
     * stored hash: the rows after it are what the next hashing reads.
     */
    private void pruneLog(Connection connection, long seq, long hashedSeq, long prunedSeq) throws SQLException {
        long horizon = Math.min(Math.min(seq - tuning.retainedChanges(), hashedSeq),
                oldestOpenTransaction.getAsLong());
        try (PreparedStatement oldest = connection.prepareStatement(sql.oldestVersionSeq);
             ResultSet row = trips.query(oldest)) {
            if (row.next()) {
                long oldestVersion = row.getLong(1);
                if (!row.wasNull()) {
                    horizon = Math.min(horizon, oldestVersion);
                }
            }
        }
        if (horizon <= prunedSeq) {
            return;
        }
        try (PreparedStatement prune = connection.prepareStatement(sql.pruneLog)) {
            prune.setLong(1, horizon);
            trips.update(prune);
        }
        try (PreparedStatement mark = connection.prepareStatement(sql.markPruned)) {
            mark.setLong(1, horizon);
            trips.update(mark);
        }
    }

    /** Runs one of the load statements: the version's point, then (when given) the new sequence number. */
    private void runWithSeq(Connection connection, String statement, long savedAt, long seq)
            throws SQLException {
        try (PreparedStatement load = connection.prepareStatement(statement)) {
            load.setLong(1, savedAt);
            if (seq >= 0) {
                load.setLong(2, seq);
            }
            trips.update(load);
        }
    }
}
