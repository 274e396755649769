package dev.skeleton.storage.postgres.testserver;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A throw-away server: a fresh data directory made by {@code initdb} in a private temporary
 * directory, served by {@code pg_ctl} on 127.0.0.1 only, and deleted on {@link #close()}.
 */
final class LocalCluster implements ServerControl {

    /** The superuser that {@code initdb} creates, and the user tests log in as. */
    static final String USER = "skeleton";

    private static final String DATABASE = "postgres";
    private static final Duration PROGRAM_TIMEOUT = Duration.ofSeconds(120);
    private static final String PG_CTL_WAIT_SECONDS = "60";
    private static final int START_ATTEMPTS = 3;
    private static final int LOG_TAIL_LINES = 40;

    private final ServerBinaries binaries;
    private final RunAs runAs;
    private final Path dir;
    private final Path data;
    private final Path log;
    private final String password;
    private int port;
    private volatile Endpoint endpoint;
    private boolean closed;

    private LocalCluster(ServerBinaries binaries, RunAs runAs, Path dir, String password) {
        this.binaries = binaries;
        this.runAs = runAs;
        this.dir = dir;
        this.data = dir.resolve("data");
        // Beside the data directory, not in it: a standby's data directory is made by
        // pg_basebackup, which wants it empty, and pg_rewind replaces what is in it.
        this.log = dir.resolve("server.log");
        this.password = password;
    }

    /**
     * Initialises and starts a new server from {@code binaries}.
     *
     * @throws IllegalStateException if {@code initdb} or the start fails; the message has the
     *                               program's output and the end of the server log, and nothing
     *                               is left behind
     */
    static LocalCluster create(ServerBinaries binaries) {
        return initialised(binaries);
    }

    /**
     * As {@link #create(ServerBinaries)}, with page checksums: what {@code pg_rewind} needs of a
     * server that was killed (it finishes the crash recovery in a single-user run, which would not
     * see a {@code wal_log_hints} given on the command line).
     */
    static LocalCluster createWithChecksums(ServerBinaries binaries) {
        return initialised(binaries, "--data-checksums");
    }

    private static LocalCluster initialised(ServerBinaries binaries, String... initdbArguments) {
        RunAs runAs = RunAs.detect();
        LocalCluster cluster = new LocalCluster(binaries, runAs, ScratchDir.create(runAs), randomPassword());
        try {
            cluster.initdb(initdbArguments);
            cluster.startOnFreePort();
            return cluster;
        } catch (RuntimeException e) {
            cluster.discard(e);
            throw e;
        }
    }

    /**
     * A new streaming standby of {@code primary}: a base backup of it ({@code pg_basebackup -R},
     * which writes {@code standby.signal} and the connection to the primary), started on a port of
     * its own. Same user and password, since it is a copy.
     *
     * @throws IllegalStateException if the backup or the start fails; nothing is left behind
     */
    static LocalCluster standbyOf(LocalCluster primary) {
        LocalCluster standby = new LocalCluster(primary.binaries, primary.runAs, ScratchDir.create(primary.runAs),
                primary.password);
        try {
            standby.copyFrom(primary);
            standby.startOnFreePort();
            return standby;
        } catch (RuntimeException e) {
            standby.discard(e);
            throw e;
        }
    }

    @Override
    public Endpoint endpoint() {
        // Set once by create(), before anyone else sees this object; no lock, so that reading
        // the port does not wait for a restart in progress.
        return endpoint;
    }

    @Override
    public boolean canRestart() {
        return true;
    }

    @Override
    public synchronized void start() {
        if (closed) {
            throw new IllegalStateException("the PostgreSQL test server was closed");
        }
        if (!isRunning()) {
            startOn(port).ifPresent(failure -> {
                throw new IllegalStateException(failure);
            });
        }
    }

    @Override
    public synchronized void stop() {
        if (!closed && isRunning()) {
            Processes.Result result = pgCtl("stop", "-m", "fast");
            if (!result.ok()) {
                throw new IllegalStateException(describeFailure("pg_ctl stop failed", result));
            }
        }
    }

    @Override
    public synchronized boolean isRunning() {
        // pg_ctl status exits 0 only while the postmaster of this data directory is alive.
        return !closed && pgCtl("status").ok();
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        try {
            stopForGood();
        } finally {
            closed = true;
            ScratchDir.delete(dir);
        }
    }

    /**
     * Kills the postmaster with SIGKILL, as a machine that dies would leave it: no shutdown
     * checkpoint, no goodbye to the clients. Returns once it is gone; its backends notice by
     * themselves and exit. Does nothing if no postmaster runs.
     */
    synchronized void kill() {
        Optional<ProcessHandle> postmaster = postmaster();
        if (postmaster.isEmpty()) {
            return;
        }
        postmaster.get().destroyForcibly();
        try {
            postmaster.get().onExit().get(PROGRAM_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while killing the server in " + data, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the server in " + data + " did not die from SIGKILL: " + e, e);
        }
    }

    /** Ends recovery of a standby: it becomes a primary that takes writes. Returns once it does. */
    synchronized void promote() {
        Processes.Result result = pgCtl("promote");
        if (!result.ok()) {
            throw new IllegalStateException(describeFailure("pg_ctl promote failed", result));
        }
    }

    /**
     * Turns this stopped (or killed) server into a standby of {@code primary}, as an operator does
     * with the old primary after a failover: {@code pg_rewind} takes back what this server wrote
     * after the standby was promoted (it needs the page checksums of {@link #createWithChecksums},
     * and finishes the crash recovery of a killed server itself), and {@code -R} points it at the new primary; then it
     * starts on its old port. If the rewind fails, a fresh base backup replaces the data.
     *
     * @throws IllegalStateException if the server runs, or neither way works
     */
    synchronized void rejoinAsStandbyOf(LocalCluster primary) {
        if (isRunning()) {
            throw new IllegalStateException("stop or kill the server in " + data + " before it rejoins");
        }
        // A promoted server writes its new timeline into pg_control only at its next checkpoint;
        // until then pg_rewind reads the old timeline there, finds "no rewind required", and the
        // old primary then cannot follow (its WAL runs past the point where the timelines parted).
        primary.sql("CHECKPOINT");
        Processes.Result rewind = runWithPassword(List.of(binaries.program("pg_rewind").toString(),
                "--target-pgdata=" + data, "--source-server=" + primary.connectionString(),
                "--write-recovery-conf", "--no-sync"));
        if (!rewind.ok()) {
            System.err.println("postgres-testserver: pg_rewind failed, taking a fresh base backup instead:\n"
                    + rewind.output());
            ScratchDir.deleteContents(data);
            copyFrom(primary);
        }
        startOn(port).ifPresent(failure -> {
            throw new IllegalStateException(failure);
        });
    }

    /**
     * Runs SQL statements with {@code psql} as the superuser, each in a transaction of its own.
     *
     * @return what psql printed (unaligned, tuples only)
     * @throws IllegalStateException if psql fails or there is none
     */
    String sql(String... statements) {
        Path program = psql().orElseThrow(() -> new IllegalStateException(
                "no psql beside the server binaries nor on PATH"));
        List<String> command = new ArrayList<>(List.of(program.toString(), "-X", "-q", "-w", "-A", "-t",
                "-v", "ON_ERROR_STOP=1", "-h", "127.0.0.1", "-p", Integer.toString(port), "-U", USER, "-d",
                DATABASE));
        for (String statement : statements) {
            command.add("-c");
            command.add(statement);
        }
        Processes.Result result = Processes.run(command, passwordEnvironment(), dir, PROGRAM_TIMEOUT);
        if (!result.ok()) {
            throw new IllegalStateException("psql failed on 127.0.0.1:" + port + " (exit " + result.exitCode()
                    + "): " + String.join("; ", statements) + "\n" + result.output());
        }
        return result.output();
    }

    @Override
    public Optional<Path> psql() {
        return binaries.psql().or(() -> Executables.find("psql"));
    }

    /** The temporary directory that holds the data directory, the log and the socket. */
    Path directory() {
        return dir;
    }

    /** Who the server programs run as, for messages. */
    RunAs runAs() {
        return runAs;
    }

    /** A libpq connection string to this server; the password comes from the environment. */
    private String connectionString() {
        return "host=127.0.0.1 port=" + port + " user=" + USER + " dbname=" + DATABASE;
    }

    /** The postmaster of this data directory, from the first line of {@code postmaster.pid}. */
    private Optional<ProcessHandle> postmaster() {
        try {
            List<String> lines = Files.readAllLines(data.resolve("postmaster.pid"), StandardCharsets.UTF_8);
            return lines.isEmpty() ? Optional.empty() : ProcessHandle.of(Long.parseLong(lines.get(0).strip()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty(); // no pid file (or a torn one): no postmaster to kill
        }
    }

    /** {@code pg_basebackup} of {@code source} into the empty data directory, set up as its standby. */
    private void copyFrom(LocalCluster source) {
        Processes.Result result = runWithPassword(List.of(binaries.program("pg_basebackup").toString(),
                "-h", "127.0.0.1", "-p", Integer.toString(source.port), "-U", USER, "-D", data.toString(),
                "--write-recovery-conf", "--checkpoint=fast", "--wal-method=stream", "--no-sync"));
        if (!result.ok()) {
            throw new IllegalStateException(describeFailure("pg_basebackup from 127.0.0.1:" + source.port
                    + " failed", result));
        }
    }

    /**
     * Runs a client program as the server user with the password in its environment, never on a
     * command line that others can read in ps.
     */
    private Processes.Result runWithPassword(List<String> command) {
        return Processes.run(runAs.wrap(command), passwordEnvironment(), dir, PROGRAM_TIMEOUT);
    }

    private Map<String, String> passwordEnvironment() {
        Map<String, String> env = Processes.cleanEnvironment();
        env.put("PGPASSWORD", password);
        env.put("PGCONNECT_TIMEOUT", "10");
        return env;
    }

    private void initdb(String... moreArguments) {
        Path pwfile = dir.resolve("pwfile");
        try {
            ScratchDir.writePrivate(pwfile, password + "\n", runAs);
            // --no-sync: the directory dies with the test run, and syncing it costs a second or
            // more; the server itself then runs with fsync=on, as in production.
            List<String> command = new ArrayList<>(List.of(binaries.initdb().toString(),
                    "-D", data.toString(), "-U", USER, "--pwfile=" + pwfile,
                    "--auth=scram-sha-256", "-E", "UTF8", "--locale=C", "--no-sync"));
            command.addAll(List.of(moreArguments));
            Processes.Result result = runAsServerUser(command);
            if (!result.ok()) {
                throw new IllegalStateException(describeFailure("initdb failed", result));
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the password file " + pwfile + ": " + e, e);
        } finally {
            try {
                Files.deleteIfExists(pwfile); // the password stays in memory only
            } catch (IOException e) {
                // The directory, pwfile included, is deleted on close anyway.
            }
        }
    }

    /**
     * Starts on a port that was free a moment ago. Another process may take it in between, so
     * a start that fails to bind is tried again on a new port, a few times.
     */
    private void startOnFreePort() {
        String failure = null;
        for (int attempt = 0; attempt < START_ATTEMPTS; attempt++) {
            int candidate = freePort();
            Optional<String> result = startOn(candidate);
            if (result.isEmpty()) {
                port = candidate;
                endpoint = Endpoint.loopback(port, USER, password, DATABASE);
                return;
            }
            failure = result.get();
            if (!failure.contains("could not bind") && !failure.contains("already in use")) {
                break;
            }
        }
        throw new IllegalStateException(failure);
    }

    /** Starts the server on {@code candidate}; empty on success, else why it failed. */
    private Optional<String> startOn(int candidate) {
        String options = String.join(" ",
                "-c listen_addresses=127.0.0.1",
                "-p " + candidate,
                "-c unix_socket_directories=" + dir,
                "-c fsync=on",
                "-c max_connections=200");
        Processes.Result result = pgCtl("start", "-l", log.toString(), "-o", options);
        if (result.ok()) {
            return Optional.empty();
        }
        String failure = describeFailure("PostgreSQL did not start on 127.0.0.1:" + candidate, result);
        pgCtl("stop", "-m", "immediate"); // a server that came up too slowly must not linger
        return Optional.of(failure);
    }

    private void stopForGood() {
        if (isRunning()) {
            // fast rolls back open transactions and ends sessions; immediate only if that fails.
            if (!pgCtl("stop", "-m", "fast").ok()) {
                pgCtl("stop", "-m", "immediate");
            }
        }
    }

    /** Cleans up after a failed {@link #create}, keeping the original failure in front. */
    private void discard(RuntimeException cause) {
        try {
            close();
        } catch (RuntimeException e) {
            cause.addSuppressed(e);
        }
    }

    private Processes.Result pgCtl(String action, String... arguments) {
        List<String> command = new ArrayList<>(List.of(binaries.pgCtl().toString(), action,
                "-D", data.toString()));
        if (!action.equals("status")) {
            command.addAll(List.of("-w", "-t", PG_CTL_WAIT_SECONDS));
        }
        command.addAll(List.of(arguments));
        return runAsServerUser(command);
    }

    private Processes.Result runAsServerUser(List<String> command) {
        // The working directory is ours and the server user's: initdb and pg_ctl complain when
        // they cannot get back into the directory they were started in.
        return Processes.run(runAs.wrap(command), Processes.cleanEnvironment(), dir, PROGRAM_TIMEOUT);
    }

    private String describeFailure(String what, Processes.Result result) {
        return what + " (exit " + result.exitCode() + ", as " + runAs + ", binaries in "
                + binaries.directory() + ", data in " + data + ")\n"
                + "--- program output ---\n" + result.output() + "\n"
                + "--- last lines of " + log + " ---\n" + logTail();
    }

    /** The last lines of the server log, for messages. */
    String logTail() {
        try {
            String[] lines = new String(Files.readAllBytes(log), StandardCharsets.UTF_8).split("\n");
            int from = Math.max(0, lines.length - LOG_TAIL_LINES);
            return String.join("\n", Arrays.asList(lines).subList(from, lines.length));
        } catch (IOException e) {
            return "(no server log: " + e + ")";
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), 0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("cannot find a free port on 127.0.0.1: " + e, e);
        }
    }

    private static String randomPassword() {
        // Letters and digits only: the password travels through a file, URLs and environment
        // variables, and must need no quoting in any of them.
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        SecureRandom random = new SecureRandom();
        StringBuilder password = new StringBuilder();
        for (int i = 0; i < 24; i++) {
            password.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return password.toString();
    }
}
