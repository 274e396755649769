package dev.skeleton.storage.postgres;

import dev.skeleton.storage.core.TreeCursor;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.locks.Lock;

/**
 * The rows of a key-ordered scan ({@code key, value}) as a cursor, so that a transaction can lay
 * its own writes over them with the shared merge. The result set streams in pages of
 * {@link #FETCH_SIZE} rows (the driver fetches with a cursor because the connection is in a
 * transaction), so a scan of a large table holds only a page in memory.
 *
 * <p>Each step holds the given lock while it talks to the connection, and releases it before the
 * caller's visitor runs: other threads may use the same transaction between two steps.
 */
final class RowCursor implements TreeCursor<byte[]> {

    /** Rows fetched per round trip. */
    static final int FETCH_SIZE = 256;

    private final ResultSet rows;
    private final Lock lock;
    private final Failure failure;
    private final RoundTrips trips;
    private long rowsRead;
    private byte[] key;
    private byte[] value;

    /**
     * @param rows    the scan's rows
     * @param lock    the lock guarding the connection
     * @param failure turns a failed fetch into the API's error
     * @param trips   where the fetches of pages count
     */
    RowCursor(ResultSet rows, Lock lock, Failure failure, RoundTrips trips) {
        this.rows = rows;
        this.lock = lock;
        this.failure = failure;
        this.trips = trips;
    }

    @Override
    public boolean next() {
        lock.lock();
        try {
            if (!trips.next(rows, rowsRead)) {
                key = null;
                value = null;
                return false;
            }
            rowsRead++;
            key = rows.getBytes(1);
            value = rows.getBytes(2);
            return true;
        } catch (SQLException e) {
            throw failure.of(e);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public byte[] key() {
        return current(key);
    }

    @Override
    public byte[] value() {
        return current(value);
    }

    private static byte[] current(byte[] part) {
        if (part == null) {
            throw new IllegalStateException("no current row");
        }
        return part;
    }

    /** How a failed fetch is reported. */
    @FunctionalInterface
    interface Failure {
        /**
         * @param e the driver's exception
         * @return the exception to throw
         */
        RuntimeException of(SQLException e);
    }
}
