package dev.skeleton.storage.postgres;

import dev.skeleton.storage.ErrorCode;
import dev.skeleton.storage.StorageException;
import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

/**
 * Turns what JDBC reports into the API's error codes, with messages that say what failed, on which
 * store and on which server (never with a password: the server is named by its url without
 * parameters).
 *
 * <ul>
 *   <li>SQLState {@code 40001} (serialization failure) and {@code 40P01} (deadlock):
 *       {@link ErrorCode#TX_CONFLICT}. A distributed PostgreSQL (CockroachDB) asks for retries
 *       with 40001 too.</li>
 *   <li>{@code 42P01} (undefined table): the store's tables were dropped, by another engine that
 *       destroyed the store: {@link ErrorCode#STORE_NOT_FOUND}.</li>
 *   <li>A COMMIT whose answer never came, because the connection was lost while it was in flight
 *       ({@link UnconfirmedCommit}): {@link ErrorCode#IO}, saying that the commit could not be
 *       confirmed and may or may not have been applied. Never retried.</li>
 *   <li>A read on a hot standby cancelled because the standby had to replay a change that removes
 *       rows the read still needed ("conflict with recovery", SQLState 40001 there too):
 *       {@link ErrorCode#IO}, not a conflict (read-only transactions never conflict).</li>
 *   <li>Everything else &mdash; a lost connection (class 08), a server shutting down (57P01..3), a
 *       pool that found no connection in time (no primary reachable), a full disk &mdash;:
 *       {@link ErrorCode#IO}.</li>
 * </ul>
 *
 * <p>Every message is one line: the server's own words are cut short and their line breaks (a
 * server error's detail and hint lines) become "; ".
 */
final class SqlErrors {

    private static final String SERIALIZATION_FAILURE = "40001";
    private static final String DEADLOCK = "40P01";
    private static final String UNDEFINED_TABLE = "42P01";
    private static final String LOCK_NOT_AVAILABLE = "55P03";
    private static final int MAX_MESSAGE = 300;
    private static final String RECOVERY_CONFLICT = "conflict with recovery";

    private SqlErrors() {
    }

    /**
     * Whether the server refused a transaction because of a concurrent one.
     *
     * @param e a failure
     * @return true for a serialization failure or a deadlock anywhere in the chain
     */
    static boolean isConflict(SQLException e) {
        for (SQLException next = e; next != null; next = next.getNextException()) {
            String state = next.getSQLState();
            if ((SERIALIZATION_FAILURE.equals(state) || DEADLOCK.equals(state)) && !isRecoveryConflict(next)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether a failure means that the connection is gone, so that whatever was in flight on it has an
     * unknown outcome: SQLState class 08 (connection exception), or the server ending the session
     * (57P01 admin shutdown, 57P02 crash shutdown, 57P03 cannot connect now).
     *
     * @param e a failure
     * @return true if the connection was lost
     */
    static boolean isConnectionLoss(SQLException e) {
        String state = e.getSQLState();
        return state != null && (state.startsWith("08") || "57P01".equals(state) || "57P02".equals(state)
                || "57P03".equals(state));
    }

    /**
     * Whether the server found no such table (SQLState {@code 42P01}): the store's tables are gone,
     * or, on a standby, not replayed yet.
     *
     * @param e a failure
     * @return true for an undefined table
     */
    static boolean isUndefinedTable(SQLException e) {
        return UNDEFINED_TABLE.equals(e.getSQLState());
    }

    /** A standby's cancelling of a query that stood in the way of replay; the same SQLState as a conflict. */
    private static boolean isRecoveryConflict(SQLException e) {
        return String.valueOf(e.getMessage()).contains(RECOVERY_CONFLICT);
    }

    /**
     * The API error for a failure.
     *
     * @param e      the failure
     * @param what   what was being done, for example {@code "writing store users"}
     * @param server the server, from {@link PostgresSettings#describe()}
     * @return the exception to throw
     */
    static StorageException translate(SQLException e, String what, String server) {
        if (e instanceof UnconfirmedCommit unconfirmed) {
            return new StorageException(ErrorCode.IO, what + ": the commit could not be confirmed, it may or may not "
                    + "have been applied: the connection to " + server + " was lost while it was in flight (SQLState "
                    + e.getSQLState() + ": " + serverMessage(unconfirmed.lost()) + ")", e);
        }
        if (isRecoveryConflict(e)) {
            return new StorageException(ErrorCode.IO, what + " failed on " + server + ": the standby cancelled the "
                    + "read to replay the primary's changes (max_standby_streaming_delay; hot_standby_feedback=on "
                    + "on the standby avoids it): " + serverMessage(e), e);
        }
        if (isConflict(e)) {
            return new StorageException(ErrorCode.TX_CONFLICT, what + ": the database reported a conflict with a "
                    + "concurrent transaction (SQLState " + e.getSQLState() + ")", e);
        }
        if (isUndefinedTable(e)) {
            return new StorageException(ErrorCode.STORE_NOT_FOUND, what + ": the store's tables are gone from "
                    + server + " (destroyed by another engine?)", e);
        }
        String reason = e instanceof SQLTransientConnectionException
                ? "no database connection within the timeout (server down, no primary reachable, or pool "
                        + "exhausted)" + lastConnectFailure(e)
                : LOCK_NOT_AVAILABLE.equals(e.getSQLState())
                ? "the store is in use by another process (lock timeout)"
                : "SQLState " + e.getSQLState();
        return new StorageException(ErrorCode.IO, what + " failed on " + server + ": " + reason + ": "
                + serverMessage(e), e);
    }

    /** Why the pool's last attempt to connect failed, when it says: for example no server was the primary. */
    private static String lastConnectFailure(SQLException e) {
        return e.getCause() instanceof SQLException cause ? ": " + serverMessage(cause) : "";
    }

    /**
     * The server's own words, short: a failed batch's message quotes its whole statement with every
     * parameter (megabytes for a large value), so the first message of the chain that is not a
     * batch's is used, cut at {@value #MAX_MESSAGE} characters.
     */
    private static String serverMessage(SQLException e) {
        SQLException reported = e;
        while (reported instanceof BatchUpdateException && reported.getNextException() != null) {
            reported = reported.getNextException();
        }
        String message = String.valueOf(reported.getMessage()).strip().replaceAll("\\s*\\R\\s*", "; ");
        return message.length() <= MAX_MESSAGE ? message : message.substring(0, MAX_MESSAGE) + "...";
    }
}
