package dev.skeleton.storage.itests;

import static org.ops4j.pax.exam.CoreOptions.composite;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import dev.skeleton.storage.postgres.testserver.PostgresTestServer;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.ops4j.pax.exam.Option;
import org.ops4j.pax.exam.cm.ConfigurationAdminOptions;

/**
 * Finds or starts the PostgreSQL server for the tests ({@link PostgresTestServer#shared()}: the one
 * that {@code SKELETON_PG_URL} names, else a throw-away server of this JVM) and passes it into the
 * framework as the system properties {@link PostgresServer} reads.
 *
 * <p>Runs in the test driver, outside the framework: {@code postgres-testserver} is a plain jar on
 * the test class path, not a bundle.
 */
final class PostgresServerOptions {

    /** Schemas made by this JVM, so that two test classes starting in one millisecond differ. */
    private static final AtomicInteger SCHEMAS = new AtomicInteger();

    private PostgresServerOptions() {
    }

    /**
     * The server's address and login as system properties, or the reason there is none. A server
     * whose binaries exist but which does not start throws here, so the test class fails instead
     * of skipping: that is a broken machine, not a missing server.
     */
    static Option server() {
        Optional<PostgresTestServer> found = PostgresTestServer.shared();
        if (found.isEmpty()) {
            return unavailable();
        }
        return properties(found.get(), newSchema());
    }

    /**
     * {@link #server()}, and the postgres engine configured on it (PID
     * {@value PostgresServer#ENGINE_PID}) before the framework starts, for tests that use the engine
     * rather than test its configuration. Without a server the engine stays unconfigured, hence
     * absent, and the tests that need it skip ({@link PostgresServer#assumeAvailable()}).
     */
    static Option serverWithEngine() {
        Optional<PostgresTestServer> found = PostgresTestServer.shared();
        if (found.isEmpty()) {
            return unavailable();
        }
        PostgresTestServer server = found.get();
        String schema = newSchema();
        return composite(properties(server, schema),
                ConfigurationAdminOptions.newConfiguration(PostgresServer.ENGINE_PID)
                        .put("url", server.url())
                        .put("user", server.user())
                        .put(".password", server.password())
                        .put("schema", schema)
                        .asOption());
    }

    private static Option unavailable() {
        return systemProperty(PostgresServer.UNAVAILABLE).value(String.valueOf(PostgresTestServer.unavailableReason()));
    }

    /**
     * A schema of this run's own: a server named by SKELETON_PG_URL is shared by the whole build,
     * and a store's name is unique per schema.
     */
    private static String newSchema() {
        return "itests_" + ProcessHandle.current().pid() + "_" + Long.toString(System.currentTimeMillis(), 36)
                + "_" + SCHEMAS.incrementAndGet();
    }

    private static Option properties(PostgresTestServer server, String schema) {
        return composite(
                systemProperty(PostgresServer.URL).value(server.url()),
                systemProperty(PostgresServer.USER).value(server.user()),
                systemProperty(PostgresServer.PASSWORD).value(server.password()),
                systemProperty(PostgresServer.SCHEMA).value(schema));
    }
}
