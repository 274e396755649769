package dev.skeleton.storage.itests;

import static org.junit.Assume.assumeTrue;

/**
 * The PostgreSQL server of the postgres engine's tests, as the framework side sees it: the test
 * driver finds or starts it ({@link PostgresServerOptions}) and hands its address and login over as
 * system properties, because the server support classes are no bundle and cannot be loaded inside
 * the framework.
 */
final class PostgresServer {

    /** The configuration PID of the postgres engine. */
    static final String ENGINE_PID = "dev.skeleton.storage.postgres";
    /** The name of the postgres engine. */
    static final String ENGINE = "postgres";

    /** The JDBC url of the server's database. */
    static final String URL = "skeleton.itests.pg.url";
    /** The login. */
    static final String USER = "skeleton.itests.pg.user";
    /** The login's password. */
    static final String PASSWORD = "skeleton.itests.pg.password";
    /** The schema the tests' engines keep their stores in, new for each test JVM. */
    static final String SCHEMA = "skeleton.itests.pg.schema";
    /** Set instead of the others when there is no server to be had: why. */
    static final String UNAVAILABLE = "skeleton.itests.pg.unavailable";

    private PostgresServer() {
    }

    /** Skips the calling test, with the reason, when the machine has no PostgreSQL server at all. */
    static void assumeAvailable() {
        String reason = System.getProperty(UNAVAILABLE);
        assumeTrue("no PostgreSQL server: " + reason, reason == null && System.getProperty(URL) != null);
    }

    static String url() {
        return System.getProperty(URL);
    }

    static String user() {
        return System.getProperty(USER, "");
    }

    static String password() {
        return System.getProperty(PASSWORD, "");
    }

    static String schema() {
        return System.getProperty(SCHEMA);
    }
}
