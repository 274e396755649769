package dev.skeleton.storage.postgres.testserver;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Two throw-away PostgreSQL servers in streaming replication, for failover tests: a primary and a
 * standby made from its base backup, both on 127.0.0.1 from the machine's own programs
 * ({@code initdb}, {@code pg_ctl}, {@code pg_basebackup}, {@code pg_rewind}, {@code psql}).
 *
 * <pre>{@code
 * try (ReplicatedTestServers pair = ReplicatedTestServers.start(Replication.SYNCHRONOUS).orElseThrow()) {
 *     String url = pair.url();          // both hosts: jdbc:postgresql://127.0.0.1:a,127.0.0.1:b/postgres
 *     pair.killPrimary();               // kill -9 of the primary's postmaster
 *     pair.promoteStandby();            // the standby takes writes
 *     pair.rejoinOldPrimary();          // the old primary, rewound, is the new standby
 * }
 * }</pre>
 *
 * <p>The two servers keep their ports for their lifetime, and {@link #url()} names them in the
 * same order whatever their roles: a client that asks for the primary
 * ({@code targetServerType=primary}) finds it after a failover by itself.
 *
 * <p>With {@link Replication#SYNCHRONOUS} the primary waits for the standby
 * ({@code synchronous_standby_names = '*'}) before it confirms a commit whose session has
 * {@code synchronous_commit} on or stronger. A promoted standby has no standby of its own until
 * {@link #rejoinOldPrimary()}, so it starts without that wait (writers would hang otherwise, as
 * with a real single synchronous standby) and gets it back when the old primary rejoins.
 *
 * <p>Role changes are serialized; reading the roles while one is in progress may see either
 * side of it.
 */
public final class ReplicatedTestServers implements AutoCloseable {

    /** Whether the primary waits for its standby before it confirms a commit. */
    public enum Replication {
        /** {@code synchronous_standby_names = '*'} on the primary. */
        SYNCHRONOUS,
        /** The standby follows as fast as it can; a commit does not wait for it. */
        ASYNCHRONOUS
    }

    private static final Duration CATCH_UP_TIMEOUT = Duration.ofSeconds(60);

    private final Replication replication;
    private final LocalCluster[] servers;
    private final ExitCleanup exitCleanup;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile int primary;
    private volatile boolean standbyAttached;

    private ReplicatedTestServers(Replication replication, LocalCluster first, LocalCluster second) {
        this.replication = replication;
        this.servers = new LocalCluster[] {first, second};
        this.primary = 0;
        this.standbyAttached = true;
        this.exitCleanup = new ExitCleanup("postgres-testserver-replicated-shutdown", this::close);
    }

    /**
     * Starts a primary and a standby that streams from it, and returns once the standby streams
     * (and, if synchronous, is the primary's synchronous standby).
     *
     * @param replication synchronous or not
     * @return the pair, or empty when there is no server binary on this machine
     * @throws IllegalStateException if the binaries exist but a server does not start, or the
     *                               installation lacks {@code pg_basebackup} or {@code psql}
     */
    public static Optional<ReplicatedTestServers> start(Replication replication) {
        return ServerBinaries.find().map(binaries -> {
            long started = System.nanoTime();
            LocalCluster first = LocalCluster.createWithChecksums(binaries);
            LocalCluster second;
            try {
                // In postgresql.auto.conf, which the base backup copies and pg_rewind's single-user
                // recovery reads: that recovery's checkpoint would otherwise recycle the WAL that
                // pg_rewind needs to find where the timelines parted.
                first.sql("ALTER SYSTEM SET wal_keep_size = '256MB'", "SELECT pg_reload_conf()");
                second = LocalCluster.standbyOf(first);
            } catch (RuntimeException e) {
                first.close();
                throw e;
            }
            ReplicatedTestServers pair = new ReplicatedTestServers(replication, first, second);
            try {
                pair.requireSynchronousStandby();
                pair.awaitStreaming();
            } catch (RuntimeException e) {
                pair.close();
                throw e;
            }
            System.err.printf("postgres-testserver: %s replication, primary 127.0.0.1:%d, standby"
                    + " 127.0.0.1:%d (started in %.1f s)%n", replication.name().toLowerCase(Locale.ROOT),
                    first.endpoint().port(), second.endpoint().port(), (System.nanoTime() - started) / 1e9);
            return pair;
        });
    }

    /**
     * The JDBC URL naming both servers, in a fixed order whatever their roles:
     * {@code jdbc:postgresql://127.0.0.1:a,127.0.0.1:b/postgres}.
     */
    public String url() {
        return "jdbc:postgresql://127.0.0.1:" + servers[0].endpoint().port() + ",127.0.0.1:"
                + servers[1].endpoint().port() + "/" + servers[0].endpoint().database();
    }

    /** The JDBC URL of the current primary alone. */
    public String primaryUrl() {
        return servers[primary].endpoint().url();
    }

    /**
     * The JDBC URL of the current standby alone.
     *
     * @throws IllegalStateException between a promotion and the old primary's rejoining
     */
    public String standbyUrl() {
        return standby().endpoint().url();
    }

    /** The port of the current primary (after {@link #killPrimary()}: of the dead one, until a promotion). */
    public int primaryPort() {
        return servers[primary].endpoint().port();
    }

    /**
     * The port of the current standby.
     *
     * @throws IllegalStateException between a promotion and the old primary's rejoining
     */
    public int standbyPort() {
        return standby().endpoint().port();
    }

    /** The superuser to log in as, on both: {@code skeleton}. */
    public String user() {
        return LocalCluster.USER;
    }

    /** Its password, the same on both servers. */
    public String password() {
        return servers[0].endpoint().password();
    }

    /** Whether the primary waits for its standby. */
    public Replication replication() {
        return replication;
    }

    /**
     * Kills the primary's postmaster with SIGKILL, as if its machine died. The standby stays a
     * standby until {@link #promoteStandby()}.
     */
    public synchronized void killPrimary() {
        requireOpen();
        servers[primary].kill();
    }

    /**
     * Promotes the standby: it becomes the primary and takes writes (without waiting for a standby
     * of its own, which it does not have yet). The old primary should be dead by now
     * ({@link #killPrimary()}): two primaries are a split brain, which these tests do not make.
     *
     * @throws IllegalStateException if there is no standby, or the promotion fails
     */
    public synchronized void promoteStandby() {
        requireOpen();
        LocalCluster standby = standby();
        standby.promote();
        // A base backup or a rewind may have copied the old primary's wait for a standby.
        standby.sql("ALTER SYSTEM RESET synchronous_standby_names", "SELECT pg_reload_conf()");
        primary = 1 - primary;
        standbyAttached = false;
    }

    /**
     * Makes the old primary a standby of the new one ({@code pg_rewind}, or a fresh base backup if
     * the rewind fails), starts it on its old port, and, if synchronous, makes the primary wait for
     * it again. Returns once it streams.
     *
     * @throws IllegalStateException if there was no promotion since the last rejoining, or a step fails
     */
    public synchronized void rejoinOldPrimary() {
        requireOpen();
        if (standbyAttached) {
            throw new IllegalStateException("there is a standby already: promote it first");
        }
        LocalCluster old = servers[1 - primary];
        old.kill(); // a no-op when it is dead already, as after killPrimary()
        old.rejoinAsStandbyOf(servers[primary]);
        standbyAttached = true;
        requireSynchronousStandby();
        awaitStreaming();
    }

    /**
     * Waits until the standby has replayed everything the primary has written so far.
     *
     * @throws IllegalStateException if it does not within a minute, or there is no standby
     */
    public void awaitStandbyCaughtUp() {
        String lsn = servers[primary].sql("SELECT pg_current_wal_lsn()").strip();
        awaitOnStandby("SELECT pg_last_wal_replay_lsn() >= '" + lsn + "'::pg_lsn", "to replay up to " + lsn);
    }

    /**
     * Pauses the standby's replay: it keeps receiving, but readers there see the past. Returns once
     * replay has stopped ({@code pg_wal_replay_pause()} only asks for it).
     */
    public void pauseStandbyReplay() {
        standby().sql("SELECT pg_wal_replay_pause()");
        awaitOnStandby("SELECT pg_get_wal_replay_pause_state() = 'paused'", "to pause its replay");
    }

    /** Resumes the standby's replay after {@link #pauseStandbyReplay()}. */
    public void resumeStandbyReplay() {
        standby().sql("SELECT pg_wal_replay_resume()");
    }

    /** Stops both servers and deletes their directories. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        exitCleanup.cancel();
        RuntimeException failure = null;
        for (LocalCluster server : servers) {
            try {
                server.close();
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** Names both ports and the current roles, never the password. */
    @Override
    public String toString() {
        return "ReplicatedTestServers[" + replication.name().toLowerCase(Locale.ROOT) + ", primary 127.0.0.1:"
                + primaryPort() + (standbyAttached ? ", standby 127.0.0.1:" + standbyPort() : ", no standby") + "]";
    }

    private LocalCluster standby() {
        if (!standbyAttached) {
            throw new IllegalStateException("no standby: the old primary has not rejoined since the promotion");
        }
        return servers[1 - primary];
    }

    private void requireSynchronousStandby() {
        if (replication == Replication.SYNCHRONOUS) {
            servers[primary].sql("ALTER SYSTEM SET synchronous_standby_names = '*'", "SELECT pg_reload_conf()");
        }
    }

    /** Waits until the primary sees its standby streaming (in sync, when synchronous). */
    private void awaitStreaming() {
        String state = replication == Replication.SYNCHRONOUS ? " AND sync_state = 'sync'" : "";
        awaitOn(servers[primary], "SELECT count(*) > 0 FROM pg_stat_replication WHERE state = 'streaming'" + state,
                "to see its standby streaming");
    }

    private void awaitOnStandby(String condition, String what) {
        awaitOn(standby(), condition, what);
    }

    private void awaitOn(LocalCluster server, String condition, String what) {
        long deadline = System.nanoTime() + CATCH_UP_TIMEOUT.toNanos();
        while (!"t".equals(server.sql(condition).strip())) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("waited " + CATCH_UP_TIMEOUT.toSeconds() + " s for 127.0.0.1:"
                        + server.endpoint().port() + " " + what + "\n" + replicationState());
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for 127.0.0.1:"
                        + server.endpoint().port() + " " + what, e);
            }
        }
    }

    /** What the primary knows of its standby, and the end of the standby's log: for failure messages. */
    private String replicationState() {
        StringBuilder state = new StringBuilder("--- pg_stat_replication on the primary ---\n");
        try {
            state.append(servers[primary].sql("SELECT state, sync_state, sent_lsn, write_lsn, flush_lsn, replay_lsn"
                    + " FROM pg_stat_replication"));
        } catch (IllegalStateException e) {
            state.append(e.getMessage());
        }
        if (standbyAttached) {
            state.append("\n--- last lines of the standby's log ---\n").append(standby().logTail());
        }
        return state.toString();
    }

    private void requireOpen() {
        if (closed.get()) {
            throw new IllegalStateException("these PostgreSQL test servers were closed: " + this);
        }
    }
}
