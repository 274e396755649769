package dev.skeleton.storage.postgres;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts the round trips a store makes to its server: the statements are executed through it, so
 * the count is taken where the statement is sent, once per execution.
 *
 * <h2>What counts as one</h2>
 * <ul>
 *   <li>each execution of a statement; a JDBC batch is sent as one, and so is a string of several
 *       statements sent together ({@code SET TRANSACTION ...; SELECT ...});</li>
 *   <li>each {@code COMMIT} and {@code ROLLBACK} the store sends ({@link #one()} at the call);</li>
 *   <li>each page of a streamed result after the first ({@link #next}): the driver fetches the next
 *       page when the rows of a full page have been read.</li>
 * </ul>
 * Not counted: what the pool does by itself (checking an idle connection before lending it,
 * resetting one it takes back), and the metrics' own queries, so that looking does not change
 * what is seen. {@code BEGIN} travels with the first statement of a transaction and is no trip of
 * its own.
 *
 * <p>Thread-safe and cheap: a {@link LongAdder}, which contended writers do not serialize on.
 */
final class RoundTrips {

    /**
     * The trips of the engine's own work, which belongs to no store (the catalog): counted, shown
     * nowhere.
     */
    static final RoundTrips UNATTRIBUTED = new RoundTrips();

    private final LongAdder count = new LongAdder();

    /** Counts one round trip made without a statement of ours: a commit, a rollback. */
    void one() {
        count.increment();
    }

    /**
     * Runs a query.
     *
     * @param statement the prepared query
     * @return its rows
     * @throws SQLException as JDBC throws it; the trip counts anyway, since it was made
     */
    ResultSet query(PreparedStatement statement) throws SQLException {
        count.increment();
        return statement.executeQuery();
    }

    /**
     * Runs an update.
     *
     * @param statement the prepared update
     * @return the rows it changed
     * @throws SQLException as JDBC throws it
     */
    int update(PreparedStatement statement) throws SQLException {
        count.increment();
        return statement.executeUpdate();
    }

    /**
     * Runs the batch the statement holds: one trip, whatever its size.
     *
     * @param statement the statement with its batch added
     * @throws SQLException as JDBC throws it
     */
    void batch(PreparedStatement statement) throws SQLException {
        count.increment();
        statement.executeBatch();
    }

    /**
     * Runs SQL text, one statement or several sent together.
     *
     * @param statement the statement to run it on
     * @param sql       the text
     * @return as {@link Statement#execute(String)}: whether the first result is rows
     * @throws SQLException as JDBC throws it
     */
    boolean execute(Statement statement, String sql) throws SQLException {
        count.increment();
        return statement.execute(sql);
    }

    /**
     * Moves a streamed result on by one row, counting the trip that fetches a page when the rows
     * read so far fill whole pages: then the driver has run out of rows and asks the server for
     * more (for the last page too, whose answer may be empty). A result whose fetch size is 0 came
     * in one piece.
     *
     * @param rows     the result, in a transaction (where the driver streams it)
     * @param rowsRead the rows read from it so far
     * @return as {@link ResultSet#next()}
     * @throws SQLException as JDBC throws it
     */
    boolean next(ResultSet rows, long rowsRead) throws SQLException {
        int pageSize = rows.getFetchSize();
        if (rowsRead > 0 && pageSize > 0 && rowsRead % pageSize == 0) {
            count.increment();
        }
        return rows.next();
    }

    /** The trips counted so far. */
    long count() {
        return count.sum();
    }
}
