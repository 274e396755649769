package dev.skeleton.storage.itests;

import static org.junit.Assume.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The framework side of {@link ReplicatedPostgresOptions}: the pair's url and login, and a failover
 * on request, through a request file that the driver's thread answers.
 */
final class FailoverSwitch {

    /** The JDBC url naming both servers. */
    static final String URL = "skeleton.itests.pgpair.url";
    /** The login. */
    static final String USER = "skeleton.itests.pgpair.user";
    /** The login's password. */
    static final String PASSWORD = "skeleton.itests.pgpair.password";
    /** The directory of the request and answer files. */
    static final String CONTROL = "skeleton.itests.pgpair.control";
    /** Set instead of the others when there is no pair to be had: why. */
    static final String UNAVAILABLE = "skeleton.itests.pgpair.unavailable";

    static final String REQUEST = "failover.request";
    static final String DONE = "failover.done";
    static final String FAILED = "failed: ";

    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private FailoverSwitch() {
    }

    /** Skips the calling test, with the reason, when the machine has no PostgreSQL server binaries. */
    static void assumeAvailable() {
        String reason = System.getProperty(UNAVAILABLE);
        assumeTrue("no PostgreSQL pair: " + reason, reason == null && System.getProperty(URL) != null);
    }

    static String url() {
        return System.getProperty(URL);
    }

    static String user() {
        return System.getProperty(USER);
    }

    static String password() {
        return System.getProperty(PASSWORD);
    }

    /**
     * Kills the primary (SIGKILL of its postmaster) and promotes the standby, and returns once the
     * standby takes writes.
     *
     * @return what the driver did, e.g. {@code promoted 127.0.0.1:40123}
     */
    static String failOver() throws IOException, InterruptedException {
        Path control = Path.of(System.getProperty(CONTROL));
        Path done = control.resolve(DONE);
        Files.deleteIfExists(done);
        Files.writeString(control.resolve(REQUEST), "kill the primary, promote the standby");
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!Files.exists(done)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no failover within " + TIMEOUT.toSeconds() + " s");
            }
            Thread.sleep(20);
        }
        String outcome = Files.readString(done);
        Files.delete(done);
        if (outcome.startsWith(FAILED)) {
            throw new AssertionError("the failover failed: " + outcome);
        }
        return outcome;
    }
}
