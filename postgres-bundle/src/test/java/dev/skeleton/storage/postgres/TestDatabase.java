package dev.skeleton.storage.postgres;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.skeleton.storage.postgres.testserver.PostgresTestServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The PostgreSQL server of this module's tests (one per test JVM, see {@link PostgresTestServer}),
 * and the engines a test made on it, each in a schema of its own so that tests never see each
 * other's stores. Tests skip, with the reason, only when the machine has no PostgreSQL server
 * binary at all.
 */
final class TestDatabase {

    private static final AtomicInteger SCHEMAS = new AtomicInteger();

    private final List<PostgresEngine> engines = new ArrayList<>();
    private final String schema = "t" + ProcessHandle.current().pid() + "_" + SCHEMAS.incrementAndGet();

    /** The server; skips the calling test when there is none. */
    static PostgresTestServer server() {
        Optional<PostgresTestServer> server = PostgresTestServer.shared();
        assumeTrue(server.isPresent(), PostgresTestServer::unavailableReason);
        return server.get();
    }

    /** Settings for this test's schema. */
    PostgresSettings settings() {
        PostgresTestServer server = server();
        return PostgresSettings.of(server.url(), server.user(), server.password()).withSchema(schema);
    }

    /** A new engine on this test's schema, closed by {@link #close()}. */
    synchronized PostgresEngine engine() {
        return track(PostgresEngine.connect(settings()));
    }

    /** A new engine on this test's schema with other internal sizes, closed by {@link #close()}. */
    synchronized PostgresEngine engine(Tuning tuning) {
        return track(new PostgresEngine(settings(), tuning));
    }

    /**
     * A plain JDBC connection to the server, for looking at the tables behind the engine's back.
     *
     * @return a connection; the caller closes it
     */
    Connection jdbc() throws SQLException {
        PostgresTestServer server = server();
        return DriverManager.getConnection(server.url(), server.user(), server.password());
    }

    /**
     * Runs one query that answers a single number.
     *
     * @param sql the query; {@code {schema}} stands for this test's schema
     * @return its answer
     */
    long count(String sql) throws SQLException {
        try (Connection connection = jdbc();
             Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery(sql.replace("{schema}", schema))) {
            row.next();
            return row.getLong(1);
        }
    }

    /**
     * The id a store's tables are named by ({@code s_<id>_data} and so on), from the catalog.
     *
     * @param store the store's name
     * @return its id
     */
    String storeId(String store) throws SQLException {
        try (Connection connection = jdbc();
             PreparedStatement select = connection.prepareStatement(
                     "SELECT id FROM " + schema + ".skeleton_stores WHERE name = ?")) {
            select.setString(1, store);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    throw new IllegalStateException("no store " + store + " in schema " + schema);
                }
                return row.getString(1);
            }
        }
    }

    /** Tracks an engine for {@link #close()}. */
    synchronized PostgresEngine track(PostgresEngine engine) {
        engines.add(engine);
        return engine;
    }

    /** This test's schema. */
    String schema() {
        return schema;
    }

    /** Closes every engine made here. */
    synchronized void close() {
        engines.forEach(PostgresEngine::close);
        engines.clear();
    }
}
