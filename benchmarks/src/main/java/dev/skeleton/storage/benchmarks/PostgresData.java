package dev.skeleton.storage.benchmarks;

import dev.skeleton.storage.postgres.testserver.PostgresTestServer;
import dev.skeleton.storage.postgres.testserver.ReplicatedTestServers;
import dev.skeleton.storage.postgres.testserver.ReplicatedTestServers.Replication;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Properties;
import java.util.SplittableRandom;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The server, the target and the data of one trial of the postgres suite. The JMH states extend it
 * and add the parameters ({@code keys}, {@code target}) and the setup levels.
 *
 * <h2>Server</h2>
 * {@link PostgresTestServer#shared()}: the server that {@code SKELETON_PG_URL} names, else a
 * throw-away server started from this machine's binaries, one per JMH fork (so the engine and the
 * baseline never share a server, a buffer cache or a WAL), with {@code fsync=on} and the default
 * {@code synchronous_commit=on}: a commit returns once its WAL record is on the disk. A trial may
 * turn {@code synchronous_commit} off for its own sessions (the url parameter
 * {@code options=-c synchronous_commit=off}, which the engine and the baseline both get, and which
 * changes nothing on the server for anyone else): commits then return before the flush, and what
 * is left is the round trips and the work on both ends. Each trial keeps its tables in a schema of
 * its own, {@code bench_<random>}, dropped by its tear-down.
 *
 * <h2>Replication</h2>
 * A trial may run on a primary and a streaming standby instead ({@link ReplicatedTestServers}, one
 * pair per fork): {@code async} or {@code sync} ({@code synchronous_standby_names = '*'} on the
 * primary: with {@code synchronous_commit=on} a commit also waits for the standby's flush). Both
 * targets then get the url of both hosts with {@code targetServerType=primary}: the engine sets that
 * itself, and the baseline needs it to find the primary the same way. The engine may read the
 * standby ({@code read_from=standby}); the baseline reads the primary only.
 *
 * <h2>Data</h2>
 * Keys are {@link RandomData#keys}: 16 random bytes from a fixed seed, the same as every other
 * suite's; loaded values are 100 bytes each, all different ({@link PersistentData#values}); single
 * writes store {@link RandomData#value()}. A store is filled in atomic commits of {@value #BATCH}
 * keys through the target itself, so the engine's store and the baseline's tables hold the same rows
 * laid down by the same statements; then the whole database is vacuumed and analysed and a
 * checkpoint taken, so that both measurements start from the same state of the server.
 *
 * <p>Thread safety: filled before the benchmark threads start, then only read.
 */
abstract class PostgresData {

    /** Keys per atomic commit when filling. */
    static final int BATCH = 1000;

    /**
     * The engine's pool logs its start and shutdown at INFO on stderr, in the middle of JMH's
     * iteration lines; warnings still show. Held here because the JDK keeps loggers only weakly.
     */
    private static final java.util.logging.Logger POOL_LOG = java.util.logging.Logger.getLogger("com.zaxxer.hikari");

    static {
        POOL_LOG.setLevel(java.util.logging.Level.WARNING);
    }

    /** The pair of a replicated trial: one per fork, stopped at its exit. */
    private static ReplicatedTestServers pair;

    /** The url of the server (or of the pair's primary): for statements of the harness itself. */
    String serverUrl;
    /** The login of both targets and of the harness. */
    PostgresLogin login;
    /** The url both targets connect with. */
    String url;
    /** The schema of this trial. */
    String schema;
    /** The engine or the baseline, connected to the server. */
    PostgresTarget.Client client;
    /** The store under measurement. */
    PostgresTarget store;
    /** The keys the store holds, in insertion (random) order. */
    byte[][] storedKeys;
    /** The same keys in ascending unsigned order, for ranges. */
    byte[][] sortedKeys;
    /** The value the single writes store. */
    byte[] value = RandomData.value();

    /**
     * Finds or starts the server and connects the target to it, in a new schema, with the
     * server's own {@code synchronous_commit}.
     *
     * @param target {@link PostgresTarget#ENGINE} or {@link PostgresTarget#JDBC}
     * @throws IllegalStateException if this machine has no PostgreSQL server binary and no server
     *                               is named: the message says what to install
     */
    void connect(String target) {
        connect(target, true);
    }

    /**
     * Finds or starts the server and connects the target to it, in a new schema.
     *
     * @param target      {@link PostgresTarget#ENGINE} or {@link PostgresTarget#JDBC}
     * @param synchronous false to turn {@code synchronous_commit} off in every session of the
     *                    trial (see the class comment)
     * @throws IllegalStateException if this machine has no PostgreSQL server binary and no server
     *                               is named: the message says what to install
     */
    void connect(String target, boolean synchronous) {
        connect(target, synchronous, "single", "primary");
    }

    /**
     * Finds or starts the server, or a replicated pair, and connects the target to it, in a new
     * schema.
     *
     * @param target      {@link PostgresTarget#ENGINE} or {@link PostgresTarget#JDBC}
     * @param synchronous false to turn {@code synchronous_commit} off in every session of the trial
     * @param replication {@code single} (one server), {@code async} or {@code sync} (a pair; see the
     *                    class comment)
     * @param readFrom    where the engine reads: {@code primary} or {@code standby}
     * @throws IllegalStateException if this machine has no PostgreSQL server binary and no server
     *                               is named: the message says what to install
     */
    void connect(String target, boolean synchronous, String replication, String readFrom) {
        startServer(synchronous, replication);
        client = PostgresTarget.connect(target, url, login, schema, readFrom);
        System.out.printf("# %s, on %s%n", client.describe(), describeServer());
    }

    /**
     * Finds or starts the server and chooses the url and a new schema, without connecting a target:
     * for a trial that connects the engine itself (see {@link TransferHeapBenchmark}).
     *
     * @param synchronous false to turn {@code synchronous_commit} off in every session of the
     *                    trial (see the class comment)
     * @throws IllegalStateException if this machine has no PostgreSQL server binary and no server
     *                               is named: the message says what to install
     */
    void startServer(boolean synchronous) {
        startServer(synchronous, "single");
    }

    private void startServer(boolean synchronous, String replication) {
        String base;
        if ("single".equals(replication)) {
            PostgresTestServer server = PostgresTestServer.shared().orElseThrow(() -> new IllegalStateException(
                    "the postgres benchmarks need a PostgreSQL server: " + PostgresTestServer.unavailableReason()));
            serverUrl = server.url();
            login = new PostgresLogin(server.user(), server.password());
            base = server.url();
        } else {
            ReplicatedTestServers servers = pair(replication);
            serverUrl = servers.primaryUrl();
            login = new PostgresLogin(servers.user(), servers.password());
            base = servers.url() + "?targetServerType=primary";
        }
        url = synchronous ? base
                : base + (base.contains("?") ? "&" : "?") + "options=-c%20synchronous_commit%3Doff";
        schema = "bench_" + HexFormat.of().toHexDigits(new SplittableRandom().nextLong());
    }

    /** The fork's pair, started at the first call. */
    private static synchronized ReplicatedTestServers pair(String replication) {
        Replication kind = switch (replication) {
            case "async" -> Replication.ASYNCHRONOUS;
            case "sync" -> Replication.SYNCHRONOUS;
            default -> throw new IllegalArgumentException("replication is single, async or sync, not " + replication);
        };
        if (pair == null) {
            pair = ReplicatedTestServers.start(kind).orElseThrow(() -> new IllegalStateException(
                    "the replicated postgres benchmarks need PostgreSQL's server programs on this machine"));
        }
        return pair;
    }

    /**
     * The server's version, address and durability settings, for the output.
     *
     * @return e.g. "PostgreSQL 15.8 at jdbc:... (fsync on, synchronous_commit on)"
     */
    String describeServer() {
        return String.format("PostgreSQL %s at %s (fsync %s, synchronous_commit %s%s)", setting("server_version"),
                serverUrl, setting("fsync"), setting("synchronous_commit"),
                pair == null ? "" : ", " + pair);
    }

    /**
     * Creates the store and loads {@code count} keys with distinct values into it, printing how
     * long that took; then vacuums, analyses and checkpoints the database.
     *
     * @param count how many keys
     */
    void fill(int count) {
        store = client.create("bench");
        storedKeys = RandomData.keys(count);
        byte[][] values = PersistentData.values(count);
        long start = System.nanoTime();
        for (int from = 0; from < count; from += BATCH) {
            store.load(storedKeys, values, from, Math.min(count, from + BATCH));
        }
        long loaded = System.nanoTime();
        settle();
        System.out.printf("# Loaded %,d keys in %,d ms, vacuumed and checkpointed in %,d ms%n", count,
                (loaded - start) / 1_000_000, (System.nanoTime() - loaded) / 1_000_000);
        sortedKeys = storedKeys.clone();
        Arrays.sort(sortedKeys, Arrays::compareUnsigned);
    }

    /**
     * A key the store holds, drawn uniformly by the calling thread.
     *
     * @return one of {@link #storedKeys}, not a copy
     */
    byte[] randomKey() {
        return storedKeys[ThreadLocalRandom.current().nextInt(storedKeys.length)];
    }

    /**
     * Where a range of {@code length} stored keys starts, drawn uniformly by the calling thread.
     *
     * @param length how many keys the range holds
     * @return an index into {@link #sortedKeys} with {@code length} more keys after it, so that
     *         {@code [sortedKeys[i], sortedKeys[i + length])} holds exactly {@code length} keys
     */
    int rangeStart(int length) {
        return ThreadLocalRandom.current().nextInt(sortedKeys.length - length);
    }

    /** Drops the store, disconnects and drops the schema; the server stays for the JVM's exit. */
    void release() {
        try {
            if (store != null) {
                store.drop();
            }
        } finally {
            store = null;
            try {
                if (client != null) {
                    client.close();
                }
            } finally {
                client = null;
                if (schema != null) {
                    run("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
                }
            }
        }
    }

    /** Vacuums and analyses every table, then checkpoints: the same starting state for both targets. */
    void settle() {
        run("VACUUM ANALYZE");
        run("CHECKPOINT");
        if (pair != null) {
            pair.awaitStandbyCaughtUp(); // a standby read must find what was filled
        }
    }

    /** Runs one statement in autocommit on a connection of its own (VACUUM refuses a transaction). */
    private void run(String sql) {
        try (Connection connection = connection(); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql + " failed on " + serverUrl + ": " + e, e);
        }
    }

    private String setting(String name) {
        try (Connection connection = connection(); Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SHOW " + name)) {
            return row.next() ? row.getString(1) : "?";
        } catch (SQLException e) {
            throw new IllegalStateException("SHOW " + name + " failed on " + serverUrl + ": " + e, e);
        }
    }

    private Connection connection() throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", login.user());
        properties.setProperty("password", login.password());
        return new org.postgresql.Driver().connect(url, properties);
    }
}
