package dev.skeleton.storage.itests;

import static org.ops4j.pax.exam.CoreOptions.composite;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import dev.skeleton.storage.postgres.testserver.PostgresTestServer;
import java.util.Optional;
import org.ops4j.pax.exam.Option;

/**
 * Finds or starts the PostgreSQL server for the tests ({@link PostgresTestServer#shared()}: the one
 * that {@code SKELETON_PG_URL} names, else a throw-away server of this JVM) and passes it into the
 * framework as the system properties {@link PostgresServer} reads.
 *
 * <p>Runs in the test driver, outside the framework: {@code postgres-testserver} is a plain jar on
 * the test class path, not a bundle.
 */
final class PostgresServerOptions {

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
            return systemProperty(PostgresServer.UNAVAILABLE).value(String.valueOf(PostgresTestServer.unavailableReason()));
        }
        PostgresTestServer server = found.get();
        // A schema of this run's own: a server named by SKELETON_PG_URL is shared by the whole build,
        // and a store's name is unique per schema.
        String schema = "itests_" + ProcessHandle.current().pid() + "_" + Long.toString(System.currentTimeMillis(), 36);
        return composite(
                systemProperty(PostgresServer.URL).value(server.url()),
                systemProperty(PostgresServer.USER).value(server.user()),
                systemProperty(PostgresServer.PASSWORD).value(server.password()),
                systemProperty(PostgresServer.SCHEMA).value(schema));
    }
}
