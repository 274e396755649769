package dev.skeleton.storage.postgres;

import dev.skeleton.storage.core.KeyRange;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * The live table of a store as a transaction's {@link RowView}: what {@code beginTx} and
 * {@code beginReadOnlyTx} read, in the snapshot their database transaction fixed.
 *
 * @param sql   the store's SQL
 * @param trips the store's round trips, where its reads count
 */
record LiveRows(StoreSql sql, RoundTrips trips) implements RowView {

    @Override
    public byte[] read(Connection connection, byte[] key) throws SQLException {
        return PostgresStore.read(connection, sql, key, trips);
    }

    @Override
    public PreparedStatement prepareScan(Connection connection, KeyRange range, boolean ascending)
            throws SQLException {
        return PostgresStore.prepareScan(connection, sql, range, ascending);
    }
}
