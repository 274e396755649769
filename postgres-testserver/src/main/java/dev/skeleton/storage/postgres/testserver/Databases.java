package dev.skeleton.storage.postgres.testserver;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/** Creates databases with {@code psql}, under names no other test or JVM will pick. */
final class Databases {

    private static final Pattern PREFIX = Pattern.compile("[a-z_][a-z0-9_]{0,39}");
    private static final AtomicLong COUNTER = new AtomicLong();
    private static final Duration PSQL_TIMEOUT = Duration.ofSeconds(60);

    private Databases() {
    }

    /**
     * Creates a database named after {@code prefix} on {@code server} and returns its JDBC URL.
     *
     * @throws IllegalArgumentException      if the prefix is not a plain SQL identifier
     * @throws UnsupportedOperationException if there is no {@code psql} to run
     * @throws IllegalStateException         if {@code psql} fails
     */
    static String create(ServerControl server, String prefix) {
        String name = uniqueName(prefix);
        Path psql = server.psql().orElseThrow(() -> new UnsupportedOperationException(
                "createDatabase runs psql, and there is none beside the server binaries nor on PATH;"
                        + " install the PostgreSQL client (Debian: postgresql-client) or use a schema"
                        + " per test instead"));
        Endpoint endpoint = server.endpoint();
        List<String> command = List.of(psql.toString(), "-X", "-q", "-w", "-v", "ON_ERROR_STOP=1",
                "-h", endpoint.host(), "-p", Integer.toString(endpoint.port()),
                "-U", endpoint.user(), "-d", endpoint.database(),
                "-c", "CREATE DATABASE " + name);
        Map<String, String> env = Processes.cleanEnvironment();
        // The password goes in the environment, never on a command line others can read in ps.
        env.put("PGPASSWORD", endpoint.password());
        env.put("PGCONNECT_TIMEOUT", "10");
        Processes.Result result = Processes.run(command, env, Path.of(System.getProperty("java.io.tmpdir")),
                PSQL_TIMEOUT);
        if (!result.ok()) {
            throw new IllegalStateException("psql could not create the database " + name + " on "
                    + endpoint.url() + " (exit " + result.exitCode() + "):\n" + result.output());
        }
        return endpoint.urlFor(name);
    }

    /**
     * {@code prefix}, lower-cased, then a counter and a random part: the counter keeps names apart
     * within this JVM, the random part keeps them apart from other JVMs on a shared server.
     */
    static String uniqueName(String prefix) {
        String lower = prefix.toLowerCase(Locale.ROOT);
        if (!PREFIX.matcher(lower).matches()) {
            throw new IllegalArgumentException("a database prefix is 1 to 40 letters, digits and"
                    + " underscores, not starting with a digit, but is '" + prefix + "'");
        }
        byte[] random = new byte[4];
        ThreadLocalRandom.current().nextBytes(random);
        return lower + "_" + COUNTER.incrementAndGet() + "_" + HexFormat.of().formatHex(random);
    }
}
