package dev.skeleton.storage.postgres;

import dev.skeleton.storage.core.KeyRange;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * A saved version of a store as a transaction's {@link RowView}: what {@code readVersion} reads.
 *
 * <h2>How a version is read without loading it</h2>
 * A version is the sequence number it was saved at ({@link StoreHistory}), and the log holds, for
 * every change after it, the value the key had before. So a key's value in the version is the
 * {@code old_value} of its first log row after that number if there is one (null: absent then),
 * and its value in the live table if the key has not changed since. A scan is the live rows of
 * unchanged keys merged with those first old values ({@link StoreSql#versionScan}). The same
 * rebuilding as {@code loadVersion}'s, but read-only and only as far as the reader reads.
 *
 * <h2>Why it stays exact</h2>
 * Everything is read in the REPEATABLE READ snapshot that the transaction fixed when it began, in
 * which the version was found: later commits, loads, saves, and the pruning of the log and of the
 * version row that they may bring, are invisible to it (the server keeps the old row versions for
 * as long as the snapshot lives). Every committed state keeps the log back to the oldest kept
 * version, so the snapshot has every row the version needs.
 *
 * @param sql     the store's SQL
 * @param savedAt the sequence number the version was saved at
 * @param trips   the store's round trips, where its reads count
 */
record VersionRows(StoreSql sql, long savedAt, RoundTrips trips) implements RowView {

    @Override
    public byte[] read(Connection connection, byte[] key) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(sql.versionGet)) {
            select.setBytes(1, key);
            select.setLong(2, savedAt);
            select.setBytes(3, key);
            try (ResultSet row = trips.query(select)) {
                return row.next() ? row.getBytes(1) : null;
            }
        }
    }

    @Override
    public PreparedStatement prepareScan(Connection connection, KeyRange range, boolean ascending)
            throws SQLException {
        boolean from = range.start() != null;
        boolean to = range.end() != null;
        PreparedStatement scan = connection.prepareStatement(sql.versionScan(from, to, ascending));
        try {
            scan.setFetchSize(RowCursor.FETCH_SIZE);
            int index = 1;
            scan.setLong(index++, savedAt);
            // The bounds twice: for the changed keys, then for the live rows.
            for (int pass = 0; pass < 2; pass++) {
                if (from) {
                    scan.setBytes(index++, range.start());
                }
                if (to) {
                    scan.setBytes(index++, range.end());
                }
            }
            return scan;
        } catch (SQLException e) {
            scan.close();
            throw e;
        }
    }
}
