package dev.skeleton.storage.postgres;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.skeleton.storage.postgres.testserver.ReplicatedTestServers;
import dev.skeleton.storage.postgres.testserver.ReplicatedTestServers.Replication;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A primary and a synchronous streaming standby shared by the test classes of this JVM that do not
 * kill either server (starting a pair costs about 3 s); they must leave it as they found it (replay
 * running). Tests skip, like those on {@link TestDatabase}, only when the machine has no PostgreSQL
 * binaries. The pair stops when the JVM exits.
 */
final class TestPair {

    private static final AtomicInteger SCHEMAS = new AtomicInteger();
    private static ReplicatedTestServers shared;
    private static boolean tried;

    private TestPair() {
    }

    /** The shared synchronous pair; skips the calling test when there is no server binary. */
    static synchronized ReplicatedTestServers shared() {
        if (!tried) {
            tried = true;
            shared = start(Replication.SYNCHRONOUS);
        }
        assumeTrue(shared != null, "no PostgreSQL server binaries on this machine");
        return shared;
    }

    /** A pair of the caller's own, which it closes; skips the calling test when there is no binary. */
    static ReplicatedTestServers start(Replication replication) {
        Optional<ReplicatedTestServers> pair = ReplicatedTestServers.start(replication);
        assumeTrue(pair.isPresent(), "no PostgreSQL server binaries on this machine");
        return pair.get();
    }

    /** A schema no other test uses. */
    static String freshSchema() {
        return "r" + ProcessHandle.current().pid() + "_" + SCHEMAS.incrementAndGet();
    }

    /** Settings for the pair's two-host url, in a schema of their own. */
    static PostgresSettings settings(ReplicatedTestServers pair, String schema) {
        return PostgresSettings.of(pair.url(), pair.user(), pair.password()).withSchema(schema);
    }

    /** A plain connection to one server of the pair; the caller closes it. */
    static Connection jdbc(ReplicatedTestServers pair, String url) throws SQLException {
        return DriverManager.getConnection(url, pair.user(), pair.password());
    }

    /** Runs a query answering one text value on one server of the pair. */
    static String query(ReplicatedTestServers pair, String url, String sql) throws SQLException {
        try (Connection connection = jdbc(pair, url);
             Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery(sql)) {
            return row.next() ? row.getString(1) : null;
        }
    }
}
