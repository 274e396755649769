package dev.skeleton.storage.postgres;

import dev.skeleton.storage.Config;
import dev.skeleton.storage.ErrorCode;
import dev.skeleton.storage.StorageException;
import java.util.List;
import java.util.TreeSet;
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
     * @throws StorageException INVALID_CONFIG naming the bad key (and its value, but never a password)
     */
    public PostgresSettings {
        if (url == null || !url.startsWith(URL_PREFIX)) {
            throw new StorageException(ErrorCode.INVALID_CONFIG, "postgres engine: config key " + URL
                    + " must be a JDBC url starting with " + URL_PREFIX + ", not "
                    + (url == null ? "nothing" : "\"" + withoutParameters(url) + "\""));
        }
        if (poolSize < 2 || poolSize > 1000) {
            throw new StorageException(ErrorCode.INVALID_CONFIG, "postgres engine: config key " + POOL_SIZE
                    + "=" + poolSize + " must be a number from 2 to 1000 (an iteration's visitor may write)");
        }
        if (schema == null || !SCHEMA_NAME.matcher(schema).matches()) {
            throw new StorageException(ErrorCode.INVALID_CONFIG, "postgres engine: config key " + SCHEMA
                    + "=" + schema + " must be a lower-case SQL identifier matching " + SCHEMA_NAME);
        }
        if (connectTimeoutMillis < 250 || connectTimeoutMillis > 600_000) {
            throw new StorageException(ErrorCode.INVALID_CONFIG, "postgres engine: config key "
                    + CONNECT_TIMEOUT_MS + "=" + connectTimeoutMillis + " must be a number from 250 to 600000");
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
     * @throws StorageException INVALID_CONFIG naming the bad or missing key
     */
    public static PostgresSettings from(Config config) {
        requireKnownKeys(config);
        Object password = config.get(PASSWORD);
        if (password != null && !(password instanceof String)) {
            // Config's own message would show the value: not for this key.
            throw new StorageException(ErrorCode.INVALID_CONFIG, "postgres engine: config key " + PASSWORD
                    + " must be a string");
        }
        return new PostgresSettings(config.getString(URL, null), config.getString(USER, null), (String) password,
                config.getInt(POOL_SIZE, DEFAULT_POOL_SIZE, 2, 1000),
                config.getString(SCHEMA, DEFAULT_SCHEMA),
                config.getLong(CONNECT_TIMEOUT_MS, DEFAULT_CONNECT_TIMEOUT_MS, 250, 600_000));
    }

    /**
     * Refuses keys this class does not read, naming them without their values: a mistyped key
     * ({@code passwd}) may well hold the password.
     */
    private static void requireKnownKeys(Config config) {
        TreeSet<String> unknown = new TreeSet<>();
        for (String key : config.asMap().keySet()) {
            if (!KEYS.contains(key) && !Config.isFrameworkKey(key)) {
                unknown.add(key);
            }
        }
        if (!unknown.isEmpty()) {
            throw new StorageException(ErrorCode.INVALID_CONFIG, "unknown config key(s) for postgres engine: "
                    + unknown + " (values not shown); known keys: " + KEYS);
        }
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
