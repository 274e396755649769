package dev.skeleton.storage.itests;

import static org.ops4j.pax.exam.CoreOptions.composite;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import dev.skeleton.storage.postgres.testserver.ReplicatedTestServers;
import dev.skeleton.storage.postgres.testserver.ReplicatedTestServers.Replication;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.ops4j.pax.exam.Option;

/**
 * Starts a primary and a synchronous standby for the failover test ({@link ReplicatedTestServers},
 * once per test JVM) and hands them into the framework: their two-host url and login as system
 * properties, and a control directory through which the test inside the framework asks for a
 * failover ({@link FailoverSwitch}).
 *
 * <p>Runs in the test driver: the server support is a plain jar on the test class path, not a
 * bundle, so the framework side cannot call it. Pax Exam's native container runs the framework in
 * this JVM, so a thread of the driver can do the killing and promoting when asked.
 */
final class ReplicatedPostgresOptions {

    private static Option started;

    private ReplicatedPostgresOptions() {
    }

    /**
     * The pair's url, login and control directory as system properties, or the reason there is no
     * pair (no server binaries on this machine). Binaries that fail to start throw, failing the test
     * class rather than skipping it.
     */
    static synchronized Option servers() {
        if (started == null) {
            Optional<ReplicatedTestServers> pair = ReplicatedTestServers.start(Replication.SYNCHRONOUS);
            started = pair.map(ReplicatedPostgresOptions::handOver)
                    .orElseGet(() -> systemProperty(FailoverSwitch.UNAVAILABLE).value("no PostgreSQL server binaries"));
        }
        return started;
    }

    private static Option handOver(ReplicatedTestServers pair) {
        Path control;
        try {
            control = Files.createTempDirectory("skeleton-itests-failover");
        } catch (IOException e) {
            throw new IllegalStateException("cannot create the failover control directory: " + e, e);
        }
        Thread watcher = new Thread(() -> serve(pair, control), "itests-failover-switch");
        watcher.setDaemon(true);
        watcher.start();
        return composite(
                systemProperty(FailoverSwitch.URL).value(pair.url()),
                systemProperty(FailoverSwitch.USER).value(pair.user()),
                systemProperty(FailoverSwitch.PASSWORD).value(pair.password()),
                systemProperty(FailoverSwitch.CONTROL).value(control.toString()));
    }

    /** Answers each request file with a failover (kill -9 of the primary, promotion of the standby). */
    private static void serve(ReplicatedTestServers pair, Path control) {
        Path request = control.resolve(FailoverSwitch.REQUEST);
        Path done = control.resolve(FailoverSwitch.DONE);
        while (true) {
            try {
                if (Files.deleteIfExists(request)) {
                    String outcome;
                    try {
                        pair.killPrimary();
                        pair.promoteStandby();
                        outcome = "promoted 127.0.0.1:" + pair.primaryPort();
                    } catch (RuntimeException e) {
                        outcome = FailoverSwitch.FAILED + e.getMessage();
                    }
                    Path written = Files.writeString(control.resolve(FailoverSwitch.DONE + ".tmp"), outcome);
                    Files.move(written, done);
                }
                Thread.sleep(50);
            } catch (IOException | InterruptedException e) {
                return; // the test JVM is ending; the pair's shutdown hook removes the servers
            }
        }
    }
}
