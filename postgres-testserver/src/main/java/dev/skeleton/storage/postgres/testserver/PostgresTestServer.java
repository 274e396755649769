package dev.skeleton.storage.postgres.testserver;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A real PostgreSQL server for tests and benchmarks.
 *
 * <p>Most tests use {@link #shared()}, one server per JVM:
 * <pre>{@code
 * Optional<PostgresTestServer> pg = PostgresTestServer.shared();
 * assumeTrue(pg.isPresent(), PostgresTestServer.unavailableReason());
 * String url = pg.get().createDatabase("pgstore");   // or one schema per test on pg.get().url()
 * DriverManager.getConnection(url, pg.get().user(), pg.get().password());
 * }</pre>
 *
 * <p>The server is, in this order: the running server that the environment variables
 * {@code SKELETON_PG_URL}, {@code SKELETON_PG_USER} and {@code SKELETON_PG_PASSWORD} name (CI
 * sets them); else a throw-away server started from this machine's PostgreSQL binaries
 * ({@code initdb} and {@code pg_ctl} on the PATH, else the newest {@code /usr/lib/postgresql/*}
 * installation), listening on 127.0.0.1 only, on a free port, with user {@code skeleton} and a
 * random password. When the JVM runs as root, the server runs as the {@code postgres} user (or
 * {@code nobody}), since PostgreSQL refuses root. A throw-away server and its directory are
 * removed by {@link #close()}, or when the JVM exits.
 *
 * <p>Without any server binary the tests cannot run, and {@link #shared()} is empty with the
 * reason in {@link #unavailableReason()}, for the tests to skip with. With binaries that then
 * fail to start, it throws instead: that is a broken machine, not a missing one, and must fail.
 *
 * <p>Instances are thread-safe.
 */
public final class PostgresTestServer implements AutoCloseable {

    private static PostgresTestServer shared;
    private static IllegalStateException sharedFailure;

    private final ServerControl control;
    /** Null for an external server, which is not ours to remove. */
    private final ExitCleanup exitCleanup;
    private final AtomicBoolean closed = new AtomicBoolean();

    private PostgresTestServer(ServerControl control, boolean removeAtExit) {
        this.control = control;
        this.exitCleanup = removeAtExit ? new ExitCleanup("postgres-testserver-shutdown", this::close) : null;
    }

    /**
     * The server shared by everything in this JVM, found or started on the first call.
     *
     * <p>Closing it is allowed (a later call then starts a new one) but rarely wanted: other
     * tests are using it. A test that restarts a server should check {@link #canRestart()}, or
     * take its own from {@link #startNew()}.
     *
     * @return the server, or empty when there is none to be had; {@link #unavailableReason()}
     *         then says why
     * @throws IllegalStateException if the server binaries exist but the server does not start
     *                               (the message has the end of the server log), or if
     *                               {@code SKELETON_PG_URL} is not a PostgreSQL JDBC URL; later
     *                               calls fail the same way without trying again
     */
    public static synchronized Optional<PostgresTestServer> shared() {
        if (shared != null && !shared.closed.get()) {
            return Optional.of(shared);
        }
        if (sharedFailure != null) {
            throw new IllegalStateException(sharedFailure.getMessage(), sharedFailure);
        }
        try {
            Optional<PostgresTestServer> server = ExternalServer.fromEnvironment()
                    .map(external -> new PostgresTestServer(external, false))
                    .or(PostgresTestServer::startNew);
            shared = server.orElse(null);
            return server;
        } catch (IllegalStateException e) {
            // Starting again would fail again, slowly, once per test class: remember the failure.
            sharedFailure = e;
            throw e;
        }
    }

    /**
     * A throw-away server of the caller's own, even where {@code SKELETON_PG_URL} names an
     * external one: for tests that stop and restart a server, which they cannot do to a server
     * someone else runs, and should not do to one that other tests share. The caller closes it;
     * if it does not, the JVM's exit does.
     *
     * @return the running server, or empty when there is no server binary on this machine
     * @throws IllegalStateException if the binaries exist but the server does not start
     */
    public static Optional<PostgresTestServer> startNew() {
        return ServerBinaries.find().map(binaries -> {
            long started = System.nanoTime();
            LocalCluster cluster = LocalCluster.create(binaries);
            // One line on stderr, so a build log shows which server its tests ran against.
            System.err.printf("postgres-testserver: PostgreSQL from %s, run as %s, at 127.0.0.1:%d,"
                    + " data in %s (initdb and start took %.1f s)%n", binaries.directory(), cluster.runAs(),
                    cluster.endpoint().port(), cluster.directory(), (System.nanoTime() - started) / 1e9);
            return new PostgresTestServer(cluster, true);
        });
    }

    /**
     * Why {@link #shared()} is (or would be) empty: no external server is named and no server
     * binary is installed. Tells without starting anything.
     *
     * @return a sentence for a skipped test's message, naming what to install; {@code null} when
     *         a server can be had
     */
    public static String unavailableReason() {
        if (ExternalServer.fromEnvironment().isPresent() || ServerBinaries.find().isPresent()) {
            return null;
        }
        return ServerBinaries.NOT_FOUND;
    }

    /** The JDBC URL of the server's default database: {@code jdbc:postgresql://127.0.0.1:<port>/postgres}. */
    public String url() {
        return control.endpoint().url();
    }

    /** The host the server listens on: {@code 127.0.0.1} for a throw-away server. */
    public String host() {
        return control.endpoint().host();
    }

    /** The TCP port the server listens on; a throw-away server keeps it across restarts. */
    public int port() {
        return control.endpoint().port();
    }

    /** The user to log in as: {@code skeleton}, a superuser, on a throw-away server. */
    public String user() {
        return control.endpoint().user();
    }

    /** The password of {@link #user()}: random for each throw-away server. */
    public String password() {
        return control.endpoint().password();
    }

    /** The database {@link #url()} names: {@code postgres} on a throw-away server. */
    public String database() {
        return control.endpoint().database();
    }

    /**
     * Creates an empty database whose name starts with {@code prefix} and is unique on the
     * server, so that tests sharing a server do not see each other's tables.
     *
     * @param prefix the start of the name: letters, digits and underscores, at most 40, not
     *               starting with a digit; upper case is lowered, as PostgreSQL does
     * @return the JDBC URL of the new database (same host, port and URL parameters); log in with
     *         {@link #user()} and {@link #password()}
     * @throws IllegalArgumentException      if {@code prefix} is not such a name
     * @throws UnsupportedOperationException if there is no {@code psql} program to create it with
     * @throws IllegalStateException         if the server refuses
     */
    public String createDatabase(String prefix) {
        requireOpen();
        return Databases.create(control, prefix);
    }

    /**
     * Stops the server, keeping its data and port, to test what clients do when their server
     * goes away; {@link #start()} brings it back. Does nothing if it is already stopped.
     * Sessions are ended and open transactions rolled back, as in {@code pg_ctl stop -m fast}.
     *
     * @throws UnsupportedOperationException if {@link #canRestart()} is false
     * @throws IllegalStateException         if the server does not stop, or was closed
     */
    public void stop() {
        requireOpen();
        control.stop();
    }

    /**
     * Starts the stopped server again, on the same port with the same data and password, and
     * returns once it accepts connections. Does nothing if it is running.
     *
     * @throws UnsupportedOperationException if {@link #canRestart()} is false
     * @throws IllegalStateException         if it does not start (with the end of the server
     *                                       log), or was closed
     */
    public void start() {
        requireOpen();
        control.start();
    }

    /** True for a throw-away server; false for an external one, which is not ours to stop. */
    public boolean canRestart() {
        return control.canRestart();
    }

    /**
     * True while the server runs: for a throw-away server as {@code pg_ctl status} reports it,
     * for an external one when its port accepts a connection. False once closed.
     */
    public boolean isRunning() {
        return !closed.get() && control.isRunning();
    }

    /**
     * Stops a throw-away server and deletes its directory; leaves an external server alone.
     * Idempotent. The JVM's shutdown calls this for every server not closed before.
     *
     * @throws IllegalStateException if the directory cannot be deleted
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (exitCleanup != null) {
            exitCleanup.cancel();
        }
        control.close();
    }

    /** Shows where the server is, never its password. */
    @Override
    public String toString() {
        return "PostgresTestServer[" + url() + ", user " + user()
                + (canRestart() ? ", throw-away" : ", external") + "]";
    }

    private void requireOpen() {
        if (closed.get()) {
            throw new IllegalStateException("this PostgreSQL test server was closed: " + this);
        }
    }
}
