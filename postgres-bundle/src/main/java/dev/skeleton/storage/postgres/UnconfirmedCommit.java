package dev.skeleton.storage.postgres;

import java.sql.SQLException;

/**
 * A COMMIT whose outcome is unknown: the connection was lost (or the server ended the session)
 * after the COMMIT was sent and before its answer came. The server may have committed the
 * transaction (and, with synchronous replication, even replicated it) or not; no one on this side
 * can tell. {@link SqlErrors} reports it as such, and nothing retries it: a retry could apply the
 * writes twice.
 *
 * <p>It keeps the driver's SQLState (class 08, or 57P01..57P03), which is no conflict, so that no
 * retry loop that retries conflicts takes it for one.
 */
final class UnconfirmedCommit extends SQLException {

    private static final long serialVersionUID = 1L;

    /**
     * @param lost what the driver threw from {@code commit()}
     */
    UnconfirmedCommit(SQLException lost) {
        super("the commit could not be confirmed", lost.getSQLState(), lost);
    }

    /** What the driver said when the connection went. */
    SQLException lost() {
        return (SQLException) getCause();
    }
}
