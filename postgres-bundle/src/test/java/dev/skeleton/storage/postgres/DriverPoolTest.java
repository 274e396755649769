package dev.skeleton.storage.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.SQLExceptionOverride;
import dev.skeleton.storage.postgres.testserver.PostgresTestServer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/**
 * The settings every connection of the engine carries, on one server: {@code synchronous_commit} on
 * both pools, next to the url's own {@code options}; a second pool only when {@code read_from} asks
 * for one (on one server, which is the primary, {@code standby} reads there: no standby answers).
 */
class DriverPoolTest {

    @Test
    void synchronousCommitIsOnEveryConnectionOfBothPoolsWithTheUrlsOwnOptions() throws SQLException {
        PostgresTestServer server = TestDatabase.server();
        PostgresSettings settings = PostgresSettings.of(server.url() + "?options=-c%20work_mem%3D5MB", server.user(),
                server.password()).withSynchronousCommit("remote_apply").withReadFrom(ReadFrom.STANDBY);
        try (Database database = new Database(settings)) {
            assertTrue(database.readsElsewhere());
            assertEquals("remote_apply", database.autocommit("test", c -> show(c, "synchronous_commit")));
            assertEquals("5MB", database.autocommit("test", c -> show(c, "work_mem")));
            assertEquals("remote_apply", database.read("test", c -> show(c, "synchronous_commit")));
            assertEquals("5MB", database.read("test", c -> show(c, "work_mem")));
            assertEquals("remote_apply", database.transaction("test", c -> show(c, "synchronous_commit")));
            try (Connection reading = database.readConnection("test")) {
                assertEquals("off", show(reading, "transaction_read_only"), "a primary: no standby answered");
            }
        }
    }

    @Test
    void aConnectionWhoseServerRefusesWritesAsReadOnlyIsDroppedAndOthersAreLeftToHikari() {
        DriverPool.ReadOnlyServerEviction eviction = new DriverPool.ReadOnlyServerEviction();
        assertEquals(SQLExceptionOverride.Override.MUST_EVICT,
                eviction.adjudicate(new SQLException("cannot execute UPDATE in a read-only transaction", "25006")));
        assertEquals(SQLExceptionOverride.Override.CONTINUE_EVICT,
                eviction.adjudicate(new SQLException("duplicate key", "23505")));
        assertEquals(SQLExceptionOverride.Override.CONTINUE_EVICT, eviction.adjudicate(new SQLException("no state")));
    }

    @Test
    void withoutTheSettingsTheServersOwnApplyAndOnePoolServes() throws SQLException {
        PostgresTestServer server = TestDatabase.server();
        try (Database database = new Database(PostgresSettings.of(server.url(), server.user(), server.password()))) {
            assertFalse(database.readsElsewhere());
            assertFalse(database.isWorthReadingOnPrimary(new SQLException("gone", "42P01")), "no other pool to try");
            assertEquals("on", database.read("test", c -> show(c, "synchronous_commit")));
        }
    }

    @Test
    void readFromAnyReadsAnyServerOfTheUrl() throws SQLException {
        PostgresTestServer server = TestDatabase.server();
        PostgresSettings settings = PostgresSettings.of(server.url(), server.user(), server.password())
                .withSynchronousCommit("local").withReadFrom(ReadFrom.ANY);
        try (Database database = new Database(settings)) {
            assertTrue(database.readsElsewhere());
            assertTrue(database.isWorthReadingOnPrimary(new SQLException("gone", "42P01")));
            assertFalse(database.isWorthReadingOnPrimary(new SQLException("other", "XX000")));
            assertEquals("local", database.read("test", c -> show(c, "synchronous_commit")));
        }
    }

    private static String show(Connection connection, String setting) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SHOW " + setting)) {
            row.next();
            return row.getString(1);
        }
    }
}
