package dev.skeleton.storage.multistore;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.skeleton.storage.postgres.PostgresEngine;
import dev.skeleton.storage.postgres.PostgresSettings;
import dev.skeleton.storage.postgres.testserver.PostgresTestServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The PostgreSQL server of this module's postgres tests ({@link PostgresTestServer#shared()}: the
 * server {@code SKELETON_PG_URL} names, else a throw-away one from the machine's binaries, one per
 * test JVM) and a schema of the test's own, so that tests and child processes never see other
 * tests' stores. A test that asks for one is skipped, with the reason, only when the machine has no
 * server to be had. Not thread-safe: one test's.
 */
final class TestPostgres implements AutoCloseable {

    private static final AtomicInteger SCHEMAS = new AtomicInteger();

    private final PostgresTestServer server;
    private final String schema = "ms" + ProcessHandle.current().pid() + "_" + SCHEMAS.incrementAndGet();
    private final List<PostgresEngine> engines = new ArrayList<>();

    private TestPostgres(PostgresTestServer server) {
        this.server = server;
    }

    /** The server with a new schema; skips the calling test when there is no server. */
    static TestPostgres create() {
        Optional<PostgresTestServer> server = PostgresTestServer.shared();
        assumeTrue(server.isPresent(), PostgresTestServer::unavailableReason);
        return new TestPostgres(server.get());
    }

    /** A new postgres engine on this test's schema, closed by {@link #close()}. */
    PostgresEngine engine() {
        PostgresEngine engine = PostgresEngine.connect(PostgresSettings.of(server.url(), server.user(), server.password())
                .withSchema(schema));
        engines.add(engine);
        return engine;
    }

    /** What a {@link TransferCrashChild} needs in its environment to register a postgres engine on this schema. */
    Map<String, String> childEnvironment() {
        return Map.of(TransferCrashChild.PG_URL, server.url(), TransferCrashChild.PG_USER, server.user(),
                TransferCrashChild.PG_PASSWORD, server.password(), TransferCrashChild.PG_SCHEMA, schema);
    }

    /** Closes every engine made here; the schema stays, as the postgres engine's own tests leave theirs. */
    @Override
    public void close() {
        engines.forEach(PostgresEngine::close);
        engines.clear();
    }
}
