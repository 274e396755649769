package dev.skeleton.storage.postgres;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.skeleton.storage.Config;
import dev.skeleton.storage.ErrorCode;
import dev.skeleton.storage.StorageException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * What the settings say about a bad configuration, without a server: every problem at once, each
 * naming the key, the value given (never a password) and what the key accepts.
 */
class PostgresSettingsTest {

    private static final String URL = "jdbc:postgresql://db:5432/app";

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', value = {
        "pool_size|1|invalid config value for pool_size: \"1\", expected a number from 2 to 1000",
        "pool_size|1001|invalid config value for pool_size: \"1001\", expected a number from 2 to 1000",
        "pool_size|ten|invalid config value for pool_size: \"ten\", expected a whole number",
        "connect_timeout_ms|10|invalid config value for connect_timeout_ms: \"10\", expected a number from 250 to 600000",
        "schema|Bad-Name|invalid config value for schema: \"Bad-Name\", expected a lower-case SQL identifier matching "
                + "[a-z_][a-z0-9_]{0,62}",
        "url|mysql://db/app?password=hidden|invalid config value for url: \"mysql://db/app\", expected a JDBC url "
                + "jdbc:postgresql://host:port/database",
    })
    void aBadValueIsNamedWithWhatTheKeyAccepts(String key, String value, String expected) {
        Map<String, Object> values = new HashMap<>(Map.of("url", URL));
        values.put(key, value);

        assertEquals(List.of(expected), PostgresSettings.problems(Config.of(values)));
        StorageException refused = assertThrows(StorageException.class, () -> PostgresSettings.from(Config.of(values)));
        assertEquals(ErrorCode.INVALID_CONFIG, refused.code());
        assertEquals("postgres engine: " + expected, refused.getMessage());
    }

    @Test
    void everyProblemIsToldAtOnceInTheOrderOfTheKeys() {
        List<String> problems = PostgresSettings.problems(Config.of("pool_size", "1", "passwd", "s3cret",
                "connect_timeout_ms", 10, "service.pid", "dev.skeleton.storage.postgres"));

        assertEquals(List.of(
                "unknown config key(s) [passwd] (values not shown), expected only "
                        + "[url, user, password, pool_size, schema, connect_timeout_ms]",
                "config key url is missing, expected a JDBC url jdbc:postgresql://host:port/database",
                "invalid config value for pool_size: \"1\", expected a number from 2 to 1000",
                "invalid config value for connect_timeout_ms: 10 (Integer), expected a number from 250 to 600000"),
                problems);
        problems.forEach(problem -> assertFalse(problem.contains("s3cret"), problem));
    }

    @Test
    void aPasswordThatIsNoTextIsNotShown() {
        List<String> problems = PostgresSettings.problems(Config.of("url", URL, "password", 271828));

        assertEquals(List.of("invalid config value for password (not shown), expected a string"), problems);
    }

    @Test
    void aUrlThatIsNoTextIsNotReportedMissingToo() {
        assertEquals(List.of("invalid config value for url: 5432 (Integer), expected a string"),
                PostgresSettings.problems(Config.of("url", 5432)));
    }

    @Test
    void aGoodConfigurationHasNoProblem() {
        Config good = Config.of("url", URL, "user", "u", "password", "p", "pool_size", "20", "schema", "app",
                "connect_timeout_ms", 1000L, "felix.fileinstall.filename", "file:/etc/x.cfg");

        assertEquals(List.of(), PostgresSettings.problems(good));
        PostgresSettings settings = PostgresSettings.from(good);
        assertEquals(new PostgresSettings(URL, "u", "p", 20, "app", 1000), settings);
    }

    @Test
    void theConstructorNamesTheFirstBadSetting() {
        StorageException missing = assertThrows(StorageException.class, () -> PostgresSettings.of(null, null, null));
        assertEquals("postgres engine: config key url is missing, expected a JDBC url "
                + "jdbc:postgresql://host:port/database", missing.getMessage());
        StorageException pool = assertThrows(StorageException.class,
                () -> PostgresSettings.of(URL, null, "secret").withPoolSize(1));
        assertTrue(pool.getMessage().startsWith("postgres engine: invalid config value for pool_size: 1, expected a "
                + "number from 2 to 1000"), pool.getMessage());
        assertFalse(pool.getMessage().contains("secret"), pool.getMessage());
        StorageException schema = assertThrows(StorageException.class,
                () -> new PostgresSettings(URL, null, null, 10, null, 5000));
        assertTrue(schema.getMessage().contains("schema: nothing"), schema.getMessage());
        StorageException timeout = assertThrows(StorageException.class,
                () -> PostgresSettings.of(URL, null, null).withConnectTimeoutMillis(600_001));
        assertTrue(timeout.getMessage().contains("connect_timeout_ms: 600001, expected a number from 250 to 600000"),
                timeout.getMessage());
    }
}
