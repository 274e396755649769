package dev.skeleton.storage.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.skeleton.storage.postgres.testserver.PostgresTestServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The postgres engine in the packaged runtime, configured as a user does it: a file
 * {@code etc/dev.skeleton.storage.postgres.cfg} whose password FileInstall takes from an
 * environment variable. What one run writes, the next reads; neither prints anything on standard
 * error, and the password is written nowhere under the working directory (ConfigAdmin keeps
 * configurations in memory). Skips only on a machine without any PostgreSQL server binary.
 */
@Timeout(180)
class PostgresEngineIT {

    private static final Duration RUN = Duration.ofSeconds(60);
    private static final String PASSWORD_VARIABLE = "SKELETON_IT_PG_PASSWORD";

    @TempDir
    Path work;

    @Test
    void aStoreOnThePostgresEngineOutlivesTheRunAndThePasswordStaysOffTheDisk() throws Exception {
        Optional<PostgresTestServer> found = PostgresTestServer.shared();
        assumeTrue(found.isPresent(), PostgresTestServer::unavailableReason);
        PostgresTestServer server = found.get();
        // A schema of this test's own: a server named by SKELETON_PG_URL is shared by the whole build.
        String schema = "runtime_" + ProcessHandle.current().pid() + "_" + Long.toString(System.currentTimeMillis(), 36);
        Files.createDirectories(work.resolve("etc"));
        Files.writeString(work.resolve("etc").resolve("dev.skeleton.storage.postgres.cfg"), String.join("\n",
                "url = " + server.url(),
                "user = " + server.user(),
                ".password = ${env:" + PASSWORD_VARIABLE + "}",
                "schema = " + schema,
                ""));
        Map<String, String> environment = Map.of(PASSWORD_VARIABLE, server.password());

        Result first = run(environment, "store:engines; store:create users postgres; store:set users alice admin");
        assertEquals(ExitStatus.OK, first.status(), first.toString());
        assertTrue(first.out().matches("(?s).*\\npostgres\\s+transactions, versioning, range queries, persistence\\n.*"),
                first.toString());
        assertTrue(first.out().contains("created store users (engine postgres)"), first.toString());
        assertEquals("", first.err(), "nothing on standard error: " + first);

        Result second = run(environment, "store:get users alice; store:info users; store:delete users");
        assertEquals(ExitStatus.OK, second.status(), second.toString());
        assertTrue(second.out().startsWith("admin\n"), second.toString());
        assertTrue(second.out().matches("(?s).*engine:\\s+postgres\\n.*"), second.toString());
        assertEquals("", second.err(), "nothing on standard error: " + second);

        String password = server.password();
        assumeTrue(password.length() >= 8, "a password long enough to search for");
        for (Result result : List.of(first, second)) {
            assertFalse(result.out().contains(password) || result.err().contains(password), "the password was printed");
        }
        try (Stream<Path> files = Files.walk(work)) {
            for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                String content = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                assertFalse(content.contains(password), "the password is written in " + file);
            }
        }
    }

    private Result run(Map<String, String> environment, String commands) throws InterruptedException {
        try (SkeletonProcess process = SkeletonProcess.start(work, environment, "-c", commands)) {
            int status = process.exitStatus(RUN);
            return new Result(status, process.out(), process.err());
        }
    }

    private record Result(int status, String out, String err) {
        @Override
        public String toString() {
            return "status " + status + "\nout:\n" + out + "\nerr:\n" + err;
        }
    }
}
