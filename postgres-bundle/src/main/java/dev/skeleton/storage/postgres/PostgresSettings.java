package dev.skeleton.storage.postgres;

import dev.skeleton.storage.Config;
import dev.skeleton.storage.ErrorCode;
import dev.skeleton.storage.StorageException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * How the {@code postgres} engine reaches its database: the engine's own configuration, shared by
 * every store of the engine. In OSGi it comes from the ConfigAdmin PID
 * {@code dev.skeleton.storage.postgres}; in plain Java it is given to
 * {@link PostgresEngine#connect(PostgresSettings)}.
 *
 * <ul>
 *   <li>{@code url}: the JDBC url, {@code jdbc:postgresql://host:port/database}; required. It may name
 *       several servers, a primary and its standbys ({@code jdbc:postgresql://h1:p1,h2:p2/database}):
 *       the engine then writes to whichever of them is the primary ({@code targetServerType=primary},
 *       which it sets itself; any other {@code targetServerType} in the url is refused, see
 *       {@code read_from}) and, after a failover, finds the new primary by itself within seconds
 *       (it sets {@code hostRecheckSeconds=2} unless the url sets it).</li>
 *   <li>{@code user}, {@code password}: the database login; both optional (the driver's defaults
 *       and {@code ~/.pgpass} apply when absent).</li>
 *   <li>{@code pool_size}: the most connections the engine holds, 2 to 1000, default 10. Every open
 *       transaction and every iteration in progress holds one until it ends.</li>
 *   <li>{@code schema}: the database schema the stores live in, default {@code skeleton}; a plain
 *       lower-case SQL identifier. Engines (processes) with the same url and schema share their
 *       stores.</li>
 *   <li>{@code connect_timeout_ms}: how long an operation waits for a connection before it fails
 *       with {@code IO}, 250 to 600000, default 5000.</li>
 *   <li>{@code synchronous_commit}: PostgreSQL's {@code synchronous_commit} for every connection of
 *       the engine, which decides what an acknowledged write survives; absent: the server's own
 *       setting.
 *       <ul>
 *         <li>{@code off}: the commit returns before its WAL reaches the disk; a crash of the
 *             primary may lose the last acknowledged writes (never half of one).</li>
 *         <li>{@code local}: flushed to the primary's disk; survives a crash of the primary, not the
 *             loss of its disk or a failover (the standby may not have it).</li>
 *         <li>{@code remote_write}: with {@code synchronous_standby_names} on the server, also
 *             written (not flushed) by the synchronous standby; survives the loss of the primary
 *             unless the standby's operating system crashes at the same time.</li>
 *         <li>{@code on}: with {@code synchronous_standby_names}, also flushed by the synchronous
 *             standby: an acknowledged write survives the loss of the primary (failover to that
 *             standby). Without a synchronous standby the same as {@code local}.</li>
 *         <li>{@code remote_apply}: as {@code on}, and applied on the synchronous standby before the
 *             commit returns, so that reads on that standby see it at once ({@code read_from}).</li>
 *       </ul></li>
 *   <li>{@code read_from}: where plain reads ({@code get}, {@code has}, iterations) and read-only
 *       transactions go: {@code primary} (default, one connection pool), {@code standby} (a standby
 *       when one answers, else the primary) or {@code any} (any server of the url, spread over
 *       them). See {@link ReadFrom} for what a standby read can see. Such reads have a pool of
 *       their own, of {@code pool_size} connections too.</li>
 * </ul>
 *
 * <p>The password is a secret: {@link #toString()} masks it, no message of the engine contains
 * it, and it is never written to a store's directory.
 *
 * @param url                the JDBC url
 * @param user               the login, or null
 * @param password           the password, or null
 * @param poolSize           the most pooled connections
 * @param schema             the schema of the stores
 * @param connectTimeoutMillis how long to wait for a connection
 * @param synchronousCommit  the {@code synchronous_commit} of the engine's connections, or null for
 *                           the server's
 * @param readFrom           where reads go, never null
 */
public record PostgresSettings(String url, String user, String password, int poolSize, String schema,
        long connectTimeoutMillis, String synchronousCommit, ReadFrom readFrom) {

    /** Configuration key of the JDBC url. */
    public static final String URL = "url";
    /** Configuration key of the login. */
    public static final String USER = "user";
    /** Configuration key of the password. */
    public static final String PASSWORD = "password";
    /** Configuration key of the pool size. */
    public static final String POOL_SIZE = "pool_size";
    /** Configuration key of the schema. */
    public static final String SCHEMA = "schema";
    /** Configuration key of the connection timeout. */
    public static final String CONNECT_TIMEOUT_MS = "connect_timeout_ms";
    /** Configuration key of the durability of commits. */
    public static final String SYNCHRONOUS_COMMIT = "synchronous_commit";
    /** Configuration key of where reads go. */
    public static final String READ_FROM = "read_from";
    /** Every key this class reads. */
    public static final List<String> KEYS = List.of(URL, USER, PASSWORD, POOL_SIZE, SCHEMA, CONNECT_TIMEOUT_MS,
            SYNCHRONOUS_COMMIT, READ_FROM);
    /** The values {@value #SYNCHRONOUS_COMMIT} accepts, weakest first. */
    public static final List<String> SYNCHRONOUS_COMMIT_VALUES = List.of("off", "local", "remote_write", "on",
            "remote_apply");

    /** The default pool size. */
    public static final int DEFAULT_POOL_SIZE = 10;
    /** The default schema. */
    public static final String DEFAULT_SCHEMA = "skeleton";
    /** The default connection timeout. */
    public static final long DEFAULT_CONNECT_TIMEOUT_MS = 5000;

    private static final Pattern SCHEMA_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    private static final String URL_PREFIX = "jdbc:postgresql:";
    /** The driver's url parameter that the engine sets itself. */
    static final String TARGET_SERVER_TYPE = "targetServerType";

    /**
     * Checks the settings.
     *
     * @throws StorageException INVALID_CONFIG naming the first bad key, its value (never a password)
     *         and what it accepts
     */
    public PostgresSettings {
        String problem = firstNonNull(urlProblem(url), poolSizeProblem(poolSize), schemaProblem(schema),
                connectTimeoutProblem(connectTimeoutMillis), synchronousCommitProblem(synchronousCommit),
                readFrom == null ? "config value for " + READ_FROM + " is missing, expected one of "
                        + String.join(", ", ReadFrom.configValues()) : null);
        if (problem != null) {
            throw new StorageException(ErrorCode.INVALID_CONFIG, "postgres engine: " + problem);
        }
    }

    /**
     * Settings without {@code synchronous_commit} (the server's applies) that read from the primary.
     *
     * @param url                  the JDBC url
     * @param user                 the login, or null
     * @param password             the password, or null
     * @param poolSize             the most pooled connections
     * @param schema               the schema of the stores
     * @param connectTimeoutMillis how long to wait for a connection
     */
    public PostgresSettings(String url, String user, String password, int poolSize, String schema,
            long connectTimeoutMillis) {
        this(url, user, password, poolSize, schema, connectTimeoutMillis, null, ReadFrom.PRIMARY);
    }

    /**
     * Settings with the defaults for everything but the login.
     *
     * @param url      the JDBC url
     * @param user     the login, or null
     * @param password the password, or null
     * @return the settings
     */
    public static PostgresSettings of(String url, String user, String password) {
        return new PostgresSettings(url, user, password, DEFAULT_POOL_SIZE, DEFAULT_SCHEMA,
                DEFAULT_CONNECT_TIMEOUT_MS);
    }

    /**
     * Reads settings from a configuration with the keys above. Keys an OSGi framework adds are
     * ignored; any other unknown key is refused.
     *
     * @param config the configuration
     * @return the settings
     * @throws StorageException INVALID_CONFIG naming every bad or missing key (see {@link #problems})
     */
    public static PostgresSettings from(Config config) {
        List<String> problems = problems(config);
        if (!problems.isEmpty()) {
            throw new StorageException(ErrorCode.INVALID_CONFIG, "postgres engine: " + String.join("; ", problems));
        }
        return new PostgresSettings(config.getString(URL, null), config.getString(USER, null),
                (String) config.get(PASSWORD), config.getInt(POOL_SIZE, DEFAULT_POOL_SIZE, 2, 1000),
                config.getString(SCHEMA, DEFAULT_SCHEMA),
                config.getLong(CONNECT_TIMEOUT_MS, DEFAULT_CONNECT_TIMEOUT_MS, 250, 600_000),
                hasSynchronousCommit(config) ? synchronousCommitOf(config) : null,
                ReadFrom.of(readFromOf(config)));
    }

    /** Whether the configuration sets {@value #SYNCHRONOUS_COMMIT}: an empty value (a form left blank) does not. */
    private static boolean hasSynchronousCommit(Config config) {
        return config.contains(SYNCHRONOUS_COMMIT) && !"".equals(config.get(SYNCHRONOUS_COMMIT));
    }

    private static String synchronousCommitOf(Config config) {
        return config.getChoice(SYNCHRONOUS_COMMIT, null, SYNCHRONOUS_COMMIT_VALUES.toArray(String[]::new));
    }

    private static String readFromOf(Config config) {
        return config.getChoice(READ_FROM, ReadFrom.PRIMARY.configValue(), ReadFrom.configValues());
    }

    /**
     * What is wrong with a configuration, all of it at once, so that one look at a log line is
     * enough to fix a configuration file: unknown keys (named without their values: a mistyped key
     * such as {@code passwd} may well hold the password), then each bad or missing key in the order
     * of {@link #KEYS}, each with the value given (never the password's) and what the key accepts,
     * for example {@code invalid config value for pool_size: "1", expected a number from 2 to 1000}.
     * No part holds a line break of its own making.
     *
     * @param config the configuration
     * @return the problems; empty if {@link #from} accepts the configuration
     */
    public static List<String> problems(Config config) {
        List<String> problems = new ArrayList<>();
        TreeSet<String> unknown = new TreeSet<>();
        for (String key : config.asMap().keySet()) {
            if (!KEYS.contains(key) && !Config.isFrameworkKey(key)) {
                unknown.add(key);
            }
        }
        if (!unknown.isEmpty()) {
            problems.add("unknown config key(s) " + unknown + " (values not shown), expected only " + KEYS);
        }
        String url = read(problems, () -> config.getString(URL, null));
        if (url != null || !config.contains(URL)) {
            add(problems, urlProblem(url));
        }
        read(problems, () -> config.getString(USER, null));
        Object password = config.get(PASSWORD);
        if (password != null && !(password instanceof String)) {
            // Config's own message would show the value: not for this key.
            problems.add("invalid config value for " + PASSWORD + " (not shown), expected a string");
        }
        read(problems, () -> config.getInt(POOL_SIZE, DEFAULT_POOL_SIZE, 2, 1000));
        String schema = read(problems, () -> config.getString(SCHEMA, DEFAULT_SCHEMA));
        if (schema != null) {
            add(problems, schemaProblem(schema));
        }
        read(problems, () -> config.getLong(CONNECT_TIMEOUT_MS, DEFAULT_CONNECT_TIMEOUT_MS, 250, 600_000));
        if (hasSynchronousCommit(config)) {
            read(problems, () -> synchronousCommitOf(config));
        }
        read(problems, () -> readFromOf(config));
        return problems;
    }

    /** Reads a value, or notes what is wrong with it and answers null. */
    private static <T> T read(List<String> problems, Supplier<T> getter) {
        try {
            return getter.get();
        } catch (StorageException e) {
            problems.add(e.getMessage());
            return null;
        }
    }

    private static void add(List<String> problems, String problem) {
        if (problem != null) {
            problems.add(problem);
        }
    }

    private static String firstNonNull(String... problems) {
        for (String problem : problems) {
            if (problem != null) {
                return problem;
            }
        }
        return null;
    }

    private static String urlProblem(String url) {
        if (url == null) {
            return "config key " + URL + " is missing, expected a JDBC url " + URL_PREFIX + "//host:port/database";
        }
        if (!url.startsWith(URL_PREFIX)) {
            return "invalid config value for " + URL + ": \"" + withoutParameters(url) + "\", expected a JDBC url "
                    + URL_PREFIX + "//host:port/database";
        }
        String target = urlParameter(url, TARGET_SERVER_TYPE);
        if (target != null && !"primary".equals(target) && !"master".equals(target)) {
            // The value is one of the driver's few words, never a secret: shown, the rest of the url's
            // parameters are not.
            return "invalid config value for " + URL + ": it sets " + TARGET_SERVER_TYPE + "=" + target
                    + ", which the engine chooses itself (primary for writes); to send reads to standbys set "
                    + READ_FROM + " to standby or any instead";
        }
        return null;
    }

    /**
     * The value of a parameter of a JDBC url, decoded as the driver decodes it.
     *
     * @param url  the url
     * @param name the parameter's name, compared exactly as the driver does
     * @return its last value, or null if the url does not set it
     */
    static String urlParameter(String url, String name) {
        int question = url.indexOf('?');
        if (question < 0) {
            return null;
        }
        String value = null;
        for (String parameter : url.substring(question + 1).split("&")) {
            int equals = parameter.indexOf('=');
            String key = equals < 0 ? parameter : parameter.substring(0, equals);
            if (key.equals(name)) {
                value = equals < 0 ? "" : decode(parameter.substring(equals + 1));
            }
        }
        return value;
    }

    private static String decode(String value) {
        try {
            return URLDecoder.decode(value, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            // Malformed escapes: the driver refuses the url when it connects, with its own message.
            return value;
        }
    }

    private static String poolSizeProblem(int poolSize) {
        return poolSize < 2 || poolSize > 1000
                ? "invalid config value for " + POOL_SIZE + ": " + poolSize + ", expected a number from 2 to 1000"
                        + " (an iteration's visitor may write, which takes a second connection)"
                : null;
    }

    private static String schemaProblem(String schema) {
        return schema == null || !SCHEMA_NAME.matcher(schema).matches()
                ? "invalid config value for " + SCHEMA + ": " + (schema == null ? "nothing" : "\"" + schema + "\"")
                        + ", expected a lower-case SQL identifier matching " + SCHEMA_NAME
                : null;
    }

    private static String synchronousCommitProblem(String value) {
        return value != null && !SYNCHRONOUS_COMMIT_VALUES.contains(value)
                ? "invalid config value for " + SYNCHRONOUS_COMMIT + ": \"" + value + "\", expected one of "
                        + String.join(", ", SYNCHRONOUS_COMMIT_VALUES) + " (or no value: the server's setting)"
                : null;
    }

    private static String connectTimeoutProblem(long millis) {
        return millis < 250 || millis > 600_000
                ? "invalid config value for " + CONNECT_TIMEOUT_MS + ": " + millis
                        + ", expected a number from 250 to 600000"
                : null;
    }

    /**
     * The same settings with another pool size.
     *
     * @param size the pool size
     * @return new settings
     */
    public PostgresSettings withPoolSize(int size) {
        return new PostgresSettings(url, user, password, size, schema, connectTimeoutMillis, synchronousCommit,
                readFrom);
    }

    /**
     * The same settings with another schema.
     *
     * @param name the schema
     * @return new settings
     */
    public PostgresSettings withSchema(String name) {
        return new PostgresSettings(url, user, password, poolSize, name, connectTimeoutMillis, synchronousCommit,
                readFrom);
    }

    /**
     * The same settings with another connection timeout.
     *
     * @param millis the timeout
     * @return new settings
     */
    public PostgresSettings withConnectTimeoutMillis(long millis) {
        return new PostgresSettings(url, user, password, poolSize, schema, millis, synchronousCommit, readFrom);
    }

    /**
     * The same settings with another {@code synchronous_commit}.
     *
     * @param value one of {@link #SYNCHRONOUS_COMMIT_VALUES}, or null for the server's setting
     * @return new settings
     */
    public PostgresSettings withSynchronousCommit(String value) {
        return new PostgresSettings(url, user, password, poolSize, schema, connectTimeoutMillis, value, readFrom);
    }

    /**
     * The same settings reading elsewhere.
     *
     * @param where where plain reads and read-only transactions go
     * @return new settings
     */
    public PostgresSettings withReadFrom(ReadFrom where) {
        return new PostgresSettings(url, user, password, poolSize, schema, connectTimeoutMillis, synchronousCommit,
                where);
    }

    /**
     * Where the data lives, for messages: the url without its parameters (which may carry a
     * password), so every host it names, and the schema.
     *
     * @return for example {@code jdbc:postgresql://db:5432/app schema skeleton}
     */
    public String describe() {
        return withoutParameters(url) + " schema " + schema;
    }

    /** The url up to its parameters: a url may carry {@code ?password=...}. */
    static String withoutParameters(String url) {
        int question = url.indexOf('?');
        return question < 0 ? url : url.substring(0, question);
    }

    /** Shows every setting but the password, which is masked. */
    @Override
    public String toString() {
        return "PostgresSettings[url=" + withoutParameters(url) + ", user=" + user + ", password="
                + (password == null ? "none" : "***") + ", pool_size=" + poolSize + ", schema=" + schema
                + ", connect_timeout_ms=" + connectTimeoutMillis + ", synchronous_commit="
                + (synchronousCommit == null ? "server's" : synchronousCommit) + ", read_from="
                + readFrom.configValue() + "]";
    }
}
