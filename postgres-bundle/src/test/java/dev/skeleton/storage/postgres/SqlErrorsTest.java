package dev.skeleton.storage.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skeleton.storage.ErrorCode;
import dev.skeleton.storage.StorageException;
import java.sql.BatchUpdateException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;

/** How JDBC failures become the API's error codes and short, secret-free messages. */
class SqlErrorsTest {

    private static final String SERVER = "jdbc:postgresql://db/app schema skeleton";

    @Test
    void serializationFailuresAndDeadlocksAreConflicts() {
        assertEquals(ErrorCode.TX_CONFLICT, translate(new SQLException("no", "40001")).code());
        assertEquals(ErrorCode.TX_CONFLICT, translate(new SQLException("no", "40P01")).code());
        SQLException batch = new BatchUpdateException("batch", "25000", new int[0]);
        batch.setNextException(new SQLException("deadlock", "40P01"));
        assertTrue(SqlErrors.isConflict(batch));
    }

    @Test
    void aDroppedTableIsAStoreThatIsGone() {
        StorageException gone = translate(new SQLException("relation does not exist", "42P01"));
        assertEquals(ErrorCode.STORE_NOT_FOUND, gone.code());
        assertTrue(gone.getMessage().contains(SERVER), gone.getMessage());
    }

    @Test
    void everythingElseIsIoWithTheServersOwnShortWords() {
        StorageException timeout = translate(new SQLTransientConnectionException("pool timed out", "08001"));
        assertEquals(ErrorCode.IO, timeout.code());
        assertTrue(timeout.getMessage().contains("no database connection within the timeout"), timeout.getMessage());

        BatchUpdateException batch = new BatchUpdateException("Batch entry 0 " + "x".repeat(100_000), "22000",
                new int[0]);
        batch.setNextException(new SQLException("ERROR: value too long", "22001"));
        StorageException failed = translate(batch);
        assertEquals(ErrorCode.IO, failed.code());
        assertTrue(failed.getMessage().contains("value too long"), failed.getMessage());
        assertFalse(failed.getMessage().contains("xxxx"), "the batch's statement is not quoted");

        StorageException long1 = translate(new SQLException("y".repeat(10_000), "XX000"));
        assertTrue(long1.getMessage().length() < 1000, "cut: " + long1.getMessage().length());
    }

    @Test
    void aCommitCutOffIsNotConfirmedAndNoConflict() {
        UnconfirmedCommit cut = new UnconfirmedCommit(new SQLException("An I/O error occurred while sending to the "
                + "backend.", "08006"));
        assertFalse(SqlErrors.isConflict(cut));
        StorageException e = translate(cut);
        assertEquals(ErrorCode.IO, e.code());
        assertEquals("testing: the commit could not be confirmed, it may or may not have been applied: the connection "
                + "to " + SERVER + " was lost while it was in flight (SQLState 08006: An I/O error occurred while "
                + "sending to the backend.)", e.getMessage());
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({"08006,true", "08001,true", "57P01,true", "57P02,true",
        "57P03,true", "57P04,false", "40001,false", "XX000,false"})
    void lostConnectionsAreTheirClassAndTheServersEndingOfTheSession(String state, boolean lost) {
        assertEquals(lost, SqlErrors.isConnectionLoss(new SQLException("x", state)));
    }

    @Test
    void aConnectionWithoutStateIsNotLost() {
        assertFalse(SqlErrors.isConnectionLoss(new SQLException("x")));
    }

    @Test
    void aStandbyCancellingAReadForReplayIsIoNotAConflict() {
        SQLException cancelled = new SQLException("ERROR: canceling statement due to conflict with recovery\n"
                + "  Detail: User query might have needed to see row versions that must be removed.", "40001");
        assertFalse(SqlErrors.isConflict(cancelled));
        StorageException e = translate(cancelled);
        assertEquals(ErrorCode.IO, e.code());
        assertTrue(e.getMessage().contains("hot_standby_feedback=on"), e.getMessage());
        assertTrue(e.getMessage().endsWith("conflict with recovery; Detail: User query might have needed to see row "
                + "versions that must be removed."), "one line: " + e.getMessage());
    }

    @Test
    void noPrimaryInTimeSaysWhyTheLastAttemptFailed() {
        SQLTransientConnectionException timeout = new SQLTransientConnectionException("pool - Connection is not "
                + "available, request timed out after 1000ms", "08001",
                new SQLException("Could not find a server with specified targetServerType: primary", "08001"));
        StorageException e = translate(timeout);
        assertEquals(ErrorCode.IO, e.code());
        assertTrue(e.getMessage().contains("no primary reachable"), e.getMessage());
        assertTrue(e.getMessage().contains(": Could not find a server with specified targetServerType: primary: pool"),
                e.getMessage());
    }

    private static StorageException translate(SQLException e) {
        return SqlErrors.translate(e, "testing", SERVER);
    }
}
