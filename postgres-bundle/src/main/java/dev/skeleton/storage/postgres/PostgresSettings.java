package dev.skeleton.storage.postgres;

import dev.skeleton.storage.Config;
import dev.skeleton.storage.ErrorCode;
import dev.skeleton.storage.StorageException;
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
 *   <li>{@code url}: the JDBC url, {@code jdbc:postgresql://host:port/database}; required.</li>
 *   <li>{@code user}, {@code password}: the database login; both optional (the driver's defaults
 *       and {@code ~/.pgpass} apply when absent).</li>
 *   <li>{@code pool_size}: the most connections the engine holds, 2 to 1000, default 10. Every open
 *       transaction and every iteration in progress holds one until it ends.</li>
 *   <li>{@code schema}: the database schema the stores live in, default {@code skeleton}; a plain
 *       lower-case SQL identifier. Engines (processes) with the same url and schema share their
 *       stores.</li>
 *   <li>{@code connect_timeout_ms}: how long an operation waits for a connection before it fails
 *       with {@code IO}, 250 to 600000, default 5000.</li>
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
 */
public record PostgresSettings(String url, String user, String password, int poolSize, String schema,
        long connectTimeoutMillis) {

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
    /** Every key this class reads. */
    public static final List<String> KEYS = List.of(URL, USER, PASSWORD, POOL_SIZE, SCHEMA, CONNECT_TIMEOUT_MS);

    /** The default pool size. */
    public static final int DEFAULT_POOL_SIZE = 10;
    /** The default schema. */
    public static final String DEFAULT_SCHEMA = "skeleton";
    /** The default connection timeout. */
    public static final long DEFAULT_CONNECT_TIMEOUT_MS = 5000;

    private static final Pattern SCHEMA_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
    private static final String URL_PREFIX = "jdbc:postgresql:";

    /**
     * Checks the settings.
     *
     * @throws StorageException INVALID_CONFIG naming the first bad key, its value (never a password)
     *         and what it accepts
     */
    public PostgresSettings {
        String problem = firstNonNull(urlProblem(url), poolSizeProblem(poolSize), schemaProblem(schema),
                connectTimeoutProblem(connectTimeoutMillis));
        if (problem != null) {
            throw new StorageException(ErrorCode.INVALID_CONFIG, "postgres engine: " + problem);
        }
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
                config.getLong(CONNECT_TIMEOUT_MS, DEFAULT_CONNECT_TIMEOUT_MS, 250, 600_000));
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
        return null;
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
        return new PostgresSettings(url, user, password, size, schema, connectTimeoutMillis);
    }

    /**
     * The same settings with another schema.
     *
     * @param name the schema
     * @return new settings
     */
    public PostgresSettings withSchema(String name) {
        return new PostgresSettings(url, user, password, poolSize, name, connectTimeoutMillis);
    }

    /**
     * The same settings with another connection timeout.
     *
     * @param millis the timeout
     * @return new settings
     */
    public PostgresSettings withConnectTimeoutMillis(long millis) {
        return new PostgresSettings(url, user, password, poolSize, schema, millis);
    }

    /**
     * Where the data lives, for messages: the url without its parameters (which may carry a
     * password), and the schema.
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
                + ", connect_timeout_ms=" + connectTimeoutMillis + "]";
    }
}
