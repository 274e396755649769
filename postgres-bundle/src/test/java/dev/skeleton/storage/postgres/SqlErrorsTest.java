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

    private static StorageException translate(SQLException e) {
        return SqlErrors.translate(e, "testing", SERVER);
    }
}
