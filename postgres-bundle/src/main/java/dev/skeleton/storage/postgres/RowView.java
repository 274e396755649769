package dev.skeleton.storage.postgres;

import dev.skeleton.storage.core.KeyRange;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * What a {@link PostgresTransaction} reads inside its database snapshot: the store's live table
 * ({@link LiveRows}), or a saved version rebuilt from that table and the log ({@link VersionRows}).
 * The transaction lays its own writes over it and records its reads the same way for both.
 *
 * <p>Implementations are immutable; the connection passed in belongs to the calling transaction,
 * which serializes its use.
 */
interface RowView {

    /**
     * The value of a key in this view.
     *
     * @param connection the transaction's connection, in its snapshot
     * @param key        the key
     * @return the value, or null if the key is absent
     * @throws SQLException as JDBC throws it
     */
    byte[] read(Connection connection, byte[] key) throws SQLException;

    /**
     * A streaming scan of a range of this view as {@code key, value} rows in key order; the caller
     * closes it.
     *
     * @param connection the transaction's connection, in its snapshot
     * @param range      the range, not empty
     * @param ascending  the order
     * @return the prepared scan, ready to execute
     * @throws SQLException as JDBC throws it
     */
    PreparedStatement prepareScan(Connection connection, KeyRange range, boolean ascending) throws SQLException;
}
